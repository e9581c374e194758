package dev.shuttle.config;

import dev.shuttle.lang.SourceLocation;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * A {@code ring} section (configuration.txt §12.5 "Rings"): a bounded buffer of log messages,
 * optionally forwarded to syslog servers over TCP.
 *
 * @param description    {@code description}; the name when absent
 * @param format         {@code format}: the layout messages are stored in, whatever the {@code log} line says
 * @param maxLength      {@code maxlen}: the most bytes a stored message takes, header included
 * @param size           {@code size}: the bytes of messages the ring holds before it drops new ones
 * @param connectMillis  {@code timeout connect}
 * @param serverMillis   {@code timeout server}: how long a server may leave a write pending
 * @param servers        the {@code server} lines
 */
public record RingConfig(SourceLocation where, String name, String description, SyslogFormat format, int maxLength,
                         int size, long connectMillis, long serverMillis, List<Server> servers) {
    /** {@code size}'s default, HAProxy's default buffer size (tune.bufsize). */
    public static final int DEFAULT_SIZE = 16384;

    public RingConfig {
        servers = List.copyOf(servers);
    }

    /** How messages are delimited on a server's TCP stream ({@code log-proto}). */
    public enum Framing {
        /** {@code legacy}, the default: each message ends with a line feed. */
        LEGACY,
        /** {@code octet-count}: each message is preceded by its length and a space (RFC 6587 §3.4.1). */
        OCTET_COUNT
    }

    /** A {@code server <name> <address> [log-proto legacy|octet-count]} line of a ring. */
    public record Server(String name, InetSocketAddress address, Framing framing) {}

    /**
     * The implicit ring of a log backend's TCP server: {@code log-bufsize} bytes, its {@code log-proto};
     * the lines arrive laid out and cut by the {@code log} line.
     */
    public static RingConfig forLogBackendServer(LogBackendConfig backend, LogBackendConfig.Server server,
                                                 InetSocketAddress address) {
        return new RingConfig(backend.where(), backend.name() + "/" + server.name(), backend.name(), SyslogFormat.RAW,
                server.bufferSize(), server.bufferSize(), 1000, 5000,
                List.of(new Server(server.name(), address, server.framing())));
    }

    /**
     * The implicit ring HAProxy makes for a {@code log tcp@<address>} target: one server, the
     * default size, and the logger's own layout and length (its line feed included).
     */
    public static RingConfig implicitFor(LogTarget target, InetSocketAddress address) {
        return new RingConfig(target.where(), target.target(), target.target(), target.format(), target.maxLength() - 1,
                DEFAULT_SIZE, 1000, 5000, List.of(new Server(target.target(), address, Framing.LEGACY)));
    }
}
