package dev.shuttle.backend;

import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.ServerConfig;
import dev.shuttle.lb.LoadBalancer;
import dev.shuttle.server.Server;
import dev.shuttle.stats.TrafficCounters;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The runtime side of a backend: its servers, the load balancer that picks among them, and the
 * wait for a free server slot when every server is at its {@code maxconn}.
 *
 * <p>Locking: one lock per backend guards the load balancers' position state and the decision to
 * take a server slot, so that two connections never both take a server's last slot. It is held
 * only for that decision, never across I/O. Waiters for a slot park on {@link #slotFreed}.
 */
public final class Backend {
    private final ProxyConfig config;
    private final List<Server> activeServers;
    private final List<Server> backupServers;
    private final List<Server> allServers;
    private final TrafficCounters counters = new TrafficCounters();
    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by: lock
    private final LoadBalancer activeBalancer;
    // Guarded by: lock
    private final LoadBalancer backupBalancer;
    // Guarded by: lock (signalled when a server slot is released)
    private final Condition slotFreed = lock.newCondition();

    public Backend(ProxyConfig config) {
        this.config = config;
        List<Server> servers = config.servers().stream().map(s -> new Server(s, config.name())).toList();
        this.activeServers = servers.stream().filter(s -> !s.config().backup()).toList();
        this.backupServers = servers.stream().filter(s -> s.config().backup()).toList();
        this.allServers = java.util.stream.Stream.concat(activeServers.stream(), backupServers.stream()).toList();
        this.activeBalancer = LoadBalancer.create(config.balance(), activeServers.size());
        this.backupBalancer = LoadBalancer.create(config.balance(), backupServers.size());
    }

    public ProxyConfig config() {
        return config;
    }

    public String name() {
        return config.name();
    }

    public TrafficCounters counters() {
        return counters;
    }

    /** Every server, active ones first, in declaration order within each group. */
    public List<Server> servers() {
        return allServers;
    }

    public Optional<Server> server(String name) {
        return servers().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Connections open to this backend's servers now ({@code be_conn}). */
    public int currentConnections() {
        int total = 0;
        for (Server server : allServers) {
            total += server.currentConnections();
        }
        return total;
    }

    /** The number of servers the load balancer may currently pick ({@code nbsrv}). */
    public int usableServerCount() {
        int usable = 0;
        for (Server server : activeServers) {
            if (server.isUsable()) {
                usable++;
            }
        }
        return usable;
    }

    /** Whether a server of {@code pool} outside {@code excluded} may be picked (a loop: this runs per request). */
    private static boolean anyUsable(List<Server> pool, Set<Server> excluded) {
        for (Server server : pool) {
            if (server.isUsable() && !excluded.contains(server)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Takes a slot on a server chosen by the load balancer, skipping {@code excluded} servers
     * while others are usable; waits up to {@code waitMillis} (0: forever) when all are full.
     *
     * @return the server whose slot was taken (release it with {@link #release}), or empty when no
     *         server is usable or the wait expired
     */
    public Optional<Server> acquire(Set<Server> excluded, long waitMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        lock.lock();
        try {
            while (true) {
                List<Server> pool = usableServerCount() > 0 ? activeServers : backupServers;
                LoadBalancer balancer = pool == activeServers ? activeBalancer : backupBalancer;
                if (!anyUsable(pool, Set.of())) {
                    return Optional.empty();
                }
                boolean othersUsable = anyUsable(pool, excluded);
                Optional<Server> chosen = balancer.pickLocked(pool, s -> s.isUsable() && !s.isFull()
                        && (!othersUsable || !excluded.contains(s)));
                if (chosen.isPresent()) {
                    chosen.get().connectionOpened();
                    return chosen;
                }
                if (!awaitSlotLocked(deadline, waitMillis == 0)) {
                    return Optional.empty();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Takes a slot on one given server (a retry stays on its server), waiting as {@link #acquire} does. */
    public Optional<Server> acquireSpecific(Server server, long waitMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        lock.lock();
        try {
            while (server.isUp()) {
                if (!server.isFull()) {
                    server.connectionOpened();
                    return Optional.of(server);
                }
                if (!awaitSlotLocked(deadline, waitMillis == 0)) {
                    break;
                }
            }
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /** Gives back a slot taken with {@link #acquire}, waking the connections waiting for a slot. */
    public void release(Server server) {
        lock.lock();
        try {
            server.connectionClosed();
            slotFreed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private boolean awaitSlotLocked(long deadline, boolean forever) throws InterruptedException {
        if (forever) {
            slotFreed.await();
            return true;
        }
        long remaining = deadline - System.nanoTime();
        return remaining > 0 && slotFreed.awaitNanos(remaining) > 0;
    }

    /** The configuration line of each server, for messages. */
    public List<ServerConfig> serverConfigs() {
        return servers().stream().map(Server::config).toList();
    }
}
