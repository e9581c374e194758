package dev.shuttle.stats;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A time reported by {@code show stat} as an average over the last requests and as a maximum
 * ({@code qtime}/{@code qtime_max}, {@code ctime}, {@code rtime}, {@code ttime}), in milliseconds.
 *
 * <p>HAProxy keeps a sliding-window sum rather than the samples (freq_ctr.h, swrate_add_dynamic()):
 * each new sample adds its value and, once more than {@value #WINDOW} samples were counted, takes
 * away one window-th of the sum. The average is the sum divided by the window, or by the sample
 * count while that is smaller, rounded up (swrate_avg()). The window is HAProxy 3.5's
 * TIME_STATS_SAMPLES (the manual's "1024 last requests" is older).
 *
 * <p>Lock-free: a compare-and-set loop on the sum, as HAProxy's, skipped when the sample leaves
 * the sum as it is (every request adds eight samples, and on a fast network most are 0 ms).
 */
public final class TimeAverage {
    /** Samples over which the average slides. */
    public static final int WINDOW = 512;

    private final AtomicLong sum = new AtomicLong();
    private final MaxGauge max = new MaxGauge();

    /**
     * Adds a sample of {@code millis} milliseconds.
     *
     * @param samplesSoFar the owner's count of requests (or sessions) including this one, which
     *                     tells whether the window is full yet
     */
    public void add(long millis, long samplesSoFar) {
        long window = samplesSoFar > WINDOW ? WINDOW : 0;
        long old;
        long updated;
        do {
            old = sum.get();
            updated = old - (window == 0 ? 0 : (old + window - 1) / window) + millis;
            if (updated == old) {
                break; // nothing changes (a 0 ms sample into a sum of 0: most queue and connect times), no write
            }
        } while (!sum.compareAndSet(old, updated));
        max.observe(millis);
    }

    /** The average, given the owner's count of samples so far. */
    public long average(long samples) {
        long window = samples > 0 && samples < WINDOW ? samples : WINDOW;
        return (sum.get() + window - 1) / window;
    }

    public long max() {
        return max.get();
    }

    /** {@code clear counters}: the maximum only (HAProxy clears the maxima, not the averages). */
    public void clearMax() {
        max.clear();
    }

    /** {@code clear counters all}. */
    public void clear() {
        sum.set(0);
        max.clear();
    }
}
