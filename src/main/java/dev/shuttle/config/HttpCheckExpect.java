package dev.shuttle.config;

import dev.shuttle.sample.LogFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * One {@code http-check expect [options] [!] <match> <pattern>} rule (configuration.txt §4,
 * "http-check expect").
 *
 * @param match    what is compared
 * @param negated  {@code !}: the check fails when the pattern matches
 * @param pattern  the codes ({@code 200}, {@code 200,301-399}), string or regular expression; for
 *                 {@code hdr}/{@code fhdr}, the header name as written
 * @param format   {@code string-lf}: the pattern made at each check
 * @param header   {@code hdr}, {@code fhdr}: the name and value patterns
 * @param options  {@code min-recv}, {@code ok-status}, {@code on-error}... (the same as tcp-check's)
 */
public record HttpCheckExpect(Match match, boolean negated, String pattern, Optional<LogFormat> format,
                              Optional<HeaderPattern> header, TcpCheckRule.ExpectOptions options) {
    /** An expectation whose pattern is fixed. */
    public HttpCheckExpect(Match match, boolean negated, String pattern) {
        this(match, negated, pattern, Optional.empty(), Optional.empty(), TcpCheckRule.ExpectOptions.NONE);
    }

    public HttpCheckExpect(Match match, boolean negated, String pattern, Optional<LogFormat> format) {
        this(match, negated, pattern, format, Optional.empty(), TcpCheckRule.ExpectOptions.NONE);
    }

    /** The {@code <match>} keywords Shuttle implements. */
    public enum Match {
        /** The status code is one of a comma-separated list of codes or ranges. */
        STATUS,
        /** The status code, as text, matches a regular expression. */
        RSTATUS,
        /** The body contains the string. */
        STRING,
        /** The body matches a regular expression. */
        RSTRING,
        /** A header's name, and one of its comma-separated values, match ({@code hdr}). */
        HDR,
        /** A header's name, and its whole value, match ({@code fhdr}). */
        FHDR;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How {@code hdr}/{@code fhdr} compare a name or a value ({@code -m str|beg|end|sub|reg}). */
    public enum Method {
        STR, BEG, END, SUB, REG
    }

    /**
     * {@code name [-m <meth>] <name> [value [-m <meth>] <value>]}, or {@code name-lf}/{@code value-lf}
     * made at each check.
     *
     * @param value empty: any value (the name alone must match)
     */
    public record HeaderPattern(Method nameMethod, String name, Optional<LogFormat> nameFormat,
                                Optional<Method> valueMethod, String value, Optional<LogFormat> valueFormat) {}
}
