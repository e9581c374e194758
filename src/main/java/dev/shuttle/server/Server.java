package dev.shuttle.server;

import dev.shuttle.config.ServerConfig;
import dev.shuttle.sample.ServerView;
import dev.shuttle.stats.TrafficCounters;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The runtime side of one {@code server} line: its configuration, its state, its counters and
 * its pool of idle connections.
 *
 * <p>Shared by every connection using the server; all mutable state is atomic or locked, and the
 * slot count is changed only by {@link dev.shuttle.backend.Backend} under its lock so that a server
 * never exceeds its {@code maxconn}. A slot is a request in flight, not a connection
 * (configuration.txt, server "maxconn": "In HTTP mode this parameter limits the number of
 * concurrent requests instead of the number of connections"): idle pooled connections hold none.
 */
public final class Server implements ServerView {
    /** Numbers every server of the process, for the connection hash's target. */
    private static final AtomicLong NEXT_UNIQUE_ID = new AtomicLong(1);

    private final long uniqueId = NEXT_UNIQUE_ID.getAndIncrement();
    private final IdleConnectionPool idleConnections;
    private final ConnectionHashes hashes;
    private final ServerConfig config;
    private final String backendName;
    private final AtomicInteger currentConnections = new AtomicInteger();
    private final TrafficCounters counters = new TrafficCounters();
    private volatile boolean inMaintenance;

    public Server(ServerConfig config, String backendName) {
        this.config = config;
        this.backendName = backendName;
        this.inMaintenance = config.disabled();
        this.idleConnections = new IdleConnectionPool(config.pooling().maxIdle(), config.pooling().lowIdle());
        this.hashes = new ConnectionHashes(uniqueId, config.address());
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

    public ServerConfig config() {
        return config;
    }

    public String name() {
        return config.name();
    }

    public int id() {
        return config.id();
    }

    /** "backend/server", as logs and messages name a server. */
    public String qualifiedName() {
        return backendName + "/" + config.name();
    }

    /**
     * Whether it may take requests at all: not in maintenance. A {@code use-server} rule may pick
     * such a server even with {@code weight 0} (configuration.txt, "use-server": a server that only
     * rules should reach is declared with weight 0).
     */
    public boolean isUp() {
        return !inMaintenance;
    }

    /** Whether the load balancer may pick it: up and with a non-zero weight. */
    public boolean isUsable() {
        return !inMaintenance && config.weight() > 0;
    }

    public void setMaintenance(boolean maintenance) {
        inMaintenance = maintenance;
    }

    /** Whether one more request in flight would exceed {@code maxconn}. */
    public boolean isFull() {
        return config.maxconn() > 0 && currentConnections.get() >= config.maxconn();
    }

    /** Requests in flight: the server slots taken ({@code scur}). */
    public int currentConnections() {
        return currentConnections.get();
    }

    public void connectionOpened() {
        currentConnections.incrementAndGet();
        counters.sessionStarted();
    }

    public void connectionClosed() {
        currentConnections.decrementAndGet();
    }

    public TrafficCounters counters() {
        return counters;
    }
}
