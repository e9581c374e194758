package dev.shuttle.lb;

import dev.shuttle.config.BalanceAlgorithm;
import dev.shuttle.config.BalanceParameters;
import dev.shuttle.server.Server;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Chooses the server for a new connection, among those a backend says are eligible.
 *
 * <p>Implementations keep their position state per server (keyed by the {@link Server} object,
 * never by an index fixed at start), so that the backend may add or remove servers and change
 * weights while traffic flows. They are not thread-safe: the backend calls them under its lock
 * (hence {@code ...Locked}), which also guards the servers' slot counts and runtime state.
 */
public interface LoadBalancer {
    /** The key of a request that has none: the hashing algorithms fall back to their round robin. */
    long NO_KEY = -1;

    /**
     * The chosen server, or empty when no server in {@code servers} passes {@code eligible}.
     * {@code servers} is the backend's current list, in declaration order; it may differ from one
     * call to the next.
     */
    Optional<Server> pickLocked(List<Server> servers, Predicate<Server> eligible);

    /**
     * The chosen server for a request with a balancing key ({@link #NO_KEY} or an unsigned 32-bit
     * hash, see {@link KeyHash}). The hashing algorithms give the key's server, or empty when it
     * is full (the request then waits for it); they pass over the {@code avoided} servers (those a
     * retry moves away from) as HAProxy does. The others ignore the key.
     */
    default Optional<Server> pickLocked(List<Server> servers, Predicate<Server> eligible, Predicate<Server> avoided,
                                        long key) {
        return pickLocked(servers, eligible);
    }

    /**
     * The server a hashing algorithm maps {@code key} to now, whether or not it has room (passing
     * over the {@code avoided} servers, and with {@code hash-balance-factor} the loaded ones, as
     * its keyed pick does); empty for the algorithms that take no key, or without servers. A
     * request whose server is full waits in that server's queue, as HAProxy queues a hashed
     * request on the server it was assigned.
     */
    default Optional<Server> keyedServerLocked(List<Server> servers, Predicate<Server> avoided, long key) {
        return Optional.empty();
    }

    /**
     * The backend's servers or their weights or states changed: plan again, as if from the start,
     * so that the next picks follow the new weights exactly. Servers no longer listed are forgotten.
     */
    void replanLocked();

    /** A balancer for an algorithm without arguments and servers of any weights (tests, tools). */
    static LoadBalancer create(BalanceAlgorithm algorithm) {
        return create(algorithm, BalanceParameters.DEFAULT, List.of());
    }

    /**
     * @param configuredWeights the weights of the backend's servers in the configuration, which
     *                          size the table of {@code hash-type map-based}
     */
    static LoadBalancer create(BalanceAlgorithm algorithm, BalanceParameters parameters,
                               List<Integer> configuredWeights) {
        return switch (algorithm) {
            case ROUNDROBIN -> new WeightedRoundRobin();
            // static-rr walks the map-based table in order (HAProxy's map_get_server_rr()), as a hashing
            // algorithm's requests without a key do.
            case STATIC_RR -> new MapBasedHash(configuredWeights);
            case LEASTCONN -> new LeastConnections();
            case FIRST -> new FirstAvailable();
            case RANDOM -> new RandomDraws(parameters.draws());
            case SOURCE, URI, URL_PARAM, HDR, RDP_COOKIE, HASH -> parameters.hashType().consistent()
                    ? new ConsistentHash(parameters.balanceFactor())
                    : new MapBasedHash(configuredWeights);
        };
    }
}
