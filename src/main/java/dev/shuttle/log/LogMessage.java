package dev.shuttle.log;

import dev.shuttle.lang.SyslogLevel;
import java.util.Optional;

/**
 * One message for the {@code log} targets: its severity, the tag its proxy gives it ({@code
 * log-tag}; empty for the process's own), its text, and the RFC 5424 structured data that
 * {@code log-format-sd} made for it (empty when there is none: {@code format rfc5424} then writes
 * {@code -}, configuration.txt "log-format-sd").
 */
public record LogMessage(SyslogLevel level, Optional<String> tag, CharSequence text, CharSequence structuredData) {
    /** A message with the process's tag and no structured data. */
    public static LogMessage of(SyslogLevel level, CharSequence text) {
        return new LogMessage(level, Optional.empty(), text, "");
    }
}
