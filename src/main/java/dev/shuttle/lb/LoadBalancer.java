package dev.shuttle.lb;

import dev.shuttle.config.BalanceAlgorithm;
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
    /**
     * The chosen server, or empty when no server in {@code servers} passes {@code eligible}.
     * {@code servers} is the backend's current list, in declaration order; it may differ from one
     * call to the next.
     */
    Optional<Server> pickLocked(List<Server> servers, Predicate<Server> eligible);

    /**
     * The backend's servers or their weights or states changed: plan again, as if from the start,
     * so that the next picks follow the new weights exactly. Servers no longer listed are forgotten.
     */
    void replanLocked();

    static LoadBalancer create(BalanceAlgorithm algorithm) {
        return switch (algorithm) {
            case ROUNDROBIN -> new WeightedRoundRobin(true);
            case STATIC_RR -> new WeightedRoundRobin(false);
            case LEASTCONN -> new LeastConnections();
            case FIRST -> new FirstAvailable();
        };
    }
}
