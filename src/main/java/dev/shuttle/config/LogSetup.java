package dev.shuttle.config;

import java.util.Map;
import java.util.Optional;

/**
 * What decides how and where log messages leave the process, besides each {@code log} line: the
 * syslog header's host name and tag from the global section, the {@code ring} sections and the
 * {@code mode log} backends.
 *
 * @param hostname {@code log-send-hostname}: the host name written in the header; empty when not set
 * @param tag      {@code log-tag} (global): the tag written in the header; empty for the program's name
 * @param rings    the {@code ring} sections, by name
 * @param backends the backends with {@code mode log}, by name
 */
public record LogSetup(Optional<String> hostname, Optional<String> tag, Map<String, RingConfig> rings,
                       Map<String, LogBackendConfig> backends) {
    public static final LogSetup NONE = new LogSetup(Optional.empty(), Optional.empty(), Map.of(), Map.of());

    public LogSetup {
        rings = Map.copyOf(rings);
        backends = Map.copyOf(backends);
    }

    /** Without log backends. */
    public LogSetup(Optional<String> hostname, Optional<String> tag, Map<String, RingConfig> rings) {
        this(hostname, tag, rings, Map.of());
    }
}
