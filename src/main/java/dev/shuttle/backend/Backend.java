package dev.shuttle.backend;

import dev.shuttle.config.BalanceAlgorithm;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.ServerConfig;
import dev.shuttle.lang.SyslogLevel;
import dev.shuttle.lb.LoadBalancer;
import dev.shuttle.net.Address;
import dev.shuttle.sample.BackendView;
import dev.shuttle.server.AdminState;
import dev.shuttle.server.OperationalState;
import dev.shuttle.server.Server;
import dev.shuttle.server.ServerStatus;
import dev.shuttle.server.ShutdownCause;
import dev.shuttle.server.Traffic;
import dev.shuttle.stats.ErrorCaptures;
import dev.shuttle.stats.StateHistory;
import dev.shuttle.stats.TrafficCounters;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
 * free. It is held only for those decisions, never across I/O. Requests waiting for a slot wait,
 * each on a condition of its own, in a {@link RequestQueue}: the server's own when they name one
 * ({@code use-server}, a retry, a kept connection), else the backend's; both are ordered by
 * priority class, then arrival plus offset ({@code set-priority-class}, {@code set-priority-offset}).
 * Whoever frees a slot or changes a server hands slots to the requests served next, under the same
 * lock as the decision to queue, so no request can be queued just after the last slot it waited
 * for was released (HAProxy's pendconn_must_try_again() covers that race after the fact; here it
 * cannot happen). The server list is replaced as a whole under the lock and read without it (copy
 * on write).
 */
public final class Backend implements BackendView {
    private final ProxyConfig config;
    private final QueueTimeouts queueTimeouts;
    private final ServerStateLog stateLog;
    private final SlotAudit audit;
    private final TrafficCounters counters = new TrafficCounters();
    /** Whether it had a server to serve with, over time ({@code chkdown}, {@code lastchg}, {@code downtime}). */
    private final StateHistory history;
    /** The last malformed response it refused, for {@code show errors}. */
    private final ErrorCaptures errors = new ErrorCaptures();
    private final ReentrantLock lock = new ReentrantLock();
    // Written by the runtime API ("publish backend", "unpublish backend"); volatile: read by every
    // stream's content switching, without a lock
    private volatile boolean published = true;
    /** {@code option allbackups}: every usable backup takes traffic when no active server is usable. */
    private final boolean allBackups;
    // Guarded by: lock (replaced as a whole on every change of the servers: the same list object
    // between changes, which the hashing balancers' tables are built from)
    private List<Server> pool;
    // Guarded by: lock (replaced as a whole); volatile: read without the lock, a list one change
    // old being as good as the one a moment before
    private volatile ServerLists servers;
    // Guarded by: lock
    private final LoadBalancer activeBalancer;
    // Guarded by: lock
    private final LoadBalancer backupBalancer;
    // Guarded by: lock (the backend's queue and its servers', with their counts)
    private final WaitingRequests queues = new WaitingRequests();
    // Guarded by: lock (requests queued so far: the tie-break of equal keys)
    private long arrivals;
    // Guarded by: lock (whether a server has a minconn below its maxconn: the load then moves limits)
    private boolean dynamicLimits;
    // Guarded by: lock (the dynamic cookies' switch and key, and the servers' values they give)
    private final DynamicCookies dynamicCookies;

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
        this.servers = ServerLists.of(config.servers().stream()
                .map(s -> new Server(s, config.name(), tracksStreams(config, s))).toList());
        List<Integer> weights = config.servers().stream().map(ServerConfig::weight).toList();
        this.activeBalancer = LoadBalancer.create(config.balance(), config.balancing(), weights);
        this.backupBalancer = LoadBalancer.create(config.balance(), config.balancing(), weights);
        this.allBackups = config.isOptionSet("allbackups");
        this.pool = computePoolLocked();
        this.dynamicLimits = servers.all().stream().anyMatch(Server::hasDynamicLimit);
        this.history = new StateHistory(isDownLocked());
        this.dynamicCookies = new DynamicCookies(config.http().cookie());
    }

    /** Its up/down history, for the stats. */
    public StateHistory history() {
        return history;
    }

    /** Down: it has servers, and none it may send a request to (HAProxy's "DOWN" backend). */
    private boolean isDownLocked() {
        return !servers.all().isEmpty() && servingServerCount() == 0;
    }

    /**
     * Whether the streams using {@code server} must be known, so that a state change can end them:
     * its own {@code on-marked-down shutdown-sessions}, or, for a backup, an active server's
     * {@code on-marked-up shutdown-backup-sessions}.
     */
    private static boolean tracksStreams(ProxyConfig config, ServerConfig server) {
        if (server.check().trafficHealth().shutdownSessionsOnDown()) {
            return true;
        }
        return server.backup() && config.servers().stream()
                .anyMatch(other -> !other.backup() && other.check().trafficHealth().shutdownBackupSessionsOnUp());
    }

    public ProxyConfig config() {
        return config;
    }

    public String name() {
        return config.name();
    }

    /**
     * Whether content switching may choose this backend: {@code unpublish backend} takes it out of
     * other proxies' {@code use_backend} and {@code default_backend} rules (configuration.txt,
     * "be-unpublished"; management.txt §9.3, "unpublish backend"), {@code publish backend} brings it back.
     */
    public boolean isPublished() {
        return published;
    }

    public void setPublished(boolean published) {
        this.published = published;
    }

    /** The last malformed response it refused ({@code show errors}). */
    public ErrorCaptures errors() {
        return errors;
    }

    public TrafficCounters counters() {
        return counters;
    }

    @Override
    public long sessionRate() {
        return counters.sessionRate();
    }

    /** Every server now, active ones first, in declaration (then addition) order within each group. */
    /**
     * {@code set server addr} (management.txt §9.3): the server's new connections and checks go to
     * {@code address} from now on; its idle connections to the old one are closed, and the change is
     * reported as HAProxy reports it, a warning and a notice to the backend's logs ("be/s1: IP
     * changed from 'a' to 'b' by 'stats socket command'.").
     *
     * @param change what changed, in HAProxy's words
     */
    public void changeServerAddress(Server server, Address address, String change) {
        server.changeAddress(address);
        lock.lock();
        try {
            dynamicCookies.applyLocked(server); // HAProxy derives a dynamic cookie again from the new address
        } finally {
            lock.unlock();
        }
        server.idleConnections().releaseAll(server.idleConnections().takeAllWaiting());
        stateLog.report(this, SyslogLevel.NOTICE, name() + "/" + server.name() + ": " + change + ".");
    }

    /**
     * {@code set server <b>/<s> ssl on|off} (management.txt §9.3, 3.5's srv_set_ssl()): the server's
     * next connections use TLS or not, and its idle connections of the old kind are closed (those in
     * use never come back to it: the pool key tells TLS apart, {@link ConnectionKeys}). Its checks
     * follow when they go to its own address without {@code check-ssl}/{@code no-check-ssl}.
     */
    public void changeServerTls(Server server, boolean on) {
        lock.lock();
        try {
            server.useTls(on);
        } finally {
            lock.unlock();
        }
        // 3.5's srv_cleanup_connections(), after the command whether it changed anything or not
        server.idleConnections().releaseAll(server.idleConnections().takeAllWaiting());
    }

    /** A state file's {@code srv_use_ssl} applied at start, before any traffic (3.5's srv_set_ssl()). */
    void restoreTls(Server server, int useSsl) {
        lock.lock();
        try {
            server.useSsl(useSsl);
        } finally {
            lock.unlock();
        }
    }

    public List<Server> servers() {
        return servers.all();
    }

    /**
     * A state saved by a server state file, applied at start before any traffic: the balancer is
     * re-planned, and nothing is reported, as HAProxy 3.5 reports nothing of it.
     */
    void restoreQuietly(Server server, Runnable changeLocked) {
        lock.lock();
        try {
            changeLocked.run();
            serverChangedLocked(server);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A port saved by a server state file ({@code srv_port}), applied at start before any traffic,
     * without the message of {@code set server addr}; a dynamic cookie follows it.
     */
    void restorePort(Server server, Address address) {
        server.changeAddress(address);
        lock.lock();
        try {
            dynamicCookies.applyLocked(server);
        } finally {
            lock.unlock();
        }
    }

    /** {@code set dynamic-cookie-key backend} (management.txt §9.3): every server's dynamic cookie derived again. */
    public void setDynamicCookieKey(String key) {
        lock.lock();
        try {
            dynamicCookies.setKeyLocked(key, servers.all());
        } finally {
            lock.unlock();
        }
    }

    /** {@code enable|disable dynamic-cookie backend}: servers without a cookie of their own get one, or lose it. */
    public void setDynamicCookies(boolean enabled) {
        lock.lock();
        try {
            dynamicCookies.setEnabledLocked(enabled, servers.all());
        } finally {
            lock.unlock();
        }
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

    @Override
    public int servingServerCount() {
        ServerLists now = servers;
        int active = usable(now.active());
        return active > 0 ? active : usable(now.backup());
    }

    /**
     * Whether weights may only be switched off and back ({@code 0} or the initial weight): the
     * algorithms whose plan is made once ({@code static-rr}, and hashing with {@code hash-type
     * map-based}, whose table is sized by the configured weights; management.txt, "set weight").
     */
    public boolean weightsAreStatic() {
        BalanceAlgorithm algorithm = config.balance();
        return algorithm == BalanceAlgorithm.STATIC_RR
                || algorithm.hashesAKey() && !config.balancing().hashType().consistent();
    }

    /** Whether the load balancer chooses by a key taken from each request (a hashing {@code balance}). */
    public boolean balancesByKey() {
        return config.balance().hashesAKey();
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

    /** What a request for a slot came to: a server whose slot it holds, or why it has none. */
    /**
     * How many requests left a queue for a slot while a request waited in it (HAProxy's
     * {@code srv_queue_pos} and {@code prx_queue_pos}: the {@code %sq} and {@code %bq} of its log
     * line), in its server's queue and in the backend's; zero for a request that never waited.
     */
    public record QueuePositions(long server, long backend) {
        public static final QueuePositions NONE = new QueuePositions(0, 0);

        public QueuePositions plus(QueuePositions other) {
            return other == NONE ? this : this == NONE ? other
                    : new QueuePositions(server + other.server, backend + other.backend);
        }
    }

    public record Slot(Server server, Refusal refusal, QueuePositions positions) {
        public Slot(Server server, Refusal refusal) {
            this(server, refusal, QueuePositions.NONE);
        }

        /** Why no slot was given. */
        public enum Refusal {
            /** No server can serve the request now. */
            NO_SERVER,
            /** The server it must reach already has {@code maxqueue} requests waiting (HAProxy: 503, {@code SQ}). */
            QUEUE_FULL,
            /** No slot freed within {@code timeout queue} (503, {@code sQ}). */
            QUEUE_TIMEOUT
        }

        static Slot granted(Server server) {
            return new Slot(server, null);
        }

        public Optional<Server> granted() {
            return Optional.ofNullable(server);
        }
    }

    /**
     * Takes a slot on a server chosen by the load balancer, skipping {@code excluded} servers
     * while others are usable; waits up to {@code waitMillis} (0: forever) when all are full.
     *
     * @return the server whose slot was taken (release it with {@link #release}), or empty when no
     *         server is usable or the wait expired
     */
    public Optional<Server> acquire(Set<Server> excluded, long waitMillis) throws InterruptedException {
        return acquire(excluded, waitMillis, QueuePriority.NONE).granted();
    }

    /** As {@link #acquire(Set, long)}, waiting in the backend's queue at {@code priority}'s place. */
    public Slot acquire(Set<Server> excluded, long waitMillis, QueuePriority priority) throws InterruptedException {
        return acquire(excluded, waitMillis, priority, LoadBalancer.NO_KEY);
    }

    /** As {@link #acquire(Set, long)}, for a request whose balancing key is {@code balanceKey}. */
    public Optional<Server> acquire(Set<Server> excluded, long waitMillis, long balanceKey) throws InterruptedException {
        return acquire(excluded, waitMillis, QueuePriority.NONE, balanceKey).granted();
    }

    /**
     * As {@link #acquire(Set, long, QueuePriority)}, for a request whose balancing key is {@code
     * balanceKey} (the stream's {@code BalanceKey}): a hashing algorithm gives it the key's server,
     * and it waits for that server when it is full.
     */
    public Slot acquire(Set<Server> excluded, long waitMillis, QueuePriority priority, long balanceKey)
            throws InterruptedException {
        return take(new SlotRequest(null, false, excluded, waitMillis, priority, balanceKey, lock));
    }

    /**
     * Takes a slot on one given server, for a connection that only it can serve (one a client
     * session keeps for itself); waits as {@link #acquire} does. Empty when the server takes no
     * request now (maintenance), or when it goes into maintenance during the wait.
     */
    public Optional<Server> acquireSpecific(Server server, long waitMillis) throws InterruptedException {
        return acquireSpecific(server, waitMillis, QueuePriority.NONE).granted();
    }

    /** As {@link #acquireSpecific(Server, long)}, waiting in the server's queue at {@code priority}'s place. */
    public Slot acquireSpecific(Server server, long waitMillis, QueuePriority priority) throws InterruptedException {
        return take(new SlotRequest(server, true, Set.of(), waitMillis, priority, LoadBalancer.NO_KEY, lock));
    }

    /**
     * Takes a slot on a server a request names ({@code use-server}, or a retry on the server that
     * failed), waiting in that server's queue. While the server takes no request (maintenance),
     * or once it goes into maintenance during the wait, the request is the load balancer's to
     * place, as HAProxy's pendconn_redistribute() sends a server's queue back to the backend.
     */
    public Optional<Server> acquirePreferred(Server server, long waitMillis) throws InterruptedException {
        return acquirePreferred(server, waitMillis, QueuePriority.NONE).granted();
    }

    /**
     * As {@link #acquirePreferred(Server, long)}, at {@code priority}'s place. When the server's
     * queue is full ({@code maxqueue}), the request goes to the load balancer under {@code option
     * redispatch}, else it is refused ({@link Slot.Refusal#QUEUE_FULL}), as HAProxy's
     * back_handle_st_req() treats SRV_STATUS_FULL.
     */
    public Slot acquirePreferred(Server server, long waitMillis, QueuePriority priority) throws InterruptedException {
        return acquirePreferred(server, waitMillis, priority, LoadBalancer.NO_KEY);
    }

    /** As {@link #acquirePreferred(Server, long)}, with the request's balancing key for when the load balancer places it. */
    public Optional<Server> acquirePreferred(Server server, long waitMillis, long balanceKey) throws InterruptedException {
        return acquirePreferred(server, waitMillis, QueuePriority.NONE, balanceKey).granted();
    }

    /** As {@link #acquirePreferred(Server, long, QueuePriority)}, with the request's balancing key for when the load balancer places it. */
    public Slot acquirePreferred(Server server, long waitMillis, QueuePriority priority, long balanceKey)
            throws InterruptedException {
        return take(new SlotRequest(server, false, Set.of(), waitMillis, priority, balanceKey, lock));
    }

    /**
     * Takes a slot on a server whatever its state, for a request that persistence sends there even
     * though it is down or in maintenance ({@code option persist}, {@code force-persist};
     * configuration.txt §4.2); waits in that server's queue as {@link #acquireSpecific} does when it
     * is full.
     */
    public Slot acquireEvenIfDown(Server server, long waitMillis, QueuePriority priority) throws InterruptedException {
        SlotRequest request = new SlotRequest(server, true, Set.of(), waitMillis, priority, LoadBalancer.NO_KEY, lock);
        request.evenIfDown = true;
        return take(request);
    }

    /** As {@link #acquireEvenIfDown(Server, long, QueuePriority)}, at no particular place in the queue. */
    public Optional<Server> acquireEvenIfDown(Server server, long waitMillis) throws InterruptedException {
        return acquireEvenIfDown(server, waitMillis, QueuePriority.NONE).granted();
    }

    /**
     * Gives back a slot taken with {@link #acquire}: it goes straight to the request the server
     * serves next, from its own queue or the backend's (HAProxy's process_srv_queue()).
     */
    public void release(Server server) {
        lock.lock();
        try {
            server.connectionClosed();
            serveQueuesLocked(server);
            auditQueueLocked();
        } finally {
            lock.unlock();
        }
    }

    /** Requests waiting for a slot now, in every queue ({@code queue}, the backend's {@code qcur}). */
    @Override
    public int queuedRequests() {
        return queues.total();
    }

    /** Requests waiting in the backend's own queue, for no server in particular (the stats' qcur). */
    public int queuedForAnyServer() {
        return queues.sharedCount();
    }

    /** Requests waiting for this server in particular now (its {@code qcur}, {@code srv_queue}). */
    public int queuedFor(Server server) {
        return server.queued();
    }

    /**
     * A slot at once when a server it may use has one free; else a place in a queue (its server's
     * when it names one, else the backend's) until a release or a change hands one over. The
     * decision and the enqueue happen under the lock every release takes, and a release serves the
     * queues before anyone else can take the slot, so a request never waits while a slot it could
     * use is free. The wait itself has no timeout: {@link QueueTimeouts} refuses it once its
     * deadline passed.
     */
    private Slot take(SlotRequest request) throws InterruptedException {
        lock.lock();
        try {
            request.releaseBindingLocked();
            if (!servableLocked(request)) {
                return new Slot(null, Slot.Refusal.NO_SERVER);
            }
            Optional<Server> free = pickLocked(request);
            if (free.isPresent()) {
                return grantedAtOnceLocked(free.get());
            }
            if (request.bound != null && queueFullLocked(request.bound)) {
                if (request.pinned || !config.isOptionSet("redispatch")) {
                    return new Slot(null, Slot.Refusal.QUEUE_FULL);
                }
                request.bound = null;
                free = pickLocked(request);
                if (free.isPresent()) {
                    return grantedAtOnceLocked(free.get());
                }
                if (request.bound != null && queueFullLocked(request.bound)) {
                    return new Slot(null, Slot.Refusal.QUEUE_FULL); // a hashed request's key names the same server
                }
            }
            long now = System.nanoTime();
            request.deadlineNanos = now + TimeUnit.MILLISECONDS.toNanos(request.waitMillis);
            request.key = TimeUnit.NANOSECONDS.toMillis(now) + request.priority.offsetMillis();
            request.arrival = arrivals++;
            queues.add(request);
            if (request.bound != null) {
                request.bound.counters().queued(request.bound.queued()); // the server's qmax
            } else {
                counters.queued(queues.sharedCount()); // the backend's qmax
            }
            if (request.timed()) {
                queueTimeouts.watch(this);
            }
            if (dynamicLimits) {
                dispatchLocked(); // a dynamic limit grows with the backend's load, which just grew
            }
            auditQueueLocked();
            try {
                // Whoever ends the wait (a release, a refusal, the deadline) has taken it out of its queue.
                request.awaitLocked();
            } catch (InterruptedException e) {
                giveUpLocked(request);
                throw e;
            }
            QueuePositions positions = request.queuePositions();
            if (request.slot != null) {
                return new Slot(request.slot, null, positions);
            }
            return new Slot(null, request.refusal == SlotRequest.Refusal.TIMED_OUT ? Slot.Refusal.QUEUE_TIMEOUT
                    : Slot.Refusal.NO_SERVER, positions);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A slot taken without waiting. The backend's load grew by one, and with it the dynamic limits
     * ({@code minconn}): a queued request may fit now, as it would in HAProxy once beconn counts the
     * new stream.
     */
    private Slot grantedAtOnceLocked(Server server) {
        if (dynamicLimits && queues.total() > 0) {
            dispatchLocked();
            auditQueueLocked();
        }
        return Slot.granted(server);
    }

    /** Whether a server's own queue holds its {@code maxqueue} already. */
    private boolean queueFullLocked(Server server) {
        return server.maxqueue() > 0 && server.queued() >= server.maxqueue();
    }

    /**
     * Ends the waits whose deadline passed by {@code now} (a nanoTime): they leave their queue and
     * find no slot. Stops the watch when no waiting request has a deadline any more.
     */
    void expireQueued(long now) {
        lock.lock();
        try {
            if (!queues.expire(now)) {
                queueTimeouts.unwatch(this);
            }
            auditQueueLocked();
        } finally {
            lock.unlock();
        }
    }

    /** An interrupted wait leaves its queue; a slot handed over meanwhile goes to the next one. */
    private void giveUpLocked(SlotRequest request) {
        queues.remove(request);
        if (request.slot != null) {
            Server server = request.slot;
            server.connectionClosed();
            request.slot = null;
            serveQueuesLocked(server);
        }
        auditQueueLocked();
    }

    /**
     * Hands a server's free slots to the requests it serves next, one at a time (HAProxy's
     * process_srv_queue() and pendconn_process_next_strm()): the head of its own queue or the head
     * of the backend's queue that may use it, whichever comes first by priority class, then key;
     * the server's own on a tie. The backend's queue is served only by a server the load balancer
     * could pick for it now (usable, of the group in use: active servers, else backups).
     */
    private void serveQueuesLocked(Server server) {
        if (!server.isUp()) {
            servePersistentLocked(server);
            return;
        }
        RequestQueue own = queues.of(server);
        boolean servesBackend = !queues.shared().isEmpty() && server.isUsable() && balancedPoolLocked().contains(server);
        while (!fullLocked(server)) {
            SlotRequest mine = own == null ? null : own.first();
            SlotRequest shared = servesBackend ? firstFor(server) : null;
            SlotRequest next = mine == null ? shared
                    : shared == null || RequestQueue.SERVICE_ORDER.compare(mine, shared) <= 0 ? mine : shared;
            if (next == null) {
                return;
            }
            RequestQueue from = next.queue;
            queues.remove(next);
            from.served();
            server.connectionOpened();
            audit.grantedLocked(server, next == shared);
            countGrantLocked(server, false); // a queued request: no load-balancer choice
            next.grantLocked(server);
        }
    }

    /**
     * A server out of service serves only the requests that persistence sends to it even so
     * ({@code option persist}, {@code force-persist}), in their queue's order.
     */
    private void servePersistentLocked(Server server) {
        RequestQueue own = queues.of(server);
        if (own == null) {
            return;
        }
        for (SlotRequest waiting : own) {
            if (fullLocked(server)) {
                return;
            }
            if (waiting.evenIfDown) {
                queues.remove(waiting);
                own.served();
                server.connectionOpened();
                audit.grantedLocked(server, false);
                countGrantLocked(server, false);
                waiting.grantLocked(server);
                servePersistentLocked(server); // the queue changed under the walk: start again
                return;
            }
        }
    }

    /**
     * The first request of the backend's queue that may take a slot on {@code server}: one retrying
     * elsewhere may not, nor one whose balancing key maps to another server (it came back from a
     * server's queue when that server left service, and its key places it again).
     */
    private SlotRequest firstFor(Server server) {
        for (SlotRequest waiting : queues.shared()) {
            if (waiting.balanceKey != LoadBalancer.NO_KEY && balancesByKey()) {
                if (keyedServerLocked(waiting) == server) {
                    return waiting;
                }
                continue;
            }
            if (waiting.excluded.isEmpty() || !waiting.excluded.contains(server)
                    || !anyUsable(balancedPoolLocked(), waiting.excluded)) {
                return waiting;
            }
        }
        return null;
    }

    /**
     * Serves every queue from every server with a free slot, and refuses the requests no server can
     * serve any more: after a change of servers, a wait that ended, or a load that moved the
     * dynamic limits. A backend whose servers are all full returns after a look at each.
     */
    private void dispatchLocked() {
        if (queues.total() == 0) {
            return;
        }
        if (!queues.shared().isEmpty() && !anyUsable(balancedPoolLocked(), Set.of())) {
            queues.refuseShared();
        }
        for (Server server : servers.all()) {
            serveQueuesLocked(server);
        }
    }

    /** Whether some server could ever serve the request now (it may be full). */
    private boolean servableLocked(SlotRequest request) {
        if (request.bound != null) {
            return request.evenIfDown || request.bound.isUp();
        }
        return anyUsable(balancedPoolLocked(), Set.of());
    }

    /**
     * The servers the load balancer chooses among now (backend.c, recount_servers()): the active
     * ones while one is usable; else the backups, all of them under {@code option allbackups},
     * otherwise only the first usable one in declaration order, which takes all the traffic.
     */
    private List<Server> balancedPoolLocked() {
        return pool;
    }

    /** Works out {@link #balancedPoolLocked()} again, after a change of the servers or of their states. */
    private List<Server> computePoolLocked() {
        ServerLists now = servers;
        if (usable(now.active()) > 0) {
            return now.active();
        }
        if (allBackups) {
            return now.backup();
        }
        for (Server backup : now.backup()) {
            if (backup.isUsable()) {
                return List.of(backup);
            }
        }
        return List.of();
    }

    /**
     * Whether one more request in flight on {@code server} would pass its limit now: {@code maxconn},
     * or the dynamic limit of a server with a {@code minconn} ({@link DynamicLimit}), which follows
     * the backend's load: its requests in flight and queued, as HAProxy's beconn counts them.
     */
    private boolean fullLocked(Server server) {
        if (!server.hasDynamicLimit()) {
            return server.isFull();
        }
        long load = queues.total() + currentConnections();
        return server.isFullAt(DynamicLimit.of(server.minconn(), server.maxconn(), load, config.fullconn()));
    }

    /** The stats of a slot just taken: for a load-balancer choice, {@code lbtot} of the backend and the server. */
    private void countGrantLocked(Server server, boolean balanced) {
        if (balanced) {
            counters.balanced();
            server.counters().balanced();
        }
    }

    /** Takes a free slot for the request, if there is one. */
    private Optional<Server> pickLocked(SlotRequest request) {
        if (request.bound != null) {
            Server server = request.bound;
            if (!(request.evenIfDown || server.isUp()) || fullLocked(server)) {
                return Optional.empty();
            }
            server.connectionOpened();
            audit.grantedLocked(server, false);
            countGrantLocked(server, false);
            return Optional.of(server);
        }
        List<Server> pool = balancedPoolLocked();
        LoadBalancer balancer = pool == servers.active() ? activeBalancer : backupBalancer;
        if (request.balanceKey != LoadBalancer.NO_KEY && balancesByKey()) {
            Optional<Server> keyed = balancer.keyedServerLocked(pool, avoidedLocked(request, pool), request.balanceKey);
            if (keyed.isPresent() && (!keyed.get().isUsable() || fullLocked(keyed.get()))) {
                request.bound = keyed.get(); // it waits in its key's server's queue (HAProxy's assign_server_and_queue)
                return Optional.empty();
            }
            keyed.ifPresent(server -> {
                server.connectionOpened();
                audit.grantedLocked(server, true);
                countGrantLocked(server, true);
            });
            return keyed;
        }
        Optional<Server> chosen = balancer.pickLocked(pool, eligibleLocked(request, pool));
        if (chosen.isPresent()) {
            chosen.get().connectionOpened();
            audit.grantedLocked(chosen.get(), true);
            countGrantLocked(chosen.get(), true);
        }
        return chosen;
    }

    /** The servers of {@code pool} the load balancer may give this request: usable, not full, not excluded unless all are. */
    private Predicate<Server> eligibleLocked(SlotRequest request, List<Server> pool) {
        boolean othersUsable = !request.excluded.isEmpty() && anyUsable(pool, request.excluded);
        return s -> s.isUsable() && !fullLocked(s) && (!othersUsable || !request.excluded.contains(s));
    }

    /** The server a hashed request's key maps to now, or null. */
    private Server keyedServerLocked(SlotRequest request) {
        List<Server> pool = balancedPoolLocked();
        LoadBalancer balancer = pool == servers.active() ? activeBalancer : backupBalancer;
        return balancer.keyedServerLocked(pool, avoidedLocked(request, pool), request.balanceKey).orElse(null);
    }

    /** The servers a retry moves away from ({@code option redispatch}), while others are usable. */
    private static Predicate<Server> avoidedLocked(SlotRequest request, List<Server> pool) {
        if (request.excluded.isEmpty() || !anyUsable(pool, request.excluded)) {
            return server -> false;
        }
        return request.excluded::contains;
    }

    /** Tells the audit, if any, how many queued requests could take a free slot now: the walk is for tests only. */
    private void auditQueueLocked() {
        if (audit == SlotAudit.NONE) {
            return;
        }
        int waitingDespiteAFreeSlot = 0;
        List<Server> pool = balancedPoolLocked();
        boolean freeInPool = pool.stream().anyMatch(s -> s.isUsable() && !fullLocked(s));
        for (SlotRequest waiting : freeInPool ? queues.shared() : new RequestQueue()) {
            // A hashed request can take only its key's server.
            Server keyed = waiting.balanceKey != LoadBalancer.NO_KEY && balancesByKey() ? keyedServerLocked(waiting) : null;
            boolean couldTake = keyed != null ? keyed.isUsable() && !fullLocked(keyed)
                    : pool.stream().anyMatch(eligibleLocked(waiting, pool));
            if (couldTake) {
                waitingDespiteAFreeSlot++;
            }
        }
        int counted = queues.shared().size();
        for (var entry : queues.byServer().entrySet()) {
            Server server = entry.getKey();
            counted += entry.getValue().size();
            if (entry.getValue().size() != server.queued()) {
                throw new IllegalStateException(server.qualifiedName() + " counts " + server.queued()
                        + " queued requests, its queue holds " + entry.getValue().size());
            }
            if (!entry.getValue().isEmpty() && server.isUp() && !fullLocked(server)) {
                waitingDespiteAFreeSlot += entry.getValue().size();
            } else if (!server.isUp() && !fullLocked(server)) {
                for (SlotRequest waiting : entry.getValue()) {
                    waitingDespiteAFreeSlot += waiting.evenIfDown ? 1 : 0;
                }
            }
        }
        if (counted != queues.total()) {
            throw new IllegalStateException("the backend counts " + queues.total() + " queued requests, its queues hold "
                    + counted);
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

    // Servers added and removed at runtime (management.txt §9.3, "add server", "del server"): the
    // list is swapped whole under the lock, so that the request path reads it without one.

    /**
     * Adds a server at the end of its group (active or backup), numbered with the first id no
     * server of the backend has when its configuration gives none ({@code id} 0); it takes
     * queued requests at once if its state allows. The server is {@linkplain Server#isDynamic()
     * dynamic}.
     *
     * @throws IllegalArgumentException with HAProxy's answer, when the backend already has a
     *         server of that name or of that custom id (the backend stays unchanged)
     */
    public Server addServer(ServerConfig serverConfig) {
        Server server;
        lock.lock();
        try {
            if (server(serverConfig.name()).isPresent()) {
                throw new IllegalArgumentException("Already exists a server with the same name in backend.");
            }
            ServerConfig numbered = serverConfig.withId(serverConfig.id() == 0 ? firstFreeIdLocked()
                    : customIdLocked(serverConfig.id()));
            server = new Server(numbered, name(), tracksStreams(config, numbered), true);
            servers = servers.with(server);
            dynamicCookies.applyLocked(server);
            serverChangedLocked(server);
        } finally {
            lock.unlock();
        }
        return server;
    }

    /** The lowest id no server of the backend has (HAProxy numbers a dynamic server so). */
    private int firstFreeIdLocked() {
        Set<Integer> taken = new HashSet<>();
        for (Server server : servers.all()) {
            taken.add(server.id());
        }
        int id = 1;
        while (taken.contains(id)) {
            id++;
        }
        return id;
    }

    /** A custom {@code id}, refused with HAProxy's text when a server of the backend has it. */
    private int customIdLocked(int id) {
        for (Server other : servers.all()) {
            if (other.id() == id) {
                throw new IllegalArgumentException("'id' : custom id " + id + " already used at "
                        + other.config().where() + " ('server " + other.name() + "').");
            }
        }
        return id;
    }

    /** What {@link #remove(Server)} came to; the texts are HAProxy 3.5's answers to {@code del server}. */
    public enum Removal {
        REMOVED("Server deleted."),
        NO_SUCH_SERVER("No such server."),
        NOT_IN_MAINTENANCE("Only servers in maintenance mode can be deleted."),
        /** A request in flight or queued, or a connection in use or kept idle by a client session: may pass. */
        BUSY("Server still has connections attached to it, cannot remove it.");

        private final String answer;

        Removal(String answer) {
            this.answer = answer;
        }

        public String answer() {
            return answer;
        }
    }

    /**
     * Whether {@code server} could be removed now ({@code wait srv-removable}): {@link
     * Removal#REMOVED} when {@link #remove} would succeed, counting the idle connections it would
     * close first as no obstacle.
     */
    public Removal removability(Server server) {
        lock.lock();
        try {
            return removabilityLocked(server);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The conditions of HAProxy's {@code del server} except the references to it, which the
     * caller checks: the server is in maintenance, serves and queues no request, and no
     * connection to it is in use (idle ones are closed by the removal).
     */
    private Removal removabilityLocked(Server server) {
        if (!servers.all().contains(server)) {
            return Removal.NO_SUCH_SERVER;
        }
        if (server.adminState() != AdminState.MAINT) {
            return Removal.NOT_IN_MAINTENANCE;
        }
        if (server.currentConnections() > 0 || server.queued() > 0 || server.idleConnections().counts().used() > 0
                || server.idleConnections().privateIdle() > 0) {
            return Removal.BUSY;
        }
        return Removal.REMOVED;
    }

    /**
     * Removes a server that is in maintenance and serves no request any more ({@code del server}):
     * its idle connections are closed first (seed 000: conn_release() on delete server), then, if
     * nothing else holds it, it leaves the lists, the load balancers, and with it its counters.
     */
    public Removal remove(Server server) {
        Removal now = removability(server);
        if (now != Removal.REMOVED) {
            return now;
        }
        server.idleConnections().releaseAll(server.idleConnections().takeAllWaiting());
        lock.lock();
        try {
            now = removabilityLocked(server);
            if (now != Removal.REMOVED) {
                return now;
            }
            servers = servers.without(server);
            serverChangedLocked(server);
        } finally {
            lock.unlock();
        }
        // Refuses later returns: a connection that finished its exchange meanwhile is closed.
        server.idleConnections().releaseAll(server.idleConnections().shutdown());
        return Removal.REMOVED;
    }

    /** As {@link #remove}: false, changing nothing, when it is not this backend's, not in maintenance, or busy. */
    public boolean removeServer(Server server) {
        return remove(server) == Removal.REMOVED;
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
        boolean cameBack;
        boolean lastServerLost;
        lock.lock();
        try {
            if (!servers.all().contains(server)) {
                throw new IllegalArgumentException(server.qualifiedName() + " is not a server of backend " + name());
            }
            ServerStatus before = server.status();
            boolean hadUsable = usable(servers.active()) + usable(servers.backup()) > 0;
            changeLocked.run();
            cameBack = !before.admits(Traffic.PERSISTENT) && server.isUp();
            if (cameBack) {
                server.cameBackLocked(); // from down or maintenance: its slowstart ramp, if any
            }
            int requeued = serverChangedLocked(server);
            leftService = before.admits(Traffic.PERSISTENT) && !server.isUp();
            messages = describe.of(before, countsLocked(server, requeued));
            lastServerLost = hadUsable && usable(servers.active()) + usable(servers.backup()) == 0;
        } finally {
            lock.unlock();
        }
        if (leftService) {
            server.idleConnections().releaseAll(server.idleConnections().takeAllWaiting());
            if (server.config().check().trafficHealth().shutdownSessionsOnDown()) {
                server.streams().shutdownAll(ShutdownCause.SERVER_DOWN);
            }
        }
        if (cameBack && !server.isBackup() && server.isUsable()
                && server.config().check().trafficHealth().shutdownBackupSessionsOnUp()) {
            for (Server backup : servers.backup()) {
                backup.streams().shutdownAll(ShutdownCause.SERVER_UP);
            }
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
        pool = computePoolLocked();
        (server.isBackup() ? backupBalancer : activeBalancer).replanLocked();
        dynamicLimits = servers.all().stream().anyMatch(Server::hasDynamicLimit);
        history.observe(isDownLocked());
        int requeued = server.isUp() ? 0 : queues.releaseServer(server);
        if (!servers.all().contains(server)) {
            queues.forget(server);
        }
        dispatchLocked();
        auditQueueLocked();
        return requeued;
    }

    private ServerStateMessages.Counts countsLocked(Server server, int requeued) {
        int stillQueued = server.queued();
        ServerLists now = servers;
        return new ServerStateMessages.Counts(usable(now.active()), usable(now.backup()),
                server.currentConnections(), requeued, stillQueued);
    }


    /** The configuration line of each server, for messages. */
    public List<ServerConfig> serverConfigs() {
        return servers().stream().map(Server::config).toList();
    }
}
