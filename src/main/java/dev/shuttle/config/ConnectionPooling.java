package dev.shuttle.config;

import dev.shuttle.sample.SampleExpression;
import java.util.Optional;

/**
 * A server's idle-connection settings (configuration.txt §5.2).
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
 */
public record ConnectionPooling(int maxIdle, long purgeDelayMillis, int maxReuse, int lowIdle, boolean strictMaxconn,
                                Optional<SampleExpression> connectionName) {
    public static final ConnectionPooling DEFAULTS = new ConnectionPooling(-1, 5000, -1, 0, false, Optional.empty());

    /** Settings without {@code strict-maxconn} and {@code pool-conn-name}. */
    public ConnectionPooling(int maxIdle, long purgeDelayMillis, int maxReuse, int lowIdle) {
        this(maxIdle, purgeDelayMillis, maxReuse, lowIdle, false, Optional.empty());
    }

    /** Whether a connection may wait in the server's pool at all. */
    public boolean keepsIdle() {
        return maxIdle != 0 && purgeDelayMillis > 0;
    }
}
