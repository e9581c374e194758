package dev.shuttle.sample;

import dev.shuttle.lang.ConfigException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a log-format string into {@link LogFormat.Node}s (configuration.txt §8.2.6):
 * {@code %%} is a literal {@code %}; {@code %} starts an item made of an optional name
 * {@code (name[:type])}, optional flags {@code {+Q,-X}}, then an alias (letters and digits,
 * matched whole) or a sample expression in brackets. {@code %o} is no item: its flags become
 * the defaults of the items after it and, the first time, the options of the whole line.
 * Errors carry HAProxy's messages.
 */
final class LogFormatParser {
    private final String format;
    private final LogFormat.ExpressionCompiler compiler;
    private final boolean logLine;
    private final List<LogFormat.Node> nodes = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    /** The flags items start with: the context's, then those of the last {@code %o}. */
    private int defaults;
    /** The options of the whole line: those of the first {@code %o}, narrowed by later ones; NONE without any. */
    private int global = LogOptions.NONE;
    private boolean globalSet;
    private int at;

    LogFormatParser(String format, LogFormat.ExpressionCompiler compiler, int contextOptions, boolean logLine) {
        this.format = format;
        this.compiler = compiler;
        this.defaults = contextOptions;
        this.logLine = logLine;
    }

    LogFormat parse() throws ConfigException {
        boolean mergeSpaces = (defaults & LogOptions.MERGE_SPACES) != 0;
        while (at < format.length()) {
            char c = format.charAt(at);
            if (c == '%') {
                at++;
                item();
            } else if (c == ' ' && mergeSpaces) {
                flushText();
                nodes.add(new LogFormat.Node.Separator());
                at++;
            } else {
                text.append(c);
                at++;
            }
        }
        flushText();
        int settledGlobal = LogOptions.settle(global, LogOptions.NONE);
        List<LogFormat.Node> settled = new ArrayList<>(nodes.size());
        for (LogFormat.Node node : nodes) {
            settled.add(switch (node) {
                case LogFormat.Node.Alias alias -> new LogFormat.Node.Alias(alias.alias(), alias.name(),
                        alias.typecast(), LogOptions.settle(alias.options(), settledGlobal));
                case LogFormat.Node.Expression expression -> new LogFormat.Node.Expression(expression.expression(),
                        expression.name(), expression.typecast(), LogOptions.settle(expression.options(), settledGlobal));
                default -> node;
            });
        }
        return new LogFormat(format, settled, settledGlobal);
    }

    /** What follows a '%'. */
    private void item() throws ConfigException {
        if (at >= format.length()) {
            throw new ConfigException("truncated line after '%'");
        }
        String name = null;
        LogFormat.Typecast typecast = LogFormat.Typecast.NONE;
        if (format.charAt(at) == '(') {
            int close = nameEnd(at + 1);
            String inside = format.substring(at + 1, close);
            int colon = inside.indexOf(':');
            name = colon < 0 ? inside : inside.substring(0, colon);
            if (colon >= 0) {
                typecast = typecast(inside.substring(colon + 1), at + 2 + colon);
            }
            if (name.isEmpty()) {
                name = null;
            }
            at = close + 1;
            if (at >= format.length()) {
                throw new ConfigException("truncated line after '%'");
            }
        }
        String flags = null;
        char c = format.charAt(at);
        if (c == '{') {
            int close = format.indexOf('}', at);
            if (close < 0) {
                throw new ConfigException("truncated line after '" + format.substring(at + 1) + "'");
            }
            flags = format.substring(at + 1, close);
            at = close + 1;
            if (at >= format.length() || (format.charAt(at) != '[' && !isAlnum(format.charAt(at)))) {
                throw new ConfigException("parse argument modifier without alias name near '%{" + flags + "}'");
            }
            c = format.charAt(at);
        }
        if (c == '[') {
            expression(name, typecast, flags);
        } else if (isAlpha(c) || (flags != null && isAlnum(c))) {
            alias(name, typecast, flags);
        } else if (c == '%') {
            text.append('%');
            at++;
        } else if (Character.isDigit(c) || c == ' ' || c == '\t') {
            throw new ConfigException("unexpected alias name near '" + c + "' at position " + at
                    + " line : '" + format + "'. Maybe you want to write a single '%', use the syntax '%%'");
        }
        // Any other character: HAProxy drops the '%' and goes on with the text from that character.
    }

    /** The ')' ending {@code (name[:type])}; names and types are letters, digits, '_' and '-'. */
    private int nameEnd(int from) throws ConfigException {
        boolean inType = false;
        for (int i = from; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == ')') {
                return i;
            }
            if (c == ':' && !inType) {
                inType = true;
            } else if (!isAlnum(c) && c != '_' && c != '-') {
                throw new ConfigException("invalid character in custom name near '" + c + "' at position "
                        + i + " line : '" + format + "'");
            }
        }
        throw new ConfigException("truncated line after '%'");
    }

    private LogFormat.Typecast typecast(String type, int position) throws ConfigException {
        return switch (type) {
            case "str" -> LogFormat.Typecast.STR;
            case "sint" -> LogFormat.Typecast.SINT;
            case "bool" -> LogFormat.Typecast.BOOL;
            case "raw" -> LogFormat.Typecast.RAW;
            default -> throw new ConfigException("unexpected output type '" + type + "' at position " + position
                    + " line : '" + format + "'. Supported types are: str, sint, bool, raw");
        };
    }

    private void alias(String name, LogFormat.Typecast typecast, String flags) throws ConfigException {
        int end = at;
        while (end < format.length() && isAlnum(format.charAt(end))) {
            end++;
        }
        String word = format.substring(at, end);
        LogAlias alias = LogAlias.named(word).orElseThrow(() -> new ConfigException("no such format alias '" + word
                + "'. If you wanted to emit the '%' character verbatim, you need to use '%%'"));
        at = end;
        int options = flags == null ? defaults : LogOptions.apply(flags, defaults);
        flushText();
        if (alias == LogAlias.GLOBAL_OPTIONS) {
            defaults = options;
            global = globalSet ? global & options : options;
            globalSet = true;
            return;
        }
        nodes.add(new LogFormat.Node.Alias(alias, name, typecast, options));
    }

    private void expression(String name, LogFormat.Typecast typecast, String flags) throws ConfigException {
        int close = matchingBracket(at);
        if (close < 0) {
            throw new ConfigException("missing ']' after '" + format.substring(at + 1) + "'");
        }
        String text = format.substring(at + 1, close);
        SampleExpression expression;
        try {
            expression = compiler.compile(text);
        } catch (ConfigException e) {
            throw new ConfigException("failed to parse sample expression <" + text + "> : " + e.getMessage());
        }
        if (logLine && !expression.usableIn().contains(Phase.LOG)) {
            throw new ConfigException("sample fetch <" + fetchName(text) + "> may not be reliably used here because it "
                    + "needs data which is not available at the end of the stream, when logs are made");
        }
        at = close + 1;
        int options = flags == null ? defaults : LogOptions.apply(flags, defaults);
        flushText();
        nodes.add(new LogFormat.Node.Expression(expression, name, typecast, options));
    }

    private static String fetchName(String expression) {
        int end = 0;
        while (end < expression.length() && expression.charAt(end) != '(' && expression.charAt(end) != ','
                && expression.charAt(end) != ' ') {
            end++;
        }
        return expression.substring(0, end);
    }

    /** The ']' that closes the '[' at {@code open}, skipping brackets inside the expression's arguments. */
    private int matchingBracket(int open) {
        int depth = 0;
        for (int i = open; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                depth++;
            } else if (c == ']' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private void flushText() {
        if (!text.isEmpty()) {
            nodes.add(new LogFormat.Node.Text(text.toString()));
            text.setLength(0);
        }
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAlnum(char c) {
        return isAlpha(c) || (c >= '0' && c <= '9');
    }
}
