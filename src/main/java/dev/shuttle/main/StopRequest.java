package dev.shuttle.main;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The stop the process has been asked for, passed from signal handlers to the main thread.
 *
 * <p>Locking: {@link #lock} guards {@link #requested}; {@link #changed} is signalled on every
 * escalation (none → soft → hard). A stop never de-escalates.
 */
final class StopRequest {
    enum Kind { NONE, SOFT, HARD }

    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by: lock
    private final Condition changed = lock.newCondition();
    // Guarded by: lock
    private Kind requested = Kind.NONE;
    // Guarded by: lock (the last signal that asked for a hard stop, or null: a hard-stop-after timer, or none)
    private String hardStopSignal;

    /** A SIGHUP: HAProxy dumps server states there; Shuttle has nothing to reload yet, so it only says so. */
    private volatile Runnable onHangUp = () -> { };

    /**
     * Routes the stop signals here, as early as possible: a signal that arrives before its handler
     * exists would kill the JVM with the default action instead of stopping it cleanly.
     */
    void installSignalHandlers() {
        Signals.install(() -> request(Kind.SOFT), this::hardStopBy, () -> onHangUp.run());
    }

    void onHangUp(Runnable action) {
        onHangUp = action;
    }

    void request(Kind kind) {
        lock.lock();
        try {
            if (kind.compareTo(requested) > 0) {
                requested = kind;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * A hard stop asked by signal {@code name}. The last such signal is the one the process ends by:
     * a supervisor that escalates (VTest sends SIGINT, then SIGTERM 2 s later if the process still
     * runs) expects the signal it sent last, and a stop slowed by a loaded machine ended by the
     * first (SIGINT after SIGTERM: vtc/cli/set_server_ssl_checks.vtc failed its stop, 1 of 2 runs).
     */
    void hardStopBy(String name) {
        lock.lock();
        try {
            hardStopSignal = name;
        } finally {
            lock.unlock();
        }
        request(Kind.HARD);
    }

    /** The last signal that asked for a hard stop, if one did: the process ends by it once stopped. */
    Optional<String> hardStopSignal() {
        lock.lock();
        try {
            return Optional.ofNullable(hardStopSignal);
        } finally {
            lock.unlock();
        }
    }

    Kind current() {
        lock.lock();
        try {
            return requested;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the request is at least {@code kind}, or {@code millis} pass (0: forever); returns the request. */
    Kind awaitAtLeast(Kind kind, long millis) throws InterruptedException {
        long remaining = TimeUnit.MILLISECONDS.toNanos(millis);
        lock.lock();
        try {
            while (requested.compareTo(kind) < 0) {
                if (millis == 0) {
                    changed.await();
                } else if (remaining <= 0) {
                    break;
                } else {
                    remaining = changed.awaitNanos(remaining);
                }
            }
            return requested;
        } finally {
            lock.unlock();
        }
    }
}
