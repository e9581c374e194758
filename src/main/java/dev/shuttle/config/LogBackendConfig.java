package dev.shuttle.config;

import dev.shuttle.lang.SourceLocation;
import dev.shuttle.sample.SampleExpression;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * A {@code backend} with {@code mode log} (configuration.txt, "mode" and "balance"): a group of
 * syslog servers that {@code log backend@<name>} lines share, one server per message, chosen by
 * the backend's {@code balance}.
 *
 * @param balance how a message's server is chosen
 * @param logHash what {@code balance log-hash} hashes, with that algorithm only
 * @param servers the {@code server} lines, in order; all UDP or all TCP, as 3.5 requires
 * @param id      its proxy id, numbered with the other proxies in configuration order (the
 *                {@code iid} of its stats rows, the {@code be_id} of {@code show servers state}); 0 unknown
 * @param guid    its {@code guid} (configuration.txt §4.2), which names its line in the stats-file; empty for none
 */
public record LogBackendConfig(SourceLocation where, String name, Balance balance, Optional<LogHash> logHash,
                               List<Server> servers, int id, String guid) {
    public LogBackendConfig {
        servers = List.copyOf(servers);
    }

    /** A backend without a guid. */
    public LogBackendConfig(SourceLocation where, String name, Balance balance, Optional<LogHash> logHash,
                            List<Server> servers, int id) {
        this(where, name, balance, logHash, servers, id, "");
    }

    /** A backend whose proxy id is not known (tests that build one by hand). */
    public LogBackendConfig(SourceLocation where, String name, Balance balance, Optional<LogHash> logHash,
                            List<Server> servers) {
        this(where, name, balance, logHash, servers, 0);
    }

    /** The keyword of its {@code balance}, as the stats' {@code algo} column shows it. */
    public static String keyword(Balance balance) {
        return balance.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /**
     * {@code balance log-hash <converters>}: the converter list applied to each message, its result
     * as binary hashed by {@code hash-type}'s function (map-based only, as in 3.5).
     *
     * @param converters the list, compiled behind a fetch that {@link SampleExpression#applyConverters} leaves out
     */
    public record LogHash(SampleExpression converters, HashType hashType) {}

    /** The algorithms 3.5 takes in a log backend. */
    public enum Balance {
        /** Each message to the next usable server in turn. */
        ROUNDROBIN,
        /** Each message to a usable server drawn at random; the default. */
        RANDOM,
        /** Every message to the first usable server of the list. */
        STICKY,
        /** Each message to the server its hash maps to ({@link LogHash}). */
        LOG_HASH
    }

    /**
     * A log server: its address, over UDP ({@link LogDestination.Datagram}) or TCP
     * ({@link LogDestination.StreamServer}, through an implicit ring of {@code log-bufsize} bytes).
     *
     * @param usable false for a {@code disabled} server (in maintenance from the start)
     * @param backup used only while no other server is usable
     * @param weight its share of the messages, 0 to 256 (configuration.txt, "weight"); 0: none
     * @param check  its health check ({@code check}, {@code inter}, {@code rise}, {@code fall},
     *               {@code port}, {@code addr}...): a TCP connect to the server, or to {@code addr:port}
     * @param guid   its {@code guid} (configuration.txt §5.2), which names its line in the stats-file; empty for none
     */
    public record Server(String name, LogDestination destination, boolean usable, boolean backup,
                         RingConfig.Framing framing, int bufferSize, int weight, ServerCheckSettings check,
                         String guid) {
        /** A server without a guid. */
        public Server(String name, LogDestination destination, boolean usable, boolean backup,
                      RingConfig.Framing framing, int bufferSize, int weight, ServerCheckSettings check) {
            this(name, destination, usable, backup, framing, bufferSize, weight, check, "");
        }

        /** Its address: a log backend's server is UDP or TCP. */
        public InetSocketAddress address() {
            return switch (destination) {
                case LogDestination.Datagram datagram -> datagram.address();
                case LogDestination.StreamServer stream -> stream.address();
                default -> throw new IllegalStateException("a log backend's server is UDP or TCP: " + this);
            };
        }

        /** An unchecked server of the default weight, 1. */
        public Server(String name, LogDestination destination, boolean usable, boolean backup,
                      RingConfig.Framing framing, int bufferSize) {
            this(name, destination, usable, backup, framing, bufferSize, 1);
        }

        /** An unchecked server. */
        public Server(String name, LogDestination destination, boolean usable, boolean backup,
                      RingConfig.Framing framing, int bufferSize, int weight) {
            this(name, destination, usable, backup, framing, bufferSize, weight, ServerCheckSettings.NONE);
        }
    }
}
