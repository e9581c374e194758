package dev.shuttle.config;

import dev.shuttle.lang.SourceLocation;
import dev.shuttle.lang.SyslogLevel;
import dev.shuttle.net.Address;
import java.util.Optional;

/**
 * Where a {@code log} line sends messages: a syslog address (or the process's stdout/stderr), a
 * facility, and the levels it passes.
 *
 * @param target   the target as written ({@code 127.0.0.1:514}, {@code /dev/log}, {@code stdout})
 * @param address  the syslog address; empty for {@code stdout}/{@code stderr}
 * @param maxLevel messages less important than this are dropped
 * @param minLevel messages more important than this are sent at this level
 * @param format   the layout of each line ({@code format})
 * @param profileName the {@code log-profile} named by {@code profile <name>}, or null
 * @param profile  that profile, once the configuration is resolved
 */
public record LogTarget(SourceLocation where, String target, Optional<Address> address, SyslogFacility facility,
                        SyslogLevel maxLevel, SyslogLevel minLevel, SyslogFormat format, String profileName,
                        Optional<LogProfile> profile) {
    /** A target without a log profile. */
    public LogTarget(SourceLocation where, String target, Optional<Address> address, SyslogFacility facility,
                     SyslogLevel maxLevel, SyslogLevel minLevel, SyslogFormat format) {
        this(where, target, address, facility, maxLevel, minLevel, format, null, Optional.empty());
    }

    /** This target with its profile resolved. */
    public LogTarget withProfile(LogProfile resolved) {
        return new LogTarget(where, target, address, facility, maxLevel, minLevel, format, profileName,
                Optional.of(resolved));
    }
}
