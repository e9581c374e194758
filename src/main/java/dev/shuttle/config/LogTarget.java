package dev.shuttle.config;

import dev.shuttle.lang.SourceLocation;
import dev.shuttle.lang.SyslogLevel;
import java.util.Optional;

/**
 * Where a {@code log} line sends messages: a destination, a facility, the levels it passes, and
 * how each message is laid out and cut (configuration.txt, "log").
 *
 * @param target      the target as written ({@code 127.0.0.1:514}, {@code /dev/log}, {@code stdout})
 * @param destination where the messages go
 * @param maxLevel    messages less important than this are dropped
 * @param minLevel    messages more important than this are sent at this level
 * @param format      the layout of each line ({@code format})
 * @param formatGiven whether {@code format} was written: without it, {@code log-send-hostname}
 *                    turns the default {@code local} into {@code rfc3164}
 * @param maxLength   {@code len}: the most bytes a message may take, header and final line feed included
 * @param sampling    {@code sample}: which messages of each period are sent; empty sends them all
 * @param profileName the {@code log-profile} named by {@code profile <name>}, or null
 * @param profile     that profile, once the configuration is resolved
 */
public record LogTarget(SourceLocation where, String target, LogDestination destination, SyslogFacility facility,
                        SyslogLevel maxLevel, SyslogLevel minLevel, SyslogFormat format, boolean formatGiven,
                        int maxLength, Optional<LogSampling> sampling, String profileName,
                        Optional<LogProfile> profile) {
    /** {@code len}'s default, RFC 3164's limit. */
    public static final int DEFAULT_MAX_LENGTH = 1024;

    /** A target without {@code len}, {@code sample} or {@code profile}, with {@code format} as given. */
    public LogTarget(SourceLocation where, String target, LogDestination destination, SyslogFacility facility,
                     SyslogLevel maxLevel, SyslogLevel minLevel, SyslogFormat format) {
        this(where, target, destination, facility, maxLevel, minLevel, format, true, DEFAULT_MAX_LENGTH,
                Optional.empty(), null, Optional.empty());
    }

    /** A target without a log profile. */
    public LogTarget(SourceLocation where, String target, LogDestination destination, SyslogFacility facility,
                     SyslogLevel maxLevel, SyslogLevel minLevel, SyslogFormat format, boolean formatGiven,
                     int maxLength, Optional<LogSampling> sampling) {
        this(where, target, destination, facility, maxLevel, minLevel, format, formatGiven, maxLength, sampling, null,
                Optional.empty());
    }

    /** This target with its profile resolved. */
    public LogTarget withProfile(LogProfile resolved) {
        return new LogTarget(where, target, destination, facility, maxLevel, minLevel, format, formatGiven, maxLength,
                sampling, profileName, Optional.of(resolved));
    }
}
