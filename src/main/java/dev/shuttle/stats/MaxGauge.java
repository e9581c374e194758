package dev.shuttle.stats;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The highest value a gauge or rate reached ({@code smax}, {@code qmax}, {@code rate_max}...):
 * raised without a lock, and written only when a value beats it, so that the common case is one
 * volatile read. {@code clear counters} puts it back to 0.
 */
public final class MaxGauge {
    private final AtomicLong max = new AtomicLong();

    /** Records {@code value}, keeping the highest seen. */
    public void observe(long value) {
        long seen = max.get();
        while (value > seen && !max.compareAndSet(seen, value)) {
            seen = max.get();
        }
    }

    public long get() {
        return max.get();
    }

    public void clear() {
        max.set(0);
    }
}
