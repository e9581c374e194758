package dev.shuttle.io;

/**
 * When something last happened on one side of an exchange, for timeouts that count silence:
 * HAProxy's timeouts are inactivity timeouts, and a side that is still being written to is not
 * silent. The response to a request whose body is still being uploaded may take as long as the
 * upload, plus {@code timeout server} after its last write ({@link #touch()}).
 *
 * <p>While the upload waits for the client's next bytes, the server is not the one keeping the
 * exchange waiting and its silence does not count at all ({@link #awaitOtherSide()}): HAProxy 3.x
 * arms {@code timeout server} on the response only once the request is sent whole or while a write
 * to the server is stuck, so a client that stalls its upload meets {@code timeout client} first,
 * whatever the two values are.
 *
 * <p>One thread touches it while another thread's read waits on the deadline it gives, and the
 * process's {@link ReadDeadlines} watcher reads it too: the fields are volatile.
 */
public final class Activity {
    private volatile long lastNanos = System.nanoTime();
    private volatile boolean otherSideAwaited;

    /** Something happened: the silence starts again from now, and counts. */
    public void touch() {
        lastNanos = System.nanoTime();
        otherSideAwaited = false;
    }

    /** The writer now waits for its own source (the client): no silence counts until the next {@link #touch()}. */
    public void awaitOtherSide() {
        otherSideAwaited = true;
    }

    /** When a silence of {@code timeoutNanos} since the last activity ends, a {@link System#nanoTime()} value. */
    public long deadline(long timeoutNanos) {
        return (otherSideAwaited ? System.nanoTime() : lastNanos) + timeoutNanos;
    }
}
