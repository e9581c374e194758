package dev.shuttle.config;

import dev.shuttle.net.Address;
import dev.shuttle.sample.SampleExpression;
import java.util.Optional;

/**
 * How a server's connections are made and pooled (configuration.txt §5.2).
 *
 * @param maxIdle          {@code pool-max-conn}: idle connections kept at most; -1 (the default) for
 *                         no limit, 0 for none (every server connection closes after its exchange)
 * @param purgeDelayMillis {@code pool-purge-delay}: every such interval, idle connections beyond
 *                         the recent need are halved; 0 keeps none; default 5 s
 * @param maxReuse         {@code max-reuse}: how many times a connection may be reused after its
 *                         first request; -1 (the default) for no limit, 0 disables keep-alive
 * @param lowIdle          {@code pool-low-conn}: idle connections kept beyond what the server was
 *                         seen to need (default 0); see docs/configuration.md for its meaning in
 *                         Shuttle's one pool per server
 * @param strictMaxconn    {@code strict-maxconn}: {@code maxconn} bounds every connection open to the
 *                         server, idle ones included, not only the requests in flight
 * @param connectionName   {@code pool-conn-name <expr>}: evaluated per request, the name of its
 *                         connection in the idle pool, in place of the SNI (seed 000)
 * @param source           {@code source}: the local address its connections bind to (the server's
 *                         own, else its backend's), part of their pool key
 * @param socks4           {@code socks4}, {@code check-via-socks4}: the SOCKS4 proxy its connections
 *                         open through, if any
 * @param protocol         {@code proto}: the mux protocol its HTTP connections speak
 */
public record ConnectionPooling(int maxIdle, long purgeDelayMillis, int maxReuse, int lowIdle, boolean strictMaxconn,
                                Optional<SampleExpression> connectionName, Optional<Address.Inet> source,
                                Socks4Settings socks4, ServerProtocol protocol) {
    public static final ConnectionPooling DEFAULTS = new ConnectionPooling(-1, 5000, -1, 0, false, Optional.empty(),
            Optional.empty());

    /** Settings without {@code proto}: HTTP/1.1 unless ALPN settles on h2. */
    public ConnectionPooling(int maxIdle, long purgeDelayMillis, int maxReuse, int lowIdle, boolean strictMaxconn,
                             Optional<SampleExpression> connectionName, Optional<Address.Inet> source,
                             Socks4Settings socks4) {
        this(maxIdle, purgeDelayMillis, maxReuse, lowIdle, strictMaxconn, connectionName, source, socks4,
                ServerProtocol.BY_ALPN);
    }

    /** Settings with direct connections (no {@code socks4}). */
    public ConnectionPooling(int maxIdle, long purgeDelayMillis, int maxReuse, int lowIdle, boolean strictMaxconn,
                             Optional<SampleExpression> connectionName, Optional<Address.Inet> source) {
        this(maxIdle, purgeDelayMillis, maxReuse, lowIdle, strictMaxconn, connectionName, source, Socks4Settings.NONE);
    }

    /** Settings without {@code strict-maxconn}, {@code pool-conn-name} and {@code source}. */
    public ConnectionPooling(int maxIdle, long purgeDelayMillis, int maxReuse, int lowIdle) {
        this(maxIdle, purgeDelayMillis, maxReuse, lowIdle, false, Optional.empty(), Optional.empty());
    }

    /** These settings, with the backend's {@code source} (may be null) when the server has none. */
    public ConnectionPooling withDefaultSource(Address.Inet backendSource) {
        if (source.isPresent() || backendSource == null) {
            return this;
        }
        return new ConnectionPooling(maxIdle, purgeDelayMillis, maxReuse, lowIdle, strictMaxconn, connectionName,
                Optional.of(backendSource), socks4, protocol);
    }

    /** Whether a connection may wait in the server's pool at all. */
    public boolean keepsIdle() {
        return maxIdle != 0 && purgeDelayMillis > 0;
    }
}
