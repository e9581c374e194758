package dev.shuttle.stats;

import java.util.concurrent.atomic.LongAdder;

/**
 * The cumulative counters of a proxy or server, as {@code show stat} reports them: sessions,
 * bytes each way, and failures. Updated by many connection threads at once, hence adders.
 */
public final class TrafficCounters {
    private final LongAdder sessions = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder connectionErrors = new LongAdder();
    private final LongAdder deniedConnections = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder redispatches = new LongAdder();
    private final RateCounter sessionRate = new RateCounter();
    private static final long ORIGIN = System.nanoTime();

    public void sessionStarted() {
        sessions.increment();
        sessionRate.add(nowMillis());
    }

    /** Sessions started in the last second, as HAProxy's {@code be_sess_rate} and {@code srv_sess_rate} read it. */
    public long sessionRate() {
        return sessionRate.perSecond(nowMillis());
    }

    /** A monotonic clock in milliseconds from 1 (0 is the rate counter's "never"). */
    private static long nowMillis() {
        return (System.nanoTime() - ORIGIN) / 1_000_000 + 1;
    }

    /** An HTTP request was received ({@code req_tot}). */
    public void requestReceived() {
        requests.increment();
    }

    public long requests() {
        return requests.sum();
    }

    /** Bytes received from the client side ({@code bin}). */
    public void addBytesIn(long count) {
        bytesIn.add(count);
    }

    /** Bytes sent to the client side ({@code bout}). */
    public void addBytesOut(long count) {
        bytesOut.add(count);
    }

    public void connectionFailed() {
        connectionErrors.increment();
    }

    public void connectionDenied() {
        deniedConnections.increment();
    }

    public void retried() {
        retries.increment();
    }

    public void redispatched() {
        redispatches.increment();
    }

    public long sessions() {
        return sessions.sum();
    }

    public long bytesIn() {
        return bytesIn.sum();
    }

    public long bytesOut() {
        return bytesOut.sum();
    }

    public long connectionErrors() {
        return connectionErrors.sum();
    }

    public long deniedConnections() {
        return deniedConnections.sum();
    }

    public long retries() {
        return retries.sum();
    }

    public long redispatches() {
        return redispatches.sum();
    }
}
