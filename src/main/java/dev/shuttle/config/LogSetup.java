package dev.shuttle.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What decides how and where log messages leave the process, besides each {@code log} line: the
 * syslog header's host name and tag from the global section, the {@code ring} sections, the
 * {@code mode log} backends, and the {@code log-forward} sections that relay received messages.
 *
 * @param hostname {@code log-send-hostname}: the host name written in the header; empty when not set
 * @param tag      {@code log-tag} (global): the tag written in the header; empty for the program's name
 * @param rings    the {@code ring} sections, by name
 * @param backends the backends with {@code mode log}, by name
 * @param forwarders the {@code log-forward} sections, in file order
 */
public record LogSetup(Optional<String> hostname, Optional<String> tag, Map<String, RingConfig> rings,
                       Map<String, LogBackendConfig> backends, List<LogForwardConfig> forwarders) {
    public static final LogSetup NONE = new LogSetup(Optional.empty(), Optional.empty(), Map.of());

    public LogSetup {
        rings = Map.copyOf(rings);
        backends = Map.copyOf(backends);
        forwarders = List.copyOf(forwarders);
    }

    /** Without log backends or log-forward sections. */
    public LogSetup(Optional<String> hostname, Optional<String> tag, Map<String, RingConfig> rings) {
        this(hostname, tag, rings, Map.of(), List.of());
    }
}
