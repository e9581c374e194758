package dev.shuttle.listener;

import dev.shuttle.config.ProxyConfig;
import dev.shuttle.stats.ErrorCaptures;
import dev.shuttle.stats.TrafficCounters;
import dev.shuttle.sample.FrontendView;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The runtime side of a proxy with frontend capability: its configuration, its counters, its
 * connection count and its connection limit. Where its streams go is {@code stream.Routing}'s
 * business.
 */
public final class Frontend implements FrontendView {
    private final ProxyConfig config;
    private final TrafficCounters counters = new TrafficCounters();
    private final AtomicInteger currentConnections = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong logCount = new java.util.concurrent.atomic.AtomicLong();
    private final ConnectionLimit limit;
    /** Its {@code rate-limit sessions}, on its own session rate. */
    private final RateLimit sessionRateLimit;
    /** Its connections while they live, for {@code show sess} and {@code shutdown session}. */
    private final LiveStreams liveStreams = new LiveStreams();
    /** The listeners of this frontend, added as they are made at start. */
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    /** The last malformed request it refused, for {@code show errors}. */
    private final ErrorCaptures errors = new ErrorCaptures();

    public Frontend(ProxyConfig config) {
        this.config = config;
        this.limit = new ConnectionLimit(config.maxconn());
        this.sessionRateLimit = new RateLimit(config.sessionRateLimit(), counters::sessionsWithinLastSecond);
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

    /** The frontend's own {@code maxconn}: accepting pauses while it is reached. */
    public ConnectionLimit limit() {
        return limit;
    }

    /** Its {@code rate-limit sessions}: accepting pauses while its session rate has reached it. */
    public RateLimit sessionRateLimit() {
        return sessionRateLimit;
    }

    void attach(Listener listener) {
        listeners.add(listener);
    }

    public List<Listener> listeners() {
        return List.copyOf(listeners);
    }

    /** {@code %lc}: the log lines this frontend sent so far. */
    public long logCount() {
        return logCount.get();
    }

    /** Counts a log line sent ({@code %lc} of the next one is one more). */
    public void countLog() {
        logCount.incrementAndGet();
    }

    /** The last malformed request it refused ({@code show errors}). */
    public ErrorCaptures errors() {
        return errors;
    }

    /** The frontend's connections now, each with where its thread stands. */
    public LiveStreams liveStreams() {
        return liveStreams;
    }

    public int currentConnections() {
        return currentConnections.get();
    }

    /** A connection was accepted and starts being served now: counted at once. */
    public void connectionStarted() {
        connectionAccepted();
        connectionServed();
    }

    /**
     * Counts a connection its acceptor just took, a new session too: counted in the acceptor's
     * thread, so that the next accept already sees the rate it adds to.
     */
    void connectionAccepted() {
        counters.connectionAccepted();
        counters.sessionStarted();
    }

    /** A connection accepted earlier starts being served: one more open connection. */
    void connectionServed() {
        counters.sessionsOpen(currentConnections.incrementAndGet());
    }

    public void connectionEnded() {
        currentConnections.decrementAndGet();
    }
}
