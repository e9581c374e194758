package dev.shuttle.backend;

import dev.shuttle.server.Server;
import dev.shuttle.stats.TlsCounters;
import dev.shuttle.tls.BackTls;
import java.util.Map;
import java.util.Optional;

/**
 * The TLS contexts of the servers declared with {@code ssl}, made once at startup ({@link BackTls}),
 * and the process's TLS counters: what every session's {@link ServerTls} connects with.
 */
public final class TlsServers {
    /** A process without TLS servers. */
    public static final TlsServers NONE = new TlsServers(Map.of(), new TlsCounters());

    private final Map<Server, BackTls> contexts;
    private final TlsCounters counters;

    public TlsServers(Map<Server, BackTls> contexts, TlsCounters counters) {
        this.contexts = Map.copyOf(contexts);
        this.counters = counters;
    }

    /**
     * Whether a server of {@code backend} gets a context at start (3.5's proxy_finalize() prepares one
     * for a server with {@code ssl}, {@code check-ssl}, a check connect with {@code ssl}, or an {@code
     * ssl} default-server even when the server line says {@code no-ssl}): the servers {@code set
     * server ... ssl} may switch, having "ssl settings".
     */
    public static boolean hasContext(Backend backend, Server server) {
        var tls = server.config().tls();
        return tls.enabled() || tls.checkSsl() || tls.defaultServerSsl()
                || backend.config().checks().connectsWithTls();
    }

    /** The server's context: its traffic's when it has {@code ssl}, its checks' (with {@code check-ssl}) too. */
    public Optional<BackTls> of(Server server) {
        return Optional.ofNullable(contexts.get(server));
    }

    TlsCounters counters() {
        return counters;
    }
}
