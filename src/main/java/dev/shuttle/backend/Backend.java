package dev.shuttle.backend;

import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.ServerConfig;
import dev.shuttle.lb.LoadBalancer;
import dev.shuttle.sample.BackendView;
import dev.shuttle.server.Server;
import dev.shuttle.stats.TrafficCounters;
import java.util.ArrayDeque;
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
 * only for that decision, never across I/O. Requests waiting for a slot wait in {@link #queue},
 * each on a condition of its own, and a release hands its slot to the oldest one it can serve.
 */
public final class Backend implements BackendView {
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
    // Guarded by: lock (requests waiting for a server slot, oldest first)
    private final ArrayDeque<SlotRequest> queue = new ArrayDeque<>();

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
        return take(new SlotRequest(null, excluded, waitMillis));
    }

    /** Takes a slot on one given server (a retry stays on its server), waiting as {@link #acquire} does. */
    public Optional<Server> acquireSpecific(Server server, long waitMillis) throws InterruptedException {
        return take(new SlotRequest(server, Set.of(), waitMillis));
    }

    /**
     * Gives back a slot taken with {@link #acquire}: it goes straight to the request that has
     * waited longest among those it can serve.
     */
    public void release(Server server) {
        lock.lock();
        try {
            server.connectionClosed();
            dispatchLocked();
        } finally {
            lock.unlock();
        }
    }

    /** Requests waiting for a slot now ({@code qcur}). */
    public int queuedRequests() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * A request for a slot: on one given server, or on any that the load balancer may pick
     * outside {@code excluded}. While it waits in {@link #queue}, a release hands it a slot.
     */
    private final class SlotRequest {
        final Server specific;
        final Set<Server> excluded;
        /** How long it may wait in the queue ({@code timeout queue}); 0: for ever. */
        final long waitMillis;
        // Guarded by: lock
        final Condition granted = lock.newCondition();
        // Guarded by: lock (the server whose slot was handed over, or null)
        Server slot;
        // Guarded by: lock (set when it stops waiting without a slot: no server can serve it any
        // more, or its deadline passed)
        boolean turnedAway;
        // Guarded by: lock (when the wait ends if no slot came: a nanoTime, set as it joins the queue)
        long deadlineNanos;

        SlotRequest(Server specific, Set<Server> excluded, long waitMillis) {
            this.specific = specific;
            this.excluded = excluded;
            this.waitMillis = waitMillis;
        }

        boolean timed() {
            return waitMillis > 0;
        }
    }

    /**
     * A slot at once when one is free and nobody waits before; else a place at the back of the
     * queue until a release hands one over. First come, first served, as HAProxy's queues are
     * (configuration.txt, "maxconn" and "timeout queue"): a request never takes a slot that freed
     * while older requests waited, which would let a busy keep-alive client starve queued ones.
     * The wait itself has no timeout: {@link QueueTimeouts} refuses it once its deadline passed.
     */
    private Optional<Server> take(SlotRequest request) throws InterruptedException {
        lock.lock();
        try {
            if (!servableLocked(request)) {
                return Optional.empty();
            }
            if (queue.isEmpty()) {
                Optional<Server> free = pickLocked(request);
                if (free.isPresent()) {
                    return free;
                }
            }
            queue.addLast(request);
            request.deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(request.waitMillis);
            if (request.timed()) {
                QueueTimeouts.SHARED.watch(this);
            }
            dispatchLocked(); // a slot that older requests cannot use (another server's) may be free
            try {
                // Whoever ends the wait (a release, a refusal, the deadline) has taken it out of the queue.
                while (request.slot == null && !request.turnedAway) {
                    request.granted.await();
                }
            } catch (InterruptedException e) {
                giveUpLocked(request);
                throw e;
            }
            return Optional.ofNullable(request.slot);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the waits whose deadline passed by {@code now} (a nanoTime): they leave the queue and
     * find no slot. Stops the watch when no waiting request has a deadline any more.
     */
    void expireQueued(long now) {
        lock.lock();
        try {
            boolean deadlinesLeft = false;
            for (var it = queue.iterator(); it.hasNext(); ) {
                SlotRequest waiting = it.next();
                if (!waiting.timed()) {
                    continue;
                }
                if (now - waiting.deadlineNanos >= 0) {
                    it.remove();
                    waiting.turnedAway = true;
                    waiting.granted.signal();
                } else {
                    deadlinesLeft = true;
                }
            }
            if (!deadlinesLeft) {
                QueueTimeouts.SHARED.unwatch(this);
            }
        } finally {
            lock.unlock();
        }
    }

    /** An interrupted wait leaves the queue; a slot handed over meanwhile goes to the next one. */
    private void giveUpLocked(SlotRequest request) {
        queue.remove(request);
        if (request.slot != null) {
            request.slot.connectionClosed();
            request.slot = null;
            dispatchLocked();
        }
    }

    /**
     * Hands free slots to waiting requests, oldest first, skipping those that cannot use any free
     * slot (a retry bound to a full server); refuses those no server can serve now. Stops as soon
     * as no server has a free slot, so a release with a long queue costs a few steps, not a walk.
     */
    private void dispatchLocked() {
        for (var it = queue.iterator(); it.hasNext(); ) {
            SlotRequest waiting = it.next();
            if (!servableLocked(waiting)) {
                waiting.turnedAway = true;
            } else {
                if (!anyFreeSlotLocked()) {
                    return;
                }
                Optional<Server> free = pickLocked(waiting);
                if (free.isEmpty()) {
                    continue;
                }
                waiting.slot = free.get();
            }
            it.remove();
            waiting.granted.signal();
        }
    }

    /** Whether a server that is up has a slot free. */
    private boolean anyFreeSlotLocked() {
        for (Server server : allServers) {
            if (server.isUp() && !server.isFull()) {
                return true;
            }
        }
        return false;
    }

    /** Whether some server could ever serve the request now (it may be full). */
    private boolean servableLocked(SlotRequest request) {
        if (request.specific != null) {
            return request.specific.isUp();
        }
        return anyUsable(usableServerCount() > 0 ? activeServers : backupServers, Set.of());
    }

    /** Takes a free slot for the request, if there is one. */
    private Optional<Server> pickLocked(SlotRequest request) {
        if (request.specific != null) {
            Server server = request.specific;
            if (!server.isUp() || server.isFull()) {
                return Optional.empty();
            }
            server.connectionOpened();
            return Optional.of(server);
        }
        List<Server> pool = usableServerCount() > 0 ? activeServers : backupServers;
        LoadBalancer balancer = pool == activeServers ? activeBalancer : backupBalancer;
        boolean othersUsable = anyUsable(pool, request.excluded);
        Optional<Server> chosen = balancer.pickLocked(pool, s -> s.isUsable() && !s.isFull()
                && (!othersUsable || !request.excluded.contains(s)));
        chosen.ifPresent(Server::connectionOpened);
        return chosen;
    }

    /** The configuration line of each server, for messages. */
    public List<ServerConfig> serverConfigs() {
        return servers().stream().map(Server::config).toList();
    }
}
