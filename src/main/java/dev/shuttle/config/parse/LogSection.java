package dev.shuttle.config.parse;

import dev.shuttle.config.CookieCapture;
import dev.shuttle.config.LogStep;
import dev.shuttle.lang.SourceLocation;
import java.util.EnumSet;
import java.util.Set;

/**
 * The logging lines of a proxy section as written, before they are compiled in the proxy that
 * uses them: a {@code defaults} section's {@code log-format} is compiled for each frontend that
 * inherits it, as HAProxy does (configuration.txt, "log-format").
 */
final class LogSection {
    /** A format string and the line that set it. */
    record Text(String text, SourceLocation where) {}

    /** The traffic line's format: {@code log-format}, or an option's; null for none. */
    Text format;
    /** Which option set {@link #format}, if one did ({@code httplog}, {@code tcplog}...), for {@code no option}. */
    String formatOption;
    Text structuredData;
    Text errorFormat;
    Text uniqueIdFormat;
    String uniqueIdHeader;
    String tag;
    /** {@code log-steps}: empty for HAProxy's default (one line at the end). */
    Set<LogStep> steps = EnumSet.noneOf(LogStep.class);
    /** {@code capture cookie}, never inherited (a {@code defaults} section may not have one). */
    CookieCapture cookieCapture;

    LogSection copy() {
        LogSection copy = new LogSection();
        copy.format = format;
        copy.formatOption = formatOption;
        copy.structuredData = structuredData;
        copy.errorFormat = errorFormat;
        copy.uniqueIdFormat = uniqueIdFormat;
        copy.uniqueIdHeader = uniqueIdHeader;
        copy.tag = tag;
        copy.steps = EnumSet.noneOf(LogStep.class);
        copy.steps.addAll(steps);
        return copy;
    }
}
