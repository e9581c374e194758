package dev.shuttle.config.parse;

import dev.shuttle.config.LogProfile;
import dev.shuttle.config.LogStep;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.lang.SourceLocation;
import dev.shuttle.pattern.StandardRegistry;
import dev.shuttle.sample.CompileScope;
import dev.shuttle.sample.LogFormat;
import dev.shuttle.sample.SampleCompileException;
import dev.shuttle.sample.SampleCompiler;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code log-profile <name>} section being read (configuration.txt §8.3.5): {@code log-tag
 * <string>} and {@code on <step> [drop] [format <fmt>] [sd <sd_fmt>]}, with HAProxy's messages.
 * Its formats are compiled once, with no proxy around, as HAProxy compiles them.
 */
final class LogProfileSection {
    private final String name;
    private final SourceLocation where;
    private String tag;
    private final Map<LogStep, Step> steps = new EnumMap<>(LogStep.class);
    private Step any;

    /** An {@code on} line as it grows: later {@code on} lines for the same step change it. */
    private static final class Step {
        boolean drop;
        LogFormat format;
        LogFormat structuredData;
    }

    private LogProfileSection(String name, SourceLocation where) {
        this.name = name;
        this.where = where;
    }

    /** Opens {@code log-profile <name>}, refusing a missing, badly spelt or repeated name. */
    static LogProfileSection open(List<String> words, SourceLocation where, Map<String, LogProfileSection> known)
            throws ConfigException {
        if (words.size() < 2 || words.get(1).isEmpty()) {
            throw new ConfigException("missing name for log-profile section.");
        }
        String name = words.get(1);
        for (char c : name.toCharArray()) {
            if (!Character.isLetterOrDigit(c) && c != '-' && c != '_' && c != '.' && c != ':') {
                throw new ConfigException("character '" + c + "' is not permitted in 'log-profile' name '" + name + "'.");
            }
        }
        LogProfileSection previous = known.get(name);
        if (previous != null) {
            throw new ConfigException("log-profile section '" + name
                    + "' has the same name as another log-profile section declared at " + previous.where + ".");
        }
        LogProfileSection section = new LogProfileSection(name, where);
        known.put(name, section);
        return section;
    }

    void parse(List<String> words) throws ConfigException {
        switch (words.getFirst()) {
            case "log-tag" -> {
                if (words.size() < 2 || words.get(1).isEmpty()) {
                    throw new ConfigException("'log-tag' expects a tag for use in syslog.");
                }
                tag = words.get(1);
            }
            case "on" -> on(words);
            default -> throw new ConfigException("unknown keyword '" + words.getFirst() + "' in log-profile section.");
        }
    }

    private void on(List<String> words) throws ConfigException {
        String stepWord = words.size() > 1 ? words.get(1) : "";
        Step step;
        if (stepWord.equals("any")) {
            any = any == null ? new Step() : any;
            step = any;
        } else {
            LogStep found = LogStep.fromKeyword(stepWord).orElseThrow(() -> new ConfigException("'on' expects a log "
                    + "step.\nexpected values are: 'accept', 'request', 'connect', 'response', 'close', 'error' or "
                    + "'any'.\nOr one of the additional log steps: 'http-req', 'http-res', 'http-after-res', "
                    + "'tcp-req-conn', 'tcp-req-sess', 'tcp-req-cont', 'tcp-res-cont'."));
            step = steps.computeIfAbsent(found, s -> new Step());
        }
        int i = 2;
        while (i < words.size()) {
            String word = words.get(i);
            if (word.equals("drop") && i == 2) {
                step.drop = true;
                i++;
                continue;
            }
            if (!word.equals("format") && !word.equals("sd")) {
                break;
            }
            step.drop = false;
            if (i + 1 >= words.size() || words.get(i + 1).isEmpty()) {
                throw new ConfigException("'on " + stepWord + " " + word + "' expects a logformat string.");
            }
            LogFormat format = compile(words.get(i + 1));
            if (word.equals("format")) {
                step.format = format;
            } else {
                step.structuredData = format;
            }
            i += 2;
        }
        if (i == 2 || i < words.size()) {
            throw new ConfigException("'on " + stepWord + "' expects 'drop', 'format' or 'sd'.");
        }
    }

    private static LogFormat compile(String text) throws ConfigException {
        try {
            return LogFormat.compile(text, expression -> {
                try {
                    return SampleCompiler.compile(expression, StandardRegistry.get(), CompileScope.STANDALONE);
                } catch (SampleCompileException e) {
                    throw new ConfigException(e.getMessage());
                }
            }, LogFormat.Mode.LOG);
        } catch (ConfigException e) {
            throw new ConfigException("failed to parse logformat: " + e.getMessage() + ".");
        }
    }

    LogProfile freeze() {
        Map<LogStep, LogProfile.Override> frozen = new EnumMap<>(LogStep.class);
        steps.forEach((step, value) -> frozen.put(step, freeze(value)));
        return new LogProfile(name, Optional.ofNullable(tag), frozen, Optional.ofNullable(any).map(LogProfileSection::freeze));
    }

    private static LogProfile.Override freeze(Step step) {
        return new LogProfile.Override(step.drop, Optional.ofNullable(step.format), Optional.ofNullable(step.structuredData));
    }
}
