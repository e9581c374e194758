package dev.shuttle.server;

import dev.shuttle.config.ServerConfig;
import dev.shuttle.net.Address;
import dev.shuttle.sample.ServerView;
import dev.shuttle.stats.StateHistory;
import dev.shuttle.stats.TrafficCounters;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The runtime side of one {@code server} line: its configuration, its state, its counters and
 * its pool of idle connections.
 *
 * <p>Shared by every connection using the server. A slot is a request in flight, not a connection
 * (configuration.txt, server "maxconn": "In HTTP mode this parameter limits the number of
 * concurrent requests instead of the number of connections"): idle pooled connections hold none.
 *
 * <p>Locking: the runtime state (its {@link ServerStatus}, weight and maxconn: what the runtime API
 * changes) and the slot count are written only by the server's {@code Backend}, under the backend's
 * lock, so that a server never exceeds its {@code maxconn} and every change re-plans the load
 * balancer and hands queued requests on in the same step (the {@code ...Locked} methods). They are
 * volatile, so that readers without the lock see a recent value: the backend's own decisions read
 * them under the lock; a {@code use-server} rule, a fetch such as {@code nbsrv}, a log line or the
 * runtime API may read them without it, where a value one change old is harmless (the backend checks
 * again under its lock before a slot is taken). A server that no backend owns (a unit test's) is
 * confined to one thread.
 */
public final class Server implements ServerView {
    /** The highest weight, in the configuration and at runtime (configuration.txt, "weight"). */
    public static final int MAX_WEIGHT = 256;

    /** Numbers every server of the process, for the connection hash's target. */
    private static final AtomicLong NEXT_UNIQUE_ID = new AtomicLong(1);

    private final long uniqueId = NEXT_UNIQUE_ID.getAndIncrement();
    private final IdleConnectionPool idleConnections;
    private final ConnectionBudget connectionBudget;
    private final boolean transparent;
    // Written by the runtime API ({@code set server addr}, one command at a time per server: the
    // address first, then the hashes); volatile: read by every connect, check and stats reader,
    // which may see the old pair for a moment (a connection then opened goes to the old address)
    private volatile Address address;
    private volatile ConnectionHashes hashes;
    private final ServerConfig config;
    private final String backendName;
    // Guarded by: the backend's lock for changes; read anywhere
    private final AtomicInteger currentConnections = new AtomicInteger();
    private final TrafficCounters counters = new TrafficCounters();
    /** Its up/down history for the stats ({@code chkfail}, {@code chkdown}, {@code lastchg}, {@code downtime}). */
    private final StateHistory history;
    // Guarded by: the backend's lock (written); volatile for the readers described above
    private volatile ServerStatus status;
    // Written by the server's health check alone; volatile: read by the runtime API and logs
    private volatile CheckReport lastCheck = CheckReport.NONE;
    // Guarded by: the backend's lock (written); volatile: the weight set at runtime, 0 to 256
    private volatile int weight;
    // Guarded by: the backend's lock (written); volatile: requests in flight at most, 0 for no
    // limit; an unsigned 32-bit value as HAProxy keeps it, hence a long
    private volatile long maxconn;
    /** Its {@code slowstart} ramp after it comes back up. */
    private final Warmup warmup;
    /** Its {@code observe}: what its traffic tells its health check. */
    private final TrafficObserver observer;
    /** The streams using it, when an action may end them. */
    private final ServerStreams streams;
    // Guarded by: the backend's lock (written); volatile: the low end of the dynamic limit, equal to
    // maxconn when the limit is static (configuration.txt §5.2, "minconn")
    private volatile long minconn;
    /** Requests its own queue holds at most, 0 for no limit ({@code maxqueue}). */
    private final int maxqueue;
    // Guarded by: the backend's lock (written); volatile: requests waiting in its own queue now
    // ({@code srv_queue}, the stats' qcur), read without the lock by fetches and stats
    private volatile int queued;
    /** Added at runtime ({@code add server}) rather than declared in the configuration. */
    private final boolean dynamic;
    // Guarded by: the backend's lock (written by the runtime API's set server ... ssl); volatile: read
    // once by each new connection to the server, its pool key and its checks
    private volatile boolean tls;
    // Guarded by: the backend's lock (written with tls); volatile: read by show servers state. 3.5's
    // use_ssl: 1 (ssl), -1 (no-ssl), 0 (neither), then what set server ... ssl or a state file set
    private volatile int useSsl;
    // Guarded by: the backend's lock (written: a dynamic cookie derived again at run time); volatile:
    // read by each request's cookie persistence and by the stats
    private volatile Optional<String> cookie;
    /** What the runtime API changes of its checks: on or off, where they go. */
    private final CheckControl checkControl;

    public Server(ServerConfig config, String backendName) {
        this(config, backendName, config.check().trafficHealth().shutdownSessionsOnDown());
    }

    /**
     * @param trackStreams whether its streams register in {@link #streams()}: when its own
     *                     {@code on-marked-down} or, for a backup, another server's {@code on-marked-up} may end them
     */
    public Server(ServerConfig config, String backendName, boolean trackStreams) {
        this(config, backendName, trackStreams, false);
    }

    /**
     * @param dynamic whether it is added at runtime ({@code add server}, management.txt §9.3): no
     *                other server may track it
     */
    public Server(ServerConfig config, String backendName, boolean trackStreams, boolean dynamic) {
        this.dynamic = dynamic;
        this.tls = config.tls().enabled();
        this.useSsl = config.tls().enabled() ? 1 : config.tls().noSsl() ? -1 : 0;
        this.checkControl = new CheckControl(config.check(), dynamic);
        this.cookie = config.persistence().cookie();
        this.streams = new ServerStreams(trackStreams);
        this.config = config;
        this.backendName = backendName;
        this.status = new ServerStatus(config.disabled() ? AdminState.MAINT : AdminState.READY,
                config.check().enabled() && config.check().initState().startsDown()
                        ? OperationalState.DOWN : OperationalState.UP);
        this.history = new StateHistory(!status.admits(Traffic.PERSISTENT));
        this.weight = config.weight();
        // HAProxy's srv_minmax_conn_apply(): a minconn above maxconn (or alone) becomes a static
        // limit; a maxconn alone is a static limit too.
        long configuredMin = config.queueing().minconn();
        this.maxconn = Math.max(config.maxconn(), configuredMin);
        this.minconn = configuredMin == 0 || configuredMin >= config.maxconn() ? this.maxconn : configuredMin;
        this.maxqueue = config.queueing().maxqueue();
        this.warmup = new Warmup(config.slowstartMillis());
        this.observer = new TrafficObserver(config.check().trafficHealth());
        this.idleConnections = new IdleConnectionPool(config.pooling().maxIdle(), config.pooling().lowIdle());
        this.address = config.address();
        this.hashes = new ConnectionHashes(uniqueId, config.address(), config.pooling());
        this.transparent = config.address() instanceof Address.Inet inet && inet.isAnyAddress();
        this.connectionBudget = new ConnectionBudget(config.pooling().strictMaxconn());
    }

    /**
     * The value of the backend's persistence cookie that names it now: the server line's, or the one
     * {@code dynamic-cookie-key} derives (which the runtime API may derive again, or take away).
     */
    public Optional<String> cookie() {
        return cookie;
    }

    /** A dynamic cookie derived again, or taken away ({@code disable dynamic-cookie backend}). */
    public void setCookieLocked(Optional<String> value) {
        cookie = value;
    }

    /** Its checks' runtime switches and targets ({@code enable health}, {@code set server ... check-port}...). */
    public CheckControl checkControl() {
        return checkControl;
    }

    /** Its open connections, bounded by {@code maxconn} under {@code strict-maxconn}. */
    public ConnectionBudget connectionBudget() {
        return connectionBudget;
    }

    /** The connections to this server that wait for reuse, and the count of those in use. */
    public IdleConnectionPool idleConnections() {
        return idleConnections;
    }

    /**
     * The {@link ConnectionHash} of a connection made for a client that reached port {@code clientPort}
     * (it matters for a server declared without a port or with a {@code +N} offset).
     */
    public long connectionHash(int clientPort) {
        return hashes.forClientPort(clientPort);
    }

    /**
     * Where its connections go now: the configured address until {@code set server addr} changes
     * it (management.txt §9.3). Its health checks follow it, unless they have an address of their own.
     */
    public Address address() {
        return address;
    }

    /**
     * {@code set server addr}: new connections and checks go to {@code newAddress}. The pool keys
     * of its connections change with it, so that no connection to the old address serves a request
     * any more; the caller closes the idle ones.
     */
    public void changeAddress(Address newAddress) {
        this.hashes = new ConnectionHashes(uniqueId, newAddress, config.pooling());
        this.address = newAddress;
    }

    /**
     * Whether the server is transparent: declared at {@code 0.0.0.0} or {@code ::}, it connects to
     * each request's destination ({@code dst}, as {@code set-dst}/{@code set-dst-port} leave it;
     * configuration.txt §5.2, "server" {@code <address>}).
     */
    public boolean isTransparent() {
        return transparent;
    }

    /** The {@link ConnectionHash} of a transparent server's connection to {@code destination}:{@code port}. */
    public long connectionHashTo(Address destination, int port) {
        return hashes.forDestination(destination, port);
    }

    /** The server's line as configured; its runtime values are {@link #weight()}, {@link #maxconn()}, {@link #status()}. */
    public ServerConfig config() {
        return config;
    }

    public String name() {
        return config.name();
    }

    public int id() {
        return config.id();
    }

    /**
     * Whether its new connections use TLS now: its {@code ssl} at start, then what the runtime API's
     * {@code set server <b>/<s> ssl on|off} (management.txt §9.3) made of it.
     */
    public boolean usesTls() {
        return tls;
    }

    /** Turns TLS on or off for its next connections (the caller holds the backend's lock); whether it changed. */
    public boolean useTls(boolean on) {
        return useSsl(on ? 1 : 0);
    }

    /**
     * 3.5's srv_set_ssl() with {@code value} (1 from {@code ssl on}, 0 from {@code off}, any number
     * from a state file's {@code srv_use_ssl}): nothing when it is the value already, else TLS on for
     * any value but 0 (the caller holds the backend's lock); whether TLS changed.
     */
    public boolean useSsl(int value) {
        if (value == useSsl) {
            return false;
        }
        useSsl = value;
        boolean changed = tls != (value != 0);
        tls = value != 0;
        return changed;
    }

    /** {@code srv_use_ssl} of {@code show servers state}: 1, 0, or -1 for a {@code no-ssl} server not switched since. */
    public int useSslState() {
        return useSsl;
    }

    /** Whether it was added at runtime ({@code add server}) rather than declared in the configuration. */
    public boolean isDynamic() {
        return dynamic;
    }

    /** "backend/server", as logs and messages name a server. */
    public String qualifiedName() {
        return backendName + "/" + config.name();
    }

    public boolean isBackup() {
        return config.backup();
    }

    // Runtime state

    public ServerStatus status() {
        return status;
    }

    public AdminState adminState() {
        return status.admin();
    }

    /** Whether it takes requests of this kind now. */
    public boolean admits(Traffic traffic) {
        return status.admits(traffic);
    }

    /**
     * Whether it may take requests at all: those that name it ({@code use-server}, a kept
     * connection, a retry), even in drain mode or with {@code weight 0} (configuration.txt,
     * "use-server": a server that only rules should reach is declared with weight 0).
     */
    public boolean isUp() {
        return status.admits(Traffic.PERSISTENT);
    }

    /** Whether the load balancer may pick it: it admits balanced traffic and has a non-zero weight. */
    public boolean isUsable() {
        return status.admits(Traffic.BALANCED) && weight > 0;
    }

    /** The weight now: the configured one until the runtime API changes it ({@code get weight}'s first number). */
    public int weight() {
        return weight;
    }

    /** The weight of the configuration ({@code get weight}'s "initial"), which relative changes ({@code 50%}) apply to. */
    public int initialWeight() {
        return config.weight();
    }

    /** The weight the load balancer uses: 0 while it may not pick the server (drain, maintenance, down). */
    public int effectiveWeight() {
        return status.admits(Traffic.BALANCED) ? weight : 0;
    }

    /**
     * The weight a dynamic load balancer gives the server now, in 1/{@link Warmup#SCALE}: its
     * weight, or during a {@code slowstart} ramp the share of it the ramp has reached.
     */
    public long balancingWeight() {
        return (long) weight * warmup.weightShare();
    }

    /** Its {@code observe}, which streams report to ({@link #observe}) and its health check listens to. */
    public TrafficObserver observer() {
        return observer;
    }

    /** The streams using it now, which {@code on-marked-down}/{@code on-marked-up} end. */
    public ServerStreams streams() {
        return streams;
    }

    /** What a stream saw of the server's traffic, for {@code observe}. */
    public void observe(HealthEvent event) {
        observer.observe(event);
    }

    /** Its {@code slowstart} ramp. */
    public Warmup warmup() {
        return warmup;
    }

    /** It came back from down or maintenance: a {@code slowstart} ramp begins. Its backend calls this, under its lock. */
    public void cameBackLocked() {
        warmup.startLocked();
    }

    /** Requests in flight at most now; 0 for no limit. */
    public long maxconn() {
        return maxconn;
    }

    /** The low end of its dynamic limit ({@code minconn}); equal to {@link #maxconn()} when the limit is static. */
    public long minconn() {
        return minconn;
    }

    /** Whether its limit follows the backend's load: a {@code minconn} below {@code maxconn}. */
    public boolean hasDynamicLimit() {
        return minconn != maxconn;
    }

    /** Requests its own queue holds at most ({@code maxqueue}); 0 for no limit. */
    public int maxqueue() {
        return maxqueue;
    }

    /** Requests waiting in its own queue now ({@code srv_queue}). */
    public int queued() {
        return queued;
    }

    /** Sets the count of its own queue; only its backend calls this, under its lock. */
    public void setQueuedLocked(int count) {
        queued = count;
    }

    /** Whether one more request in flight would exceed {@code maxconn} (during a {@code slowstart} ramp, its share of it). */
    public boolean isFull() {
        return isFullAt(maxconn);
    }

    /**
     * Whether one more request in flight would exceed {@code limit} (0: none), its limit now;
     * during a {@code slowstart} ramp, the ramp's share of it (HAProxy's srv_dynamic_maxconn()).
     */
    public boolean isFullAt(long limit) {
        if (limit > 0) {
            limit = warmup.limit(limit);
        }
        return limit > 0 && currentConnections.get() >= limit;
    }

    /** Changes the admin state; only its backend calls this, under its lock, then re-plans. */
    public void setAdminStateLocked(AdminState state) {
        publish(status.withAdmin(state));
    }

    /** Changes the operational state (for health checks); only its backend calls this, under its lock. */
    public void setOperationalStateLocked(OperationalState state) {
        publish(status.withOperational(state));
    }

    /**
     * The history first, then the state: a reader ({@code show stat}) that sees the new state also
     * sees the transition counted ({@code chkdown}, {@code lastchg}).
     */
    private void publish(ServerStatus next) {
        history.observe(!next.admits(Traffic.PERSISTENT));
        status = next;
    }

    /** Sets the runtime weight, 0 to 256; only its backend calls this, under its lock, then re-plans. */
    public void setWeightLocked(int newWeight) {
        if (newWeight < 0 || newWeight > MAX_WEIGHT) {
            throw new IllegalArgumentException("weight out of range: " + newWeight);
        }
        weight = newWeight;
    }

    /**
     * Sets the runtime maxconn (0: no limit); only its backend calls this, under its lock. A static
     * limit stays static (minconn follows); a dynamic one keeps its minconn (management.txt, "set
     * maxconn server", as HAProxy's cli_parse_set_maxconn_server() applies it).
     */
    public void setMaxconnLocked(long newMaxconn) {
        if (newMaxconn < 0 || newMaxconn > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("maxconn out of range: " + newMaxconn);
        }
        if (minconn == maxconn) {
            minconn = newMaxconn;
        }
        maxconn = newMaxconn;
    }

    /** What its last health check found ({@link CheckReport#NONE} before the first, or without checks). */
    public CheckReport lastCheck() {
        return lastCheck;
    }

    /** Records a health check's result; only the server's own check calls this. */
    public void checkCompleted(CheckReport report) {
        lastCheck = report;
    }

    // Slots and counters

    /** Requests in flight: the server slots taken ({@code scur}). */
    public int currentConnections() {
        return currentConnections.get();
    }

    public void connectionOpened() {
        counters.sessionsOpen(currentConnections.incrementAndGet());
        counters.sessionStarted();
    }

    public void connectionClosed() {
        currentConnections.decrementAndGet();
    }

    public TrafficCounters counters() {
        return counters;
    }

    /** Its up/down history, for the stats. */
    public StateHistory history() {
        return history;
    }

    /** A health check failed and lowered its health counter (the stats' {@code chkfail}). */
    public void countFailedCheck() {
        history.checkFailed();
    }

    @Override
    public long sessionRate() {
        return counters.sessionRate();
    }
}
