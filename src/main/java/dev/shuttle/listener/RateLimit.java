package dev.shuttle.listener;

import java.util.function.LongSupplier;

/**
 * A limit on events per second that an acceptor waits under: {@code maxconnrate},
 * {@code maxsessrate} (configuration.txt §3.2) and a frontend's {@code rate-limit sessions}
 * (§4.2). While the measured rate has reached the limit, the acceptor does not accept: new
 * connections wait in the kernel's backlog, as HAProxy leaves them (listener.c stops its
 * listeners until the rate drops).
 *
 * <p>The rate itself is measured elsewhere (a {@link dev.shuttle.stats.RateCounter}, read through
 * {@code rate}); this object only compares it with the limit. The runtime API changes the limit
 * ({@code set rate-limit connections|sessions global}); it is read without a lock.
 */
public final class RateLimit {
    /** The longest single wait: a limit raised at run time is noticed within it. */
    private static final long LONGEST_WAIT_MILLIS = 100;

    private final LongSupplier rate;
    /** Events per second allowed; 0: no limit. Written by the runtime API, read by acceptors. */
    private volatile int limit;

    /** A limit of {@code limit} events per second (0: none) on the rate {@code rate} reports. */
    public RateLimit(int limit, LongSupplier rate) {
        this.limit = Math.max(0, limit);
        this.rate = rate;
    }

    /** Events per second allowed, 0 for no limit ({@code show info}'s ConnRateLimit, SessRateLimit). */
    public int limit() {
        return limit;
    }

    /** Changes the limit at once; 0 lifts it (management.txt, "set rate-limit"). */
    public void setLimit(int limit) {
        this.limit = Math.max(0, limit);
    }

    /**
     * How long to wait before accepting again: 0 while the rate is below the limit, else about the
     * time one event takes at the limit's pace (at least 1 ms, at most {@value #LONGEST_WAIT_MILLIS}).
     */
    public long waitMillis() {
        int allowed = limit;
        if (allowed == 0 || rate.getAsLong() < allowed) {
            return 0;
        }
        return Math.clamp(1000L / allowed, 1, LONGEST_WAIT_MILLIS);
    }

    /** Waits while the rate has reached the limit. */
    public void awaitRoom() throws InterruptedException {
        for (long wait = waitMillis(); wait > 0; wait = waitMillis()) {
            Thread.sleep(wait);
        }
    }
}
