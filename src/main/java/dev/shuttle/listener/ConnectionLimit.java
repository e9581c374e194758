package dev.shuttle.listener;

import java.util.concurrent.Semaphore;

/**
 * A {@code maxconn}: the number of connections that may be open at once. An acceptor takes a
 * permit before it accepts, so reaching the limit pauses accepting and leaves new connections in
 * the kernel's backlog, as HAProxy does, instead of accepting and dropping them.
 */
public final class ConnectionLimit {
    private final int max;
    private final Semaphore permits;

    /** A limit of {@code max} connections; 0 means no limit. */
    public ConnectionLimit(int max) {
        this.max = max;
        this.permits = max > 0 ? new Semaphore(max) : null;
    }

    public void acquire() throws InterruptedException {
        if (permits != null) {
            permits.acquire();
        }
    }

    public void release() {
        if (permits != null) {
            permits.release();
        }
    }

    public int max() {
        return max;
    }

    /** Connections currently counted against the limit (0 when unlimited). */
    public int inUse() {
        return permits == null ? 0 : max - permits.availablePermits();
    }
}
