package dev.shuttle.server;

import dev.shuttle.config.ServerConfig;
import dev.shuttle.stats.TrafficCounters;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The runtime side of one {@code server} line: its configuration, its state and its counters.
 *
 * <p>Shared by every connection using the server; all mutable state is atomic, and the slot count
 * is changed only by {@link dev.shuttle.backend.Backend} under its lock so that a server never
 * exceeds its {@code maxconn}.
 */
public final class Server {
    private final ServerConfig config;
    private final String backendName;
    private final AtomicInteger currentConnections = new AtomicInteger();
    private final TrafficCounters counters = new TrafficCounters();
    private volatile boolean inMaintenance;

    public Server(ServerConfig config, String backendName) {
        this.config = config;
        this.backendName = backendName;
        this.inMaintenance = config.disabled();
    }

    public ServerConfig config() {
        return config;
    }

    public String name() {
        return config.name();
    }

    /** "backend/server", as logs and messages name a server. */
    public String qualifiedName() {
        return backendName + "/" + config.name();
    }

    /** Whether the load balancer may pick it: not in maintenance and with a non-zero weight. */
    public boolean isUsable() {
        return !inMaintenance && config.weight() > 0;
    }

    public void setMaintenance(boolean maintenance) {
        inMaintenance = maintenance;
    }

    /** Whether one more connection would exceed {@code maxconn}. */
    public boolean isFull() {
        return config.maxconn() > 0 && currentConnections.get() >= config.maxconn();
    }

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
