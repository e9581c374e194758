package dev.shuttle.rules;

import dev.shuttle.http.HeaderList;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.sample.LogFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The header actions of {@code http-request}, {@code http-response} and {@code http-after-response}
 * (configuration.txt §4.3): {@code set-header}, {@code add-header}, {@code del-header},
 * {@code replace-header}, {@code replace-value}.
 */
final class HeaderActions {
    private HeaderActions() {}

    static void register(ActionRegistry registry) {
        for (RuleKind kind : List.of(RuleKind.HTTP_REQUEST, RuleKind.HTTP_RESPONSE, RuleKind.HTTP_AFTER_RESPONSE)) {
            Messages side = Messages.of(kind);
            registry.register(kind, "set-header", (words, compiler) -> setOrAdd(words, compiler, side, true));
            registry.register(kind, "add-header", (words, compiler) -> setOrAdd(words, compiler, side, false));
            registry.register(kind, "del-header", (words, compiler) -> delete(words, side));
            registry.register(kind, "replace-header", (words, compiler) -> replace(words, compiler, side, false));
            registry.register(kind, "replace-value", (words, compiler) -> replace(words, compiler, side, true));
            if (kind == RuleKind.HTTP_REQUEST) {
                registry.register(kind, "early-hint", (words, compiler) -> {
                    Words.expectCount(words, 2, "exactly 2 arguments");
                    return new EarlyHintAction(words.get(1), compiler.logFormat(words.get(2)));
                });
            }
        }
    }

    /** {@code set-header <name> <fmt>} removes every field of that name first; {@code add-header} only appends. */
    private static Action setOrAdd(List<String> words, RuleCompiler compiler, Messages side, boolean replace)
            throws ConfigException {
        Words.expectCount(words, 2, "exactly 2 arguments");
        String name = words.get(1);
        LogFormat value = compiler.logFormat(words.get(2));
        return context -> {
            HeaderList headers = side.headers(context);
            String rendered = value.render(context);
            if (replace) {
                headers.removeAll(name);
            }
            headers.add(name, rendered);
            return Verdict.CONTINUE;
        };
    }

    /** {@code del-header <name> [-m <meth>]}: the name matched as a string, or by {@code beg end sub reg}. */
    private static Action delete(List<String> words, Messages side) throws ConfigException {
        if (words.size() != 2 && !(words.size() == 4 && words.get(2).equals("-m"))) {
            throw new ConfigException("'del-header' expects exactly 1 argument, optionally followed by '-m <meth>'.");
        }
        String name = words.get(1);
        String method = words.size() == 4 ? words.get(3) : "str";
        Predicate<String> matches = nameMatcher(name, method);
        return context -> {
            HeaderList headers = side.headers(context);
            List<String> doomed = new ArrayList<>();
            for (HeaderList.Field field : headers) {
                if (matches.test(field.name())) {
                    doomed.add(field.name());
                }
            }
            doomed.forEach(headers::removeAll);
            return Verdict.CONTINUE;
        };
    }

    private static Predicate<String> nameMatcher(String name, String method) throws ConfigException {
        String lower = name.toLowerCase(Locale.ROOT);
        return switch (method) {
            case "str" -> candidate -> candidate.equalsIgnoreCase(name);
            case "beg" -> candidate -> candidate.toLowerCase(Locale.ROOT).startsWith(lower);
            case "end" -> candidate -> candidate.toLowerCase(Locale.ROOT).endsWith(lower);
            case "sub" -> candidate -> candidate.toLowerCase(Locale.ROOT).contains(lower);
            case "reg" -> {
                Pattern pattern = compile(name, "del-header");
                yield candidate -> pattern.matcher(candidate).find();
            }
            default -> throw new ConfigException("'del-header' : unsupported match method '" + method
                    + "' (expects 'str', 'beg', 'end', 'sub' or 'reg').");
        };
    }

    /**
     * {@code replace-header <name> <regex> <fmt>}: each whole value that the regex matches becomes
     * the rendered format with its {@code \1}... back-references; {@code replace-value} does the
     * same to each comma-separated element of the values.
     */
    private static Action replace(List<String> words, RuleCompiler compiler, Messages side, boolean eachElement)
            throws ConfigException {
        Words.expectCount(words, 3, "exactly 3 arguments");
        String name = words.get(1);
        Pattern regex = compile(words.get(2), words.getFirst());
        LogFormat replacement = compiler.logFormat(words.get(3));
        return context -> {
            HeaderList headers = side.headers(context);
            String format = replacement.render(context);
            for (int i = 0; i < headers.size(); i++) {
                HeaderList.Field field = headers.get(i);
                if (field.hasName(name)) {
                    String value = eachElement ? replaceElements(field.value(), regex, format)
                            : replaceWhole(field.value(), regex, format);
                    headers.replace(i, field.name(), value);
                }
            }
            return Verdict.CONTINUE;
        };
    }

    /** An element the regex rewrites loses its leading blanks; the others stay as they were (haproxy 2.6). */
    private static String replaceElements(String value, Pattern regex, String format) {
        String[] elements = value.split(",", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < elements.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            String element = elements[i];
            String trimmed = element.strip();
            if (regex.matcher(trimmed).find()) {
                out.append(replaceWhole(trimmed, regex, format));
            } else {
                out.append(element);
            }
        }
        return out.toString();
    }

    /** HAProxy keeps only the expanded replacement when the regex matches, not the unmatched remainder. */
    static String replaceWhole(String value, Pattern regex, String format) {
        Matcher matcher = regex.matcher(value);
        if (!matcher.find()) {
            return value;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '\\' && i + 1 < format.length() && Character.isDigit(format.charAt(i + 1))) {
                int group = format.charAt(++i) - '0';
                if (group <= matcher.groupCount() && matcher.group(group) != null) {
                    out.append(matcher.group(group));
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static Pattern compile(String regex, String keyword) throws ConfigException {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new ConfigException("'" + keyword + "' : failed to compile regex '" + regex + "' : "
                    + e.getDescription());
        }
    }
}
