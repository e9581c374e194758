package dev.shuttle.listener;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.stats.TrafficCounters;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The runtime side of a proxy with frontend capability: its configuration, its counters, its
 * connection count, and the backend its connections go to.
 */
public final class Frontend {
    private final ProxyConfig config;
    private final Optional<Backend> backend;
    private final TrafficCounters counters = new TrafficCounters();
    private final AtomicInteger currentConnections = new AtomicInteger();
    private final ConnectionLimit limit;

    public Frontend(ProxyConfig config, Optional<Backend> backend) {
        this.config = config;
        this.backend = backend;
        this.limit = new ConnectionLimit(config.maxconn());
    }

    public ProxyConfig config() {
        return config;
    }

    public String name() {
        return config.name();
    }

    /** Where connections go: the first {@code use_backend}, else {@code default_backend}, else none. */
    public Optional<Backend> backend() {
        return backend;
    }

    public TrafficCounters counters() {
        return counters;
    }

    /** The frontend's own {@code maxconn}: accepting pauses while it is reached. */
    public ConnectionLimit limit() {
        return limit;
    }

    public int currentConnections() {
        return currentConnections.get();
    }

    public void connectionStarted() {
        currentConnections.incrementAndGet();
        counters.sessionStarted();
    }

    public void connectionEnded() {
        currentConnections.decrementAndGet();
    }
}
