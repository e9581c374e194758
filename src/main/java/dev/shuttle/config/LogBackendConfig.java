package dev.shuttle.config;

import dev.shuttle.lang.SourceLocation;
import java.util.List;

/**
 * A {@code backend} with {@code mode log} (configuration.txt, "mode" and "balance"): a group of
 * syslog servers that {@code log backend@<name>} lines share, one server per message, chosen by
 * the backend's {@code balance}.
 *
 * @param balance how a message's server is chosen
 * @param servers the {@code server} lines, in order; all UDP or all TCP, as 3.5 requires
 */
public record LogBackendConfig(SourceLocation where, String name, Balance balance, List<Server> servers) {
    public LogBackendConfig {
        servers = List.copyOf(servers);
    }

    /** The algorithms 3.5 takes in a log backend (log-hash is not built). */
    public enum Balance {
        /** Each message to the next usable server in turn. */
        ROUNDROBIN,
        /** Each message to a usable server drawn at random; the default. */
        RANDOM,
        /** Every message to the first usable server of the list. */
        STICKY
    }

    /**
     * A log server: its address, over UDP ({@link LogDestination.Datagram}) or TCP
     * ({@link LogDestination.StreamServer}, through an implicit ring of {@code log-bufsize} bytes).
     *
     * @param usable false for a {@code disabled} server (in maintenance from the start)
     * @param backup used only while no other server is usable
     */
    public record Server(String name, LogDestination destination, boolean usable, boolean backup,
                         RingConfig.Framing framing, int bufferSize) {}
}
