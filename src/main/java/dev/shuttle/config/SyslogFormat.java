package dev.shuttle.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The layout of the lines a {@code log} target receives ({@code format} of the {@code log}
 * keyword, configuration.txt). The examples are what haproxy 2.6 sends for facility local0,
 * level info, process 4242:
 *
 * <pre>
 * local     (the default)  &lt;134&gt;Nov 22 00:20:54 haproxy[4242]: message
 * rfc3164                  &lt;134&gt;Nov 22 00:20:52 localhost haproxy[4242]: message
 * rfc5424                  &lt;134&gt;1 2026-11-22T00:20:22.270321+00:00 - haproxy 4242 - - message
 * priority                 &lt;134&gt;message
 * short                    &lt;6&gt;message
 * timed                    &lt;6&gt;2026-11-22T00:20:11.928943+00:00 message
 * iso                      2026-11-22T00:20:15.401374+00:00 message
 * raw                      message
 * </pre>
 */
public enum SyslogFormat {
    LOCAL, RFC3164, RFC5424, PRIORITY, SHORT, TIMED, ISO, RAW;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SyslogFormat> fromKeyword(String word) {
        return Arrays.stream(values()).filter(format -> format.keyword().equals(word)).findFirst();
    }
}
