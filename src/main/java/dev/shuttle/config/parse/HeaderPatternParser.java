package dev.shuttle.config.parse;

import dev.shuttle.config.HttpCheckExpect;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.sample.LogFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The header pattern of {@code http-check expect hdr|fhdr name[-lf] [-m <meth>] <name>
 * [value[-lf] [-m <meth>] <value>]} (configuration.txt §4, "http-check expect"), read as HAProxy
 * 3.5 reads it, with its alerts.
 */
final class HeaderPatternParser {
    private final KeywordContext line;
    private final ProxySection proxy;
    private final String keyword;
    private int at;
    private HttpCheckExpect.HeaderPattern pattern;

    HeaderPatternParser(KeywordContext line, ProxySection proxy, String keyword, int index) throws ConfigException {
        this.line = line;
        this.proxy = proxy;
        this.keyword = keyword;
        this.at = index;
        parse();
    }

    HttpCheckExpect.HeaderPattern pattern() {
        return pattern;
    }

    /** The index of the pattern's last word. */
    int last() {
        return at;
    }

    private void parse() throws ConfigException {
        String nameWord = line.arg(at + 1);
        if (line.arg(at + 2).isEmpty() || !(nameWord.equals("name") || nameWord.equals("name-lf"))) {
            throw error("'" + keyword + "' expects at the name keyword as first argument followed by a pattern");
        }
        boolean nameLf = nameWord.equals("name-lf");
        at += 2;
        HttpCheckExpect.Method nameMethod = HttpCheckExpect.Method.STR;
        if (line.arg(at).equals("-m")) {
            nameMethod = method(line.arg(at + 1), nameLf);
            at += 2;
        }
        String name = line.arg(at);
        if (name.isEmpty()) {
            throw error("'" + keyword + "' expects at the name keyword as first argument followed by a pattern");
        }
        Optional<LogFormat> nameFormat = nameLf ? Optional.of(compile(name)) : Optional.empty();
        checkRegex(nameMethod, name);
        String valueWord = line.arg(at + 1);
        if (!(valueWord.equals("value") || valueWord.equals("value-lf"))) {
            pattern = new HttpCheckExpect.HeaderPattern(nameMethod, name, nameFormat, Optional.empty(), "",
                    Optional.empty());
            return;
        }
        boolean valueLf = valueWord.equals("value-lf");
        at += 1;
        HttpCheckExpect.Method valueMethod = HttpCheckExpect.Method.STR;
        if (line.arg(at + 1).equals("-m")) {
            valueMethod = method(line.arg(at + 2), valueLf);
            at += 2;
        }
        String value = line.arg(at + 1);
        if (value.isEmpty()) {
            throw error("'" + keyword + "' expect a pattern with the value keyword");
        }
        at += 1;
        checkRegex(valueMethod, value);
        pattern = new HttpCheckExpect.HeaderPattern(nameMethod, name, nameFormat, Optional.of(valueMethod), value,
                valueLf ? Optional.of(compile(value)) : Optional.empty());
    }

    private HttpCheckExpect.Method method(String word, boolean logFormat) throws ConfigException {
        if (word.isEmpty()) {
            throw error("'" + keyword + "' : '-m' expects at a matching pattern ('str', 'beg', 'end', 'sub' or 'reg')");
        }
        HttpCheckExpect.Method method = switch (word) {
            case "str" -> HttpCheckExpect.Method.STR;
            case "beg" -> HttpCheckExpect.Method.BEG;
            case "end" -> HttpCheckExpect.Method.END;
            case "sub" -> HttpCheckExpect.Method.SUB;
            case "reg" -> HttpCheckExpect.Method.REG;
            default -> throw error("'" + keyword + "' : '-m' only supports 'str', 'beg', 'end', 'sub' or 'reg' "
                    + "(got '" + word + "')");
        };
        if (method == HttpCheckExpect.Method.REG && logFormat) {
            throw error("'" + keyword + "': log-format string is not supported with a regex matching method");
        }
        return method;
    }

    private void checkRegex(HttpCheckExpect.Method method, String text) throws ConfigException {
        if (method == HttpCheckExpect.Method.REG) {
            try {
                Pattern.compile(text);
            } catch (PatternSyntaxException e) {
                throw error("'" + keyword + "' : invalid regex '" + text + "' : " + e.getDescription());
            }
        }
    }

    private LogFormat compile(String text) throws ConfigException {
        return new ProxyRuleCompiler(line, proxy).logFormat(text, LogFormat.Mode.TEXT);
    }

    private ConfigException error(String text) {
        return new ConfigException("'http-check expect' : " + text + ".");
    }
}
