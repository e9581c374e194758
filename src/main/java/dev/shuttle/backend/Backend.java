package dev.shuttle.backend;

import dev.shuttle.config.BalanceAlgorithm;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.ServerConfig;
import dev.shuttle.lb.LoadBalancer;
import dev.shuttle.sample.BackendView;
import dev.shuttle.server.AdminState;
import dev.shuttle.server.OperationalState;
import dev.shuttle.server.Server;
import dev.shuttle.server.ServerStatus;
import dev.shuttle.server.Traffic;
import dev.shuttle.stats.TrafficCounters;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The runtime side of a backend: its servers, the load balancer that picks among them, the wait
 * for a free server slot when every server is at its {@code maxconn}, and the servers' runtime
 * changes (state, weight, maxconn, servers added or removed).
 *
 * <p>Locking: one lock per backend guards the load balancers' state, the decision to take a
 * server slot, the queue, and every change to a server's runtime state, so that two connections
 * never both take a server's last slot and a request never waits while a slot it could use is
 * free. It is held only for those decisions, never across I/O. Requests waiting for a slot wait in
 * {@link #queue}, each on a condition of its own; whoever frees a slot or changes a server hands
 * slots to the oldest requests they can serve, under the same lock as the decision to queue, so no
 * request can be queued just after the last slot it waited for was released (HAProxy's
 * pendconn_must_try_again() covers that race after the fact; here it cannot happen). The server
 * list is replaced as a whole under the lock and read without it (copy on write).
 */
public final class Backend implements BackendView {
    private final ProxyConfig config;
    private final QueueTimeouts queueTimeouts;
    private final ServerStateLog stateLog;
    private final SlotAudit audit;
    private final TrafficCounters counters = new TrafficCounters();
    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by: lock (replaced as a whole); volatile: read without the lock, a list one change
    // old being as good as the one a moment before
    private volatile ServerLists servers;
    // Guarded by: lock
    private final LoadBalancer activeBalancer;
    // Guarded by: lock
    private final LoadBalancer backupBalancer;
    // Guarded by: lock (requests waiting for a server slot, oldest first)
    private final ArrayDeque<SlotRequest> queue = new ArrayDeque<>();

    /** A backend with a queue watcher of its own that reports no state change: for tests and tools. */
    public Backend(ProxyConfig config) {
        this(config, new QueueTimeouts(), ServerStateLog.NONE);
    }

    /**
     * @param queueTimeouts the process's watcher of {@code timeout queue} deadlines
     * @param stateLog      where server state changes are reported
     */
    public Backend(ProxyConfig config, QueueTimeouts queueTimeouts, ServerStateLog stateLog) {
        this(config, queueTimeouts, stateLog, SlotAudit.NONE);
    }

    Backend(ProxyConfig config, QueueTimeouts queueTimeouts, ServerStateLog stateLog, SlotAudit audit) {
        this.config = config;
        this.queueTimeouts = queueTimeouts;
        this.stateLog = stateLog;
        this.audit = audit;
        this.servers = ServerLists.of(config.servers().stream().map(s -> new Server(s, config.name())).toList());
        this.activeBalancer = LoadBalancer.create(config.balance());
        this.backupBalancer = LoadBalancer.create(config.balance());
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

    /** Every server now, active ones first, in declaration (then addition) order within each group. */
    public List<Server> servers() {
        return servers.all();
    }

    public Optional<Server> server(String name) {
        for (Server server : servers.all()) {
            if (server.name().equals(name)) {
                return Optional.of(server);
            }
        }
        return Optional.empty();
    }

    /** Connections open to this backend's servers now ({@code be_conn}). */
    public int currentConnections() {
        int total = 0;
        for (Server server : servers.all()) {
            total += server.currentConnections();
        }
        return total;
    }

    /** The number of active servers the load balancer may currently pick ({@code nbsrv}). */
    public int usableServerCount() {
        return usable(servers.active());
    }

    /**
     * Whether weights may only be switched off and back ({@code 0} or the initial weight): the
     * algorithms whose plan is made once ({@code static-rr}; management.txt, "set weight").
     */
    public boolean weightsAreStatic() {
        return config.balance() == BalanceAlgorithm.STATIC_RR;
    }

    private static int usable(List<Server> group) {
        int usable = 0;
        for (Server server : group) {
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

    // Taking and giving back slots

    /**
     * Takes a slot on a server chosen by the load balancer, skipping {@code excluded} servers
     * while others are usable; waits up to {@code waitMillis} (0: forever) when all are full.
     *
     * @return the server whose slot was taken (release it with {@link #release}), or empty when no
     *         server is usable or the wait expired
     */
    public Optional<Server> acquire(Set<Server> excluded, long waitMillis) throws InterruptedException {
        return take(new SlotRequest(null, false, excluded, waitMillis));
    }

    /**
     * Takes a slot on one given server, for a connection that only it can serve (one a client
     * session keeps for itself); waits as {@link #acquire} does. Empty when the server takes no
     * request now (maintenance), or when it goes into maintenance during the wait.
     */
    public Optional<Server> acquireSpecific(Server server, long waitMillis) throws InterruptedException {
        return take(new SlotRequest(server, true, Set.of(), waitMillis));
    }

    /**
     * Takes a slot on a server a request names ({@code use-server}, or a retry on the server that
     * failed), waiting as {@link #acquire} does. While the server takes no request (maintenance),
     * or once it goes into maintenance during the wait, the request is the load balancer's to
     * place, as HAProxy's pendconn_redistribute() sends a server's queue back to the backend.
     */
    public Optional<Server> acquirePreferred(Server server, long waitMillis) throws InterruptedException {
        return take(new SlotRequest(server, false, Set.of(), waitMillis));
    }

    /**
     * Takes a slot on a server whatever its state, for a request that persistence sends there even
     * though it is down or in maintenance ({@code option persist}, {@code force-persist};
     * configuration.txt §4.2); waits as {@link #acquire} does when it is full.
     */
    public Optional<Server> acquireEvenIfDown(Server server, long waitMillis) throws InterruptedException {
        SlotRequest request = new SlotRequest(server, true, Set.of(), waitMillis);
        request.evenIfDown = true;
        return take(request);
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
            auditQueueLocked();
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

    /** Requests waiting for this server in particular now (its {@code qcur}). */
    public int queuedFor(Server server) {
        lock.lock();
        try {
            int count = 0;
            for (SlotRequest waiting : queue) {
                if (waiting.bound == server) {
                    count++;
                }
            }
            return count;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A request for a slot: on the server it is bound to, or on any that the load balancer may
     * pick outside {@code excluded}. While it waits in {@link #queue}, a release hands it a slot.
     */
    private final class SlotRequest {
        /** Only its bound server can serve it: a change of that server never rebinds it. */
        final boolean pinned;
        final Set<Server> excluded;
        /** Persistence sends it to its bound server even when that server is down (set before it is queued). */
        boolean evenIfDown;
        /** How long it may wait in the queue ({@code timeout queue}); 0: for ever. */
        final long waitMillis;
        // Guarded by: lock
        final Condition granted = lock.newCondition();
        // Guarded by: lock (the server it waits for, or null for any the load balancer picks)
        Server bound;
        // Guarded by: lock (the server whose slot was handed over, or null)
        Server slot;
        // Guarded by: lock (set when it stops waiting without a slot: no server can serve it any
        // more, or its deadline passed)
        boolean turnedAway;
        // Guarded by: lock (when the wait ends if no slot came: a nanoTime, set as it joins the queue)
        long deadlineNanos;

        SlotRequest(Server bound, boolean pinned, Set<Server> excluded, long waitMillis) {
            this.bound = bound;
            this.pinned = pinned;
            this.excluded = excluded;
            this.waitMillis = waitMillis;
        }

        boolean timed() {
            return waitMillis > 0;
        }

        /** A request bound to a server out of service leaves it for the load balancer, unless pinned; true if it did. */
        boolean releaseBindingLocked() {
            if (bound == null || pinned || bound.isUp()) {
                return false;
            }
            bound = null;
            return true;
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
            request.releaseBindingLocked();
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
                queueTimeouts.watch(this);
            }
            dispatchLocked(); // a slot that older requests cannot use (another server's) may be free
            auditQueueLocked();
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
                queueTimeouts.unwatch(this);
            }
            auditQueueLocked();
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
        auditQueueLocked();
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

    /** Whether a server that takes requests has a slot free. */
    private boolean anyFreeSlotLocked() {
        for (Server server : servers.all()) {
            if (server.isUp() && !server.isFull()) {
                return true;
            }
        }
        return false;
    }

    /** Whether some server could ever serve the request now (it may be full). */
    private boolean servableLocked(SlotRequest request) {
        if (request.bound != null) {
            return request.evenIfDown || request.bound.isUp();
        }
        ServerLists now = servers;
        return anyUsable(usable(now.active()) > 0 ? now.active() : now.backup(), Set.of());
    }

    /** Takes a free slot for the request, if there is one. */
    private Optional<Server> pickLocked(SlotRequest request) {
        if (request.bound != null) {
            Server server = request.bound;
            if (!(request.evenIfDown || server.isUp()) || server.isFull()) {
                return Optional.empty();
            }
            server.connectionOpened();
            audit.grantedLocked(server, false);
            return Optional.of(server);
        }
        boolean activeUsable = usable(servers.active()) > 0;
        List<Server> pool = activeUsable ? servers.active() : servers.backup();
        LoadBalancer balancer = activeUsable ? activeBalancer : backupBalancer;
        Optional<Server> chosen = balancer.pickLocked(pool, eligibleLocked(request, pool));
        if (chosen.isPresent()) {
            chosen.get().connectionOpened();
            audit.grantedLocked(chosen.get(), true);
        }
        return chosen;
    }

    /** The servers of {@code pool} the load balancer may give this request: usable, not full, not excluded unless all are. */
    private static Predicate<Server> eligibleLocked(SlotRequest request, List<Server> pool) {
        boolean othersUsable = anyUsable(pool, request.excluded);
        return s -> s.isUsable() && !s.isFull() && (!othersUsable || !request.excluded.contains(s));
    }

    /** Tells the audit, if any, how many queued requests could take a free slot now: the walk is for tests only. */
    private void auditQueueLocked() {
        if (audit == SlotAudit.NONE) {
            return;
        }
        int waitingDespiteAFreeSlot = 0;
        List<Server> pool = usable(servers.active()) > 0 ? servers.active() : servers.backup();
        for (SlotRequest waiting : queue) {
            boolean couldTake = waiting.bound != null
                    ? (waiting.evenIfDown || waiting.bound.isUp()) && !waiting.bound.isFull()
                    : pool.stream().anyMatch(eligibleLocked(waiting, pool));
            if (couldTake) {
                waitingDespiteAFreeSlot++;
            }
        }
        audit.settledLocked(waitingDespiteAFreeSlot);
    }

    // Runtime changes: every one goes through change(), which ends in serverChangedLocked()

    /** {@code set server <b>/<s> state ready|drain|maint}, {@code enable server}, {@code disable server}. */
    public void setAdminState(Server server, AdminState state) {
        change(server, () -> server.setAdminStateLocked(state));
    }

    /** Sets the operational state without a message of its own (tests, tools). */
    public void setOperationalState(Server server, OperationalState state) {
        change(server, () -> server.setOperationalStateLocked(state));
    }

    /**
     * A health check's verdict: the server goes {@code UP}, {@code STOPPING} or {@code DOWN}, with
     * the hand-over of queued requests every change has, and HAProxy's message ("Server b/s is
     * DOWN{@code reason}. ..."), where {@code reason} is ", reason: ..." or "".
     */
    public void setCheckedState(Server server, OperationalState state, String reason) {
        change(server, () -> server.setOperationalStateLocked(state),
                (before, counts) -> ServerStateMessages.operationalChange(server.qualifiedName(), server.isBackup(),
                        before, server.status(), reason, counts));
    }

    /** {@code set weight}: 0 to {@value Server#MAX_WEIGHT}; the caller applies {@link #weightsAreStatic}'s rule. */
    public void setWeight(Server server, int weight) {
        change(server, () -> server.setWeightLocked(weight));
    }

    /** {@code set maxconn server}: requests in flight at most, 0 for no limit (an unsigned 32-bit value). */
    public void setMaxconn(Server server, long maxconn) {
        change(server, () -> server.setMaxconnLocked(maxconn));
    }

    /**
     * Adds a server at the end of its group (active or backup); it takes queued requests at once
     * if its state allows. Refused when the backend already has a server of that name.
     */
    public Server addServer(ServerConfig serverConfig) {
        Server server = new Server(serverConfig, name());
        lock.lock();
        try {
            if (server(serverConfig.name()).isPresent()) {
                throw new IllegalArgumentException("backend " + name() + " already has a server " + serverConfig.name());
            }
            servers = servers.with(server);
            serverChangedLocked(server);
        } finally {
            lock.unlock();
        }
        return server;
    }

    /**
     * Removes a server that is in maintenance and serves no request any more (HAProxy's
     * {@code del server} has the same conditions); its idle connections are closed.
     *
     * @return false, changing nothing, when it is not this backend's, not in maintenance, or busy
     */
    public boolean removeServer(Server server) {
        lock.lock();
        try {
            if (!servers.all().contains(server) || server.adminState() != AdminState.MAINT
                    || server.currentConnections() > 0) {
                return false;
            }
            servers = servers.without(server);
            serverChangedLocked(server);
        } finally {
            lock.unlock();
        }
        server.idleConnections().releaseAll(server.idleConnections().shutdown());
        return true;
    }

    /**
     * Applies one change to a server of this backend, then reports it: under the lock, the change
     * and its consequences; after it, the messages and the closing of idle connections that a
     * server going into maintenance no longer needs.
     */
    private void change(Server server, Runnable changeLocked) {
        change(server, changeLocked, (before, counts) -> ServerStateMessages.adminChange(server.qualifiedName(),
                server.isBackup(), before, server.status(), counts));
    }

    /** The messages a change makes, from the status before it and the backend's counts after it. */
    private interface ChangeMessages {
        List<ServerStateMessages.Message> of(ServerStatus before, ServerStateMessages.Counts counts);
    }

    /**
     * Applies a change, then reports it with {@code describe}'s messages, and "no server available"
     * when the change took the backend's last usable server (HAProxy's srv_update_status()).
     */
    private void change(Server server, Runnable changeLocked, ChangeMessages describe) {
        List<ServerStateMessages.Message> messages;
        boolean leftService;
        boolean lastServerLost;
        lock.lock();
        try {
            if (!servers.all().contains(server)) {
                throw new IllegalArgumentException(server.qualifiedName() + " is not a server of backend " + name());
            }
            ServerStatus before = server.status();
            boolean hadUsable = usable(servers.active()) + usable(servers.backup()) > 0;
            changeLocked.run();
            int requeued = serverChangedLocked(server);
            leftService = before.admits(Traffic.PERSISTENT) && !server.isUp();
            messages = describe.of(before, countsLocked(server, requeued));
            lastServerLost = hadUsable && usable(servers.active()) + usable(servers.backup()) == 0;
        } finally {
            lock.unlock();
        }
        if (leftService) {
            server.idleConnections().releaseAll(server.idleConnections().takeAllWaiting());
        }
        for (ServerStateMessages.Message message : messages) {
            stateLog.report(this, message.level(), message.text());
        }
        if (lastServerLost) {
            stateLog.backendDown(this);
        }
    }

    /**
     * The one place where a change of a server (its state, weight or maxconn, or its arrival or
     * departure) takes effect, as HAProxy's srv_update_status() does with pendconn_redistribute()
     * and pendconn_grab_from_px() (queue.c):
     * <ol>
     *   <li>the load balancer of the server's group plans again with the new weights and list;
     *   <li>a server that no longer takes requests (maintenance, down) gives the requests that
     *       wait for it back to the backend: those that named it ({@code use-server}, a retry) now
     *       wait for any server, in their place; one that only it could serve (a connection a
     *       session keeps) is turned away, for its session to go through the load balancer;
     *   <li>free slots go to waiting requests, oldest first: a server that leaves maintenance or
     *       drain, gets a weight or a higher maxconn takes from the queue up to its free slots,
     *       and requests that no server can serve any more (none usable) are turned away.
     * </ol>
     * A server in drain keeps the requests that wait for it: they name it, and drain lets those in.
     *
     * @return the requests that waited for this server and now wait for any
     */
    private int serverChangedLocked(Server server) {
        (server.isBackup() ? backupBalancer : activeBalancer).replanLocked();
        int requeued = 0;
        if (!server.isUp()) {
            for (var it = queue.iterator(); it.hasNext(); ) {
                SlotRequest waiting = it.next();
                if (waiting.bound != server) {
                    continue;
                }
                if (waiting.releaseBindingLocked()) {
                    requeued++;
                } else {
                    it.remove();
                    waiting.turnedAway = true;
                    waiting.granted.signal();
                }
            }
        }
        dispatchLocked();
        auditQueueLocked();
        return requeued;
    }

    private ServerStateMessages.Counts countsLocked(Server server, int requeued) {
        int stillQueued = 0;
        for (SlotRequest waiting : queue) {
            if (waiting.bound == server) {
                stillQueued++;
            }
        }
        ServerLists now = servers;
        return new ServerStateMessages.Counts(usable(now.active()), usable(now.backup()),
                server.currentConnections(), requeued, stillQueued);
    }


    /** The configuration line of each server, for messages. */
    public List<ServerConfig> serverConfigs() {
        return servers().stream().map(Server::config).toList();
    }
}
