package dev.shuttle.stats;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Events per second, read as HAProxy reads its frequency counters (freq_ctr.c,
 * _freq_ctr_total_from_values()): the events of the current one-second period, plus those of the
 * period before weighted by the part of it that still lies within the last second. A period starts
 * with the first event after the previous one ended. Below two events a second the previous
 * period's count is given as it is, as HAProxy's flapping correction does.
 *
 * <p>Locking: one lock guards the period and its two counts; it is held for a few arithmetic
 * steps, never across anything that blocks.
 */
public final class RateCounter {
    private static final long PERIOD_MILLIS = 1000;

    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by: lock (when the current period started, in milliseconds; 0: never)
    private long periodStart;
    // Guarded by: lock (events in the current period)
    private long current;
    // Guarded by: lock (events in the period before it)
    private long previous;

    /** Counts one event at {@code nowMillis} (a monotonic clock in milliseconds). */
    public void add(long nowMillis) {
        lock.lock();
        try {
            rotateLocked(nowMillis);
            current++;
        } finally {
            lock.unlock();
        }
    }

    /** The events per second at {@code nowMillis}. */
    public long perSecond(long nowMillis) {
        lock.lock();
        try {
            long start = periodStart;
            long curr = current;
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
            if (curr == 0 && past <= 1) {
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
        previous = elapsed < 2 * PERIOD_MILLIS ? current : 0;
        current = 0;
        periodStart += elapsed / PERIOD_MILLIS * PERIOD_MILLIS;
    }
}
