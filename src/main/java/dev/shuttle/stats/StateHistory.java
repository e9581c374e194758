package dev.shuttle.stats;

import java.util.concurrent.atomic.LongAdder;

/**
 * The up/down history of a server or backend, as {@code show stat} reports it (management.txt
 * §9.1): {@code chkfail} (checks failed while up), {@code chkdown} (transitions to down),
 * {@code lastchg} (seconds since the last change between up and down) and {@code downtime}
 * (seconds spent down).
 *
 * <p>Locking: {@link #observe} is called by the owner's state changes, which its backend's lock
 * orders (a server's, a backend's); the fields are volatile for the readers of the runtime API.
 * {@link #checkFailed} is lock-free.
 */
public final class StateHistory {
    private final LongAdder checkFailures = new LongAdder();
    private final LongAdder downTransitions = new LongAdder();
    // Guarded by: the owner's backend lock (written); volatile for readers
    private volatile boolean down;
    // Guarded by: the owner's backend lock (written); monotonic millis of the last up/down change
    private volatile long lastChangeMillis = TrafficCounters.nowMillis();
    // Guarded by: the owner's backend lock (written); milliseconds down, not counting the current stretch
    private volatile long pastDowntimeMillis;

    /** Whether the owner starts down (a server with {@code init-state down}, a backend without usable server). */
    public StateHistory(boolean startsDown) {
        this.down = startsDown;
    }

    /** The owner's state now; a change from up to down or back is recorded. */
    public void observe(boolean nowDown) {
        if (nowDown == down) {
            return;
        }
        long now = TrafficCounters.nowMillis();
        if (nowDown) {
            downTransitions.increment();
        } else {
            pastDowntimeMillis += now - lastChangeMillis;
        }
        lastChangeMillis = now;
        down = nowDown;
    }

    /** A health check failed while the server was up. */
    public void checkFailed() {
        checkFailures.increment();
    }

    public boolean isDown() {
        return down;
    }

    public long checkFailures() {
        return checkFailures.sum();
    }

    public long downTransitions() {
        return downTransitions.sum();
    }

    public long secondsSinceLastChange() {
        return (TrafficCounters.nowMillis() - lastChangeMillis) / 1000;
    }

    /** Seconds spent down, the current stretch included. */
    public long downtimeSeconds() {
        long total = pastDowntimeMillis;
        if (down) {
            total += TrafficCounters.nowMillis() - lastChangeMillis;
        }
        return total / 1000;
    }

    /** {@code clear counters all}. */
    public void clear() {
        checkFailures.reset();
        downTransitions.reset();
    }
}
