package dev.shuttle.config;

import java.util.Map;
import java.util.Optional;

/**
 * What decides how and where log messages leave the process, besides each {@code log} line: the
 * syslog header's host name and tag from the global section, and the {@code ring} sections.
 *
 * @param hostname {@code log-send-hostname}: the host name written in the header; empty when not set
 * @param tag      {@code log-tag} (global): the tag written in the header; empty for the program's name
 * @param rings    the {@code ring} sections, by name
 */
public record LogSetup(Optional<String> hostname, Optional<String> tag, Map<String, RingConfig> rings) {
    public static final LogSetup NONE = new LogSetup(Optional.empty(), Optional.empty(), Map.of());

    public LogSetup {
        rings = Map.copyOf(rings);
    }
}
