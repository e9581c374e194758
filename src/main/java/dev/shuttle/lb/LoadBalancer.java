package dev.shuttle.lb;

import dev.shuttle.config.BalanceAlgorithm;
import dev.shuttle.server.Server;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Chooses the server for a new connection, among those a backend says are eligible.
 *
 * <p>Implementations keep their own position state and are not thread-safe: the backend calls
 * them under its lock (hence {@code pickLocked}), which also guards the servers' slot counts.
 */
public interface LoadBalancer {
    /** The chosen server, or empty when no server in {@code servers} passes {@code eligible}. */
    Optional<Server> pickLocked(List<Server> servers, Predicate<Server> eligible);

    static LoadBalancer create(BalanceAlgorithm algorithm, int serverCount) {
        return switch (algorithm) {
            case ROUNDROBIN, STATIC_RR -> new WeightedRoundRobin(serverCount);
            case LEASTCONN -> new LeastConnections(serverCount);
            case FIRST -> new FirstAvailable();
        };
    }
}
