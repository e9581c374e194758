package dev.shuttle.io;

/**
 * When something last happened on one side of an exchange, for timeouts that count silence:
 * HAProxy's timeouts are inactivity timeouts, and a side that is still being written to is not
 * silent. The response to a request whose body is still being uploaded may take as long as the
 * upload, plus {@code timeout server} after its last write ({@link #touch()}).
 *
 * <p>One thread touches it while another thread's read waits on the deadline it gives, and the
 * process's {@link ReadDeadlines} watcher reads it too: the time is a volatile.
 */
public final class Activity {
    private volatile long lastNanos = System.nanoTime();

    /** Something happened: the silence starts again from now. */
    public void touch() {
        lastNanos = System.nanoTime();
    }

    /** When a silence of {@code timeoutNanos} since the last activity ends, a {@link System#nanoTime()} value. */
    public long deadline(long timeoutNanos) {
        return lastNanos + timeoutNanos;
    }
}
