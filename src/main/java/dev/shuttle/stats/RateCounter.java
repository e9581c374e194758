package dev.shuttle.stats;

import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Events per second, read as HAProxy reads its frequency counters (freq_ctr.c,
 * _freq_ctr_total_from_values()): the events of the current one-second period, plus those of the
 * period before weighted by the part of it that still lies within the last second. A period starts
 * with the first event after the previous one ended. Below two events a second the previous
 * period's count is given as it is, as HAProxy's flapping correction does.
 *
 * <p>Locking: counting an event takes no lock (a volatile read and an adder's increment): the
 * thread that first sees the period over turns it, under a lock the others do not wait for, so an
 * event counted while the period turns may land in either period. Reading takes the lock.
 */
public final class RateCounter {
    private static final long PERIOD_MILLIS = 1000;

    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by: lock (written); volatile: when the current period started, in milliseconds; 0: never
    private volatile long periodStart;
    // Events in the current period: added without the lock, reset under it when the period turns
    private final LongAdder current = new LongAdder();
    // Guarded by: lock (events in the period before it)
    private long previous;

    /** Counts one event at {@code nowMillis} (a monotonic clock in milliseconds, from 1). */
    public void add(long nowMillis) {
        long start = periodStart;
        if ((start == 0 || nowMillis - start >= PERIOD_MILLIS) && lock.tryLock()) {
            try {
                rotateLocked(nowMillis);
            } finally {
                lock.unlock();
            }
        }
        current.increment();
    }

    /**
     * Counts one event at {@code nowMillis} and returns the events of the current period so far:
     * what HAProxy's update_freq_ctr() returns and compares with the recorded maximum
     * ({@code rate_max}, {@code req_rate_max}, {@code conn_rate_max}).
     */
    public long addAndCount(long nowMillis) {
        add(nowMillis);
        return current.sum();
    }

    /** The events per second at {@code nowMillis}. */
    public long perSecond(long nowMillis) {
        return perSecond(nowMillis, true);
    }

    /**
     * The events within the last second at {@code nowMillis}, without the flapping correction:
     * what a rate limit compares with its limit (HAProxy's freq_ctr_remain() reads the counter so),
     * so that a limit of 1 lets one event through each second rather than one every two.
     */
    public long withinLastSecond(long nowMillis) {
        return perSecond(nowMillis, false);
    }

    private long perSecond(long nowMillis, boolean flappingCorrection) {
        lock.lock();
        try {
            long start = periodStart;
            long curr = current.sum();
            long past = previous;
            if (start == 0) {
                return 0;
            }
            long remain = start + PERIOD_MILLIS - nowMillis;
            if (remain < 0) {
                remain += PERIOD_MILLIS;
                past = remain >= 0 ? curr : 0;
                curr = 0;
                remain = Math.max(remain, 0);
            }
            if (flappingCorrection && curr == 0 && past <= 1) {
                return past;
            }
            return (past * remain + curr * PERIOD_MILLIS) / PERIOD_MILLIS;
        } finally {
            lock.unlock();
        }
    }

    /** Starts a new period when the current one is over, keeping the last one's count if it just ended. */
    private void rotateLocked(long nowMillis) {
        if (periodStart == 0) {
            periodStart = nowMillis;
            return;
        }
        long elapsed = nowMillis - periodStart;
        if (elapsed < PERIOD_MILLIS) {
            return;
        }
        long ended = current.sumThenReset();
        previous = elapsed < 2 * PERIOD_MILLIS ? ended : 0;
        periodStart += elapsed / PERIOD_MILLIS * PERIOD_MILLIS;
    }
}
