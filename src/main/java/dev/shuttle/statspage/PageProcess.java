package dev.shuttle.statspage;

import dev.shuttle.backend.Backend;
import dev.shuttle.listener.Frontend;
import dev.shuttle.server.LogBackendStats;
import dev.shuttle.server.OperationalState;
import dev.shuttle.server.Server;
import java.time.Instant;
import java.util.List;

/** What the statistics page reads of the running process: its header and its proxies. */
public interface PageProcess {
    long pid();

    Instant startTime();

    int currentConnections();

    long cumulativeConnections();

    int maxconn();

    int threads();

    String nodeName();

    List<Frontend> frontends();

    List<Backend> backends();

    /** The {@code mode log} backends' state, in proxy id order. */
    default List<LogBackendStats> logBackends() {
        return List.of();
    }

    /**
     * A health state forced from the admin form (management.txt, "set server ... health"): the health
     * counter and the state, followed by the trackers; {@code reason} is what the state message says.
     * This default, for a process without checks, sets the state.
     */
    default void forceHealth(Backend backend, Server server, OperationalState state, String reason) {
        backend.setCheckedState(server, state, reason);
    }

    /** An agent's verdict forced from the admin form ("set server ... agent"), and the state with it. */
    default void forceAgent(Backend backend, Server server, boolean up, String reason) {
        backend.setCheckedState(server, up ? OperationalState.UP : OperationalState.DOWN, reason);
    }
}
