package dev.shuttle.sample;

import dev.shuttle.lang.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A compiled log-format string (configuration.txt §8.2.6): literal text, {@code %[expression]}
 * samples (with optional {@code %{+Q}} style flags), {@code %%}, and the aliases that name a
 * sample ({@code %ci} is {@code src}...). Used by rule arguments ({@code set-header},
 * {@code lf-string}) and, later, by {@code log-format}.
 *
 * <p>Outside log lines HAProxy renders a missing sample as nothing and ignores the flags; that is
 * what {@link #render} does. Aliases that are timers or counters of a finished stream (%Tt, %B...)
 * belong to log lines and are refused here until custom log formats exist.
 */
public final class LogFormat {
    /** Compiles a sample expression, as the configuration's sample compiler does. */
    @FunctionalInterface
    public interface ExpressionCompiler {
        SampleExpression compile(String expression) throws ConfigException;
    }

    /** Aliases that stand for a sample fetch (configuration.txt §8.2.6, the table of '%' variables). */
    private static final Map<String, String> FETCH_ALIASES = Map.ofEntries(
            Map.entry("ci", "src"), Map.entry("cp", "src_port"), Map.entry("fi", "dst"), Map.entry("fp", "dst_port"),
            Map.entry("f", "fe_name"), Map.entry("ft", "fe_name"), Map.entry("b", "be_name"), Map.entry("s", "srv_name"),
            Map.entry("H", "hostname"), Map.entry("pid", "pid"), Map.entry("ID", "unique-id"),
            Map.entry("HM", "method"), Map.entry("HP", "path"), Map.entry("HQ", "query"), Map.entry("HU", "url"),
            Map.entry("HV", "req.ver"));

    private sealed interface Segment {
        record Literal(String text) implements Segment {}

        record Expression(SampleExpression expression) implements Segment {}
    }

    private final String source;
    private final List<Segment> segments;

    private LogFormat(String source, List<Segment> segments) {
        this.source = source;
        this.segments = List.copyOf(segments);
    }

    public static LogFormat compile(String format, ExpressionCompiler compiler) throws ConfigException {
        List<Segment> segments = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c != '%') {
                literal.append(c);
                i++;
                continue;
            }
            if (i + 1 < format.length() && format.charAt(i + 1) == '%') {
                literal.append('%');
                i += 2;
                continue;
            }
            flush(literal, segments);
            i = parsePercent(format, i + 1, compiler, segments);
        }
        flush(literal, segments);
        return new LogFormat(format, segments);
    }

    /** Parses what follows a '%' at {@code start}; returns the index after it. */
    private static int parsePercent(String format, int start, ExpressionCompiler compiler, List<Segment> segments)
            throws ConfigException {
        int i = start;
        if (i < format.length() && format.charAt(i) == '{') {
            int close = format.indexOf('}', i);
            if (close < 0) {
                throw new ConfigException("missing '}' after '%{' in log-format string '" + format + "'");
            }
            i = close + 1;
        }
        if (i < format.length() && format.charAt(i) == '[') {
            int close = matchingBracket(format, i);
            if (close < 0) {
                throw new ConfigException("missing ']' in log-format string '" + format + "'");
            }
            segments.add(new Segment.Expression(compiler.compile(format.substring(i + 1, close))));
            return close + 1;
        }
        int end = i;
        while (end < format.length() && Character.isLetterOrDigit(format.charAt(end))) {
            end++;
        }
        String alias = format.substring(i, end);
        String fetch = longestAlias(alias);
        if (fetch == null) {
            throw new ConfigException("log-format variable '%" + alias + "' is not supported by Shuttle yet "
                    + "(use a sample expression, %[...])");
        }
        String aliasName = alias.substring(0, aliasLength(alias));
        segments.add(new Segment.Expression(compiler.compile(FETCH_ALIASES.get(aliasName))));
        return i + aliasName.length();
    }

    /** '%cip' is '%ci' followed by 'p': HAProxy takes the longest alias that the text starts with. */
    private static String longestAlias(String text) {
        int length = aliasLength(text);
        return length > 0 ? FETCH_ALIASES.get(text.substring(0, length)) : null;
    }

    private static int aliasLength(String text) {
        for (int length = text.length(); length > 0; length--) {
            if (FETCH_ALIASES.containsKey(text.substring(0, length))) {
                return length;
            }
        }
        return 0;
    }

    private static int matchingBracket(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static void flush(StringBuilder literal, List<Segment> segments) {
        if (!literal.isEmpty()) {
            segments.add(new Segment.Literal(literal.toString()));
            literal.setLength(0);
        }
    }

    /** The text for a header value or a body: a missing sample renders as nothing. */
    public String render(SampleContext context) {
        if (segments.size() == 1 && segments.getFirst() instanceof Segment.Literal literal) {
            return literal.text();
        }
        StringBuilder out = new StringBuilder();
        for (Segment segment : segments) {
            switch (segment) {
                case Segment.Literal literal -> out.append(literal.text());
                case Segment.Expression expression -> {
                    Optional<Sample> value = expression.expression().evaluate(context);
                    value.ifPresent(sample -> appendEscaped(out, sample.toText()));
                }
            }
        }
        return out.toString();
    }

    /**
     * A sample's text with control characters written {@code %XX}, as HAProxy renders them: a
     * value decoded from the request (a {@code url_dec} of a header, say) must never put a CR or LF
     * into the header or body it is written to.
     */
    private static void appendEscaped(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            } else {
                out.append(c);
            }
        }
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** Whether the format has no sample in it (its text never changes). */
    public boolean isConstant() {
        return segments.stream().allMatch(s -> s instanceof Segment.Literal);
    }

    @Override
    public String toString() {
        return source;
    }
}
