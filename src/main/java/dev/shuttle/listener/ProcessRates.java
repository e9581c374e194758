package dev.shuttle.listener;

import dev.shuttle.stats.RateCounter;
import dev.shuttle.stats.TrafficCounters;

/**
 * The process-wide accept rates and their limits: connections ({@code maxconnrate}) and sessions
 * ({@code maxsessrate}) per second across every listener (configuration.txt §3.2). Each
 * acceptor counts what it accepts here, and waits under both limits before accepting.
 *
 * <p>A Shuttle connection becomes a session as soon as it is accepted (HAProxy counts its
 * {@code sess_per_sec} once the listener's accept function took the connection), so both rates
 * count the same events; each keeps its own limit, as in 3.5. Counting takes no lock (see
 * {@link RateCounter}).
 */
public final class ProcessRates {
    private final RateCounter connections = new RateCounter();
    private final RateCounter sessions = new RateCounter();
    private final RateLimit connectionLimit;
    private final RateLimit sessionLimit;

    public ProcessRates(int maxConnectionRate, int maxSessionRate) {
        this.connectionLimit = new RateLimit(maxConnectionRate,
                () -> connections.withinLastSecond(TrafficCounters.nowMillis()));
        this.sessionLimit = new RateLimit(maxSessionRate,
                () -> sessions.withinLastSecond(TrafficCounters.nowMillis()));
    }

    /** {@code maxconnrate}, which {@code set rate-limit connections global} changes. */
    public RateLimit connectionLimit() {
        return connectionLimit;
    }

    /** {@code maxsessrate}, which {@code set rate-limit sessions global} changes. */
    public RateLimit sessionLimit() {
        return sessionLimit;
    }

    /** Waits while either process-wide rate has reached its limit. */
    void awaitRoom() throws InterruptedException {
        connectionLimit.awaitRoom();
        sessionLimit.awaitRoom();
    }

    /** Counts one accepted connection, which is also a new session. */
    void accepted() {
        long now = TrafficCounters.nowMillis();
        connections.add(now);
        sessions.add(now);
    }
}
