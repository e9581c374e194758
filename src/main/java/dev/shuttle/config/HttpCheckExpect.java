package dev.shuttle.config;

import dev.shuttle.sample.LogFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * One {@code http-check expect [!] <match> <pattern>} rule (configuration.txt §4, "http-check expect").
 *
 * @param match    what is compared
 * @param negated  {@code !}: the check fails when the pattern matches
 * @param pattern  the codes ({@code 200}, {@code 200,301-399}), string or regular expression
 */
public record HttpCheckExpect(Match match, boolean negated, String pattern, Optional<LogFormat> format) {
    /** An expectation whose pattern is fixed. */
    public HttpCheckExpect(Match match, boolean negated, String pattern) {
        this(match, negated, pattern, Optional.empty());
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
        RSTRING;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
