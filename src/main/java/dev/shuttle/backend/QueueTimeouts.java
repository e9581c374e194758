package dev.shuttle.backend;

import dev.shuttle.io.Ticker;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ends the waits of queued requests whose {@code timeout queue} passed, for the backends it is
 * given to, with one watcher thread. The process creates one at start and hands it to every
 * backend; a test builds its own. A queued request waits on its condition without a timeout: a timed
 * wait of a virtual thread schedules a timer task and cancels it when the wait ends, which cost
 * more than a third of the CPU of a queued request (bench {@code queue} scenario: 51.7 against
 * 33.5 us per request).
 *
 * <p>A backend is watched while it has requests waiting with a deadline. Every tick the watcher
 * asks each watched backend to refuse the waits that are due ({@link Backend#expireQueued}),
 * which stops the watch when none is left. Deadlines therefore end up to one tick late
 * ({@value #TICK_MILLIS} ms).
 *
 * <p>Thread safety: the set of watched backends is a concurrent set. A backend adds and removes
 * itself under its own lock only, so a request queued while the watcher finds the queue empty
 * cannot be left unwatched.
 */
public final class QueueTimeouts {
    static final long TICK_MILLIS = 10;

    private final Set<Backend> watched = ConcurrentHashMap.newKeySet();
    /** Started on the first request that waits with a deadline. */
    private final Ticker watcher = new Ticker("shuttle-queue-timeouts", TICK_MILLIS, this::expireDue);

    public QueueTimeouts() {
        // the watcher thread starts when first needed
    }

    /** Starts watching a backend's queue (again: no effect); called under the backend's lock. */
    void watch(Backend backend) {
        watched.add(backend);
        watcher.ensureStarted();
    }

    /** Stops watching a backend's queue; called under the backend's lock. */
    void unwatch(Backend backend) {
        watched.remove(backend);
    }

    /** Whether a backend's queue is watched now (for tests). */
    boolean watches(Backend backend) {
        return watched.contains(backend);
    }

    private void expireDue(long now) {
        for (Backend backend : watched) {
            backend.expireQueued(now);
        }
    }
}
