package dev.shuttle.check;

import dev.shuttle.config.CheckGlobals;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When checks run, as {@code spread-checks} and {@code max-spread-checks} shape it
 * (configuration.txt §3.2): each wait between two checks of a server moves by a random amount of
 * up to {@code spread-checks} percent of it, either way; the first checks of the process start one
 * after the other over the smallest interval (each randomised the same way), bounded by {@code
 * max-spread-checks}. The arithmetic is HAProxy 3.5's (check.c, process_chk_conn() and
 * start_check_task()), in whole milliseconds.
 *
 * <p>Thread-safe when its random source is ({@link ThreadLocalRandom} is, and
 * is what {@link #of} uses): every check thread draws from it.
 */
public final class CheckSpread {
    /** Exact intervals: no {@code spread-checks}, no {@code max-spread-checks}. */
    public static final CheckSpread NONE = new CheckSpread(0, 0, () -> 0L);

    private final int percent;
    private final long maxSpreadMillis;
    private final UnsignedRandom random;

    /** A source of 32-bit unsigned random numbers, as HAProxy's statistical_prng() gives. */
    @FunctionalInterface
    public interface UnsignedRandom {
        /** A number from 0 to 4294967295. */
        long next32();
    }

    public CheckSpread(int percent, long maxSpreadMillis, UnsignedRandom random) {
        if (percent < 0 || percent > 50) {
            throw new IllegalArgumentException("spread-checks out of 0..50: " + percent);
        }
        this.percent = percent;
        this.maxSpreadMillis = maxSpreadMillis;
        this.random = random;
    }

    /** The global settings, with the JVM's thread-local random numbers. */
    public static CheckSpread of(CheckGlobals globals) {
        if (globals.spreadPercent() == 0 && globals.maxSpreadMillis() == 0) {
            return NONE;
        }
        return new CheckSpread(globals.spreadPercent(), globals.maxSpreadMillis(),
                () -> ThreadLocalRandom.current().nextLong(1L << 32));
    }

    /**
     * The wait before the next check, {@code intervalMillis} (HAProxy's srv_getinter()) moved at
     * random: {@code r = interval * percent / 100}, then {@code interval + r - (int)(2r * x)} with
     * x uniform in [0, 1].
     */
    public long interval(long intervalMillis) {
        return intervalMillis + jitter(intervalMillis);
    }

    /**
     * When the check at {@code position} (0-based, in declaration order) of {@code count} starts:
     * the window is the smallest interval of all checks, or this check's own if larger, randomised
     * as {@link #interval}, capped by {@code max-spread-checks}; the check starts at its share of it.
     */
    public long firstDelay(long smallestIntervalMillis, long ownIntervalMillis, int position, int count) {
        long window = Math.max(smallestIntervalMillis, ownIntervalMillis);
        window += jitter(ownIntervalMillis);
        if (maxSpreadMillis > 0 && window > maxSpreadMillis) {
            window = maxSpreadMillis;
        }
        return count == 0 ? 0 : Math.max(0, window * position / count);
    }

    private long jitter(long intervalMillis) {
        if (percent == 0) {
            return 0;
        }
        long range = intervalMillis * percent / 100;
        return range - (long) (2 * range * (random.next32() / 4294967295.0));
    }
}
