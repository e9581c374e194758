package dev.shuttle.stats;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The process's TLS counters, as {@code show info} reports them ({@code CurrSslConns},
 * {@code CumSslConns}, the session reuse percentages): handshakes on each side, how many resumed a
 * session, how many failed, and the TLS connections open now. Updated by many connection threads
 * at once, hence adders.
 */
public final class TlsCounters {
    private final LongAdder frontHandshakes = new LongAdder();
    private final LongAdder frontResumed = new LongAdder();
    private final LongAdder frontFailures = new LongAdder();
    private final LongAdder backHandshakes = new LongAdder();
    private final LongAdder backResumed = new LongAdder();
    private final LongAdder backFailures = new LongAdder();
    private final AtomicInteger current = new AtomicInteger();

    /** A client's handshake succeeded; the connection counts as open until {@link #closed()}. */
    public void frontHandshake(boolean resumed) {
        frontHandshakes.increment();
        if (resumed) {
            frontResumed.increment();
        }
        current.incrementAndGet();
    }

    public void frontFailed() {
        frontFailures.increment();
    }

    /** A handshake with a server succeeded; the connection counts as open until {@link #closed()}. */
    public void backHandshake(boolean resumed) {
        backHandshakes.increment();
        if (resumed) {
            backResumed.increment();
        }
        current.incrementAndGet();
    }

    public void backFailed() {
        backFailures.increment();
    }

    /** A TLS connection (either side) closed. */
    public void closed() {
        current.decrementAndGet();
    }

    /** {@code CurrSslConns}. */
    public int current() {
        return current.get();
    }

    /** {@code CumSslConns}: every handshake that succeeded, both sides. */
    public long cumulative() {
        return frontHandshakes.sum() + backHandshakes.sum();
    }

    public long frontHandshakes() {
        return frontHandshakes.sum();
    }

    public long frontFailures() {
        return frontFailures.sum();
    }

    public long backFailures() {
        return backFailures.sum();
    }

    /** {@code SslFrontendSessionReuse_pct}: resumed client handshakes, percent. */
    public int frontReusePercent() {
        long all = frontHandshakes.sum();
        return all == 0 ? 0 : (int) (frontResumed.sum() * 100 / all);
    }

    /** {@code SslBackendSessionReuse_pct}. */
    public int backReusePercent() {
        long all = backHandshakes.sum();
        return all == 0 ? 0 : (int) (backResumed.sum() * 100 / all);
    }
}
