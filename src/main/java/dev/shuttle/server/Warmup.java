package dev.shuttle.server;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A server's {@code slowstart} (configuration.txt §5.2, "slowstart"): after it comes back from
 * being down or in maintenance, its weight grows linearly from almost nothing to its full value,
 * and its {@code maxconn} from 1 to its full value, over the slowstart time. Never at startup.
 *
 * <p>As in HAProxy (server.c, server_recalc_eweight() and srv_dynamic_maxconn()), the time counts
 * in whole seconds (a slowstart is rounded up to a second) and the weight's share after {@code e}
 * seconds of a slowstart of {@code s} is {@code (SCALE·e + s) / s} over {@code SCALE}: the server
 * gets a small share at once, then a step more each second.
 *
 * <p>Locking: started only by the server's backend, under its lock; read by the load balancer
 * under that lock and by stats without it (volatile: a value one step old is harmless).
 */
public final class Warmup {
    /** The weight's unit: a share of full speed is counted in 1/SCALE. */
    public static final int SCALE = 256;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long seconds;
    /** The clock, System::nanoTime but in tests. */
    private final LongSupplier clock;
    // Guarded by: the backend's lock (started); the nanoTime the ramp began, 0 when there is none.
    // A reader that finds the ramp over clears it with a compare-and-set, which a restart under
    // the lock meanwhile makes fail.
    private final AtomicLong startedNanos = new AtomicLong();

    /** @param slowstartMillis the configured time; 0 for none */
    Warmup(long slowstartMillis) {
        this(slowstartMillis, System::nanoTime);
    }

    Warmup(long slowstartMillis, LongSupplier clock) {
        this.seconds = (slowstartMillis + 999) / 1000;
        this.clock = clock;
    }

    /** Starts a ramp (the server just came back); nothing without a slowstart. */
    void startLocked() {
        if (seconds > 0) {
            long now = clock.getAsLong();
            startedNanos.set(now == 0 ? 1 : now);
        }
    }

    /**
     * Seconds since the ramp began, or -1 when there is none now (never started, or over). Outside
     * a ramp this costs one volatile read: no clock is read.
     */
    private long elapsedSeconds() {
        long started = startedNanos.get();
        if (started == 0) {
            return -1;
        }
        long elapsed = (clock.getAsLong() - started) / NANOS_PER_SECOND;
        if (elapsed >= seconds || elapsed < 0) {
            startedNanos.compareAndSet(started, 0);
            return -1;
        }
        return elapsed;
    }

    /** Whether the server is ramping up now. */
    public boolean isRamping() {
        return elapsedSeconds() >= 0;
    }

    /** The share of its weight the server has now, in 1/{@link #SCALE}: SCALE outside a ramp. */
    int weightShare() {
        long elapsed = elapsedSeconds();
        return elapsed < 0 ? SCALE : (int) ((SCALE * elapsed + seconds) / seconds);
    }

    /** The request limit now: {@code maxconn} outside a ramp, else its share of it, at least 1. */
    long limit(long maxconn) {
        long elapsed = elapsedSeconds();
        if (elapsed < 0) {
            return maxconn;
        }
        long percent = 100 * elapsed / seconds;
        return Math.max(1, maxconn * percent / 100);
    }

    /** The throttle in percent, as HAProxy's stats report it during a ramp; 100 outside one. */
    public int throttlePercent() {
        long elapsed = elapsedSeconds();
        return elapsed < 0 ? 100 : (int) (100 * elapsed / seconds);
    }
}
