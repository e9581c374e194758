package dev.shuttle.check;

import dev.shuttle.backend.Backend;
import dev.shuttle.server.OperationalState;
import dev.shuttle.server.Server;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * What a server's health check and its agent check each say, and the operational state both make
 * together (configuration.txt, "agent-check": "up" brings the server up only "if health checks also
 * report that the service is accessible"): down when either says down, else what the health check
 * says. The two checks run on two threads; each change goes to the backend under {@link #lock}, so
 * that two verdicts arriving together are applied in the order they were decided.
 *
 * <p>Servers that {@code track} this one follow each change of its state ("Server be/b is DOWN via
 * be/a."), and those that track them in turn (configuration.txt, "track").
 */
final class ServerVerdicts {
    private final Backend backend;
    private final Server server;
    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by: lock
    private OperationalState fromHealthCheck;
    // Guarded by: lock
    private boolean agentDown;
    /** The servers that track this one; copy on write: servers added at runtime may join, removed ones leave. */
    private final List<ServerVerdicts> followers = new CopyOnWriteArrayList<>();

    ServerVerdicts(Backend backend, Server server) {
        this.backend = backend;
        this.server = server;
        this.fromHealthCheck = server.status().operational();
    }

    /** Makes {@code follower} (a server declared with {@code track}) follow this server. */
    void addFollower(ServerVerdicts follower) {
        followers.add(follower);
    }

    /** A follower removed at runtime ({@code del server}) follows no more. */
    void removeFollower(Server follower) {
        followers.removeIf(verdicts -> verdicts.server == follower);
    }

    Server server() {
        return server;
    }

    /** The tracked server {@code via} went to {@code state}: this one follows it, and its own followers too. */
    void tracked(OperationalState state, Server via) {
        lock.lock();
        try {
            fromHealthCheck = state;
            applyLocked(() -> " via " + via.qualifiedName());
        } finally {
            lock.unlock();
        }
    }

    /** The health check's verdict; {@code reason} is what the state message says of it. */
    void healthCheck(OperationalState state, String reason) {
        healthCheck(state, () -> reason);
    }

    /** The same, with the reason made only when the server's state changes (most checks change nothing). */
    void healthCheck(OperationalState state, Supplier<String> reason) {
        lock.lock();
        try {
            fromHealthCheck = state;
            applyLocked(reason);
        } finally {
            lock.unlock();
        }
    }

    /** The agent's "down" (true) or "up" (false). */
    void agent(boolean down, String reason) {
        lock.lock();
        try {
            agentDown = down;
            applyLocked(() -> reason);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A state the runtime API forces ({@code set server ... health|agent}, management.txt §9.3):
     * the server takes it now whatever the other check says, as HAProxy's CLI sets it, and its
     * followers follow. The check it names remembers it for the next combination.
     *
     * @param agent whether the agent's state is forced (up or down), rather than the health check's
     */
    void force(OperationalState state, boolean agent, String reason) {
        lock.lock();
        try {
            if (agent) {
                agentDown = state == OperationalState.DOWN;
            } else {
                fromHealthCheck = state;
            }
            if (state != server.status().operational() && backend.servers().contains(server)) {
                backend.setCheckedState(server, state, reason);
                for (ServerVerdicts follower : followers) {
                    follower.tracked(state, server);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Hands the combined state to the backend when it differs from the server's (the backend takes its own lock). */
    private void applyLocked(Supplier<String> reason) {
        OperationalState combined = agentDown ? OperationalState.DOWN : fromHealthCheck;
        if (combined != server.status().operational() && backend.servers().contains(server)) {
            backend.setCheckedState(server, combined, reason.get());
            for (ServerVerdicts follower : followers) {
                follower.tracked(combined, server);
            }
        }
    }
}
