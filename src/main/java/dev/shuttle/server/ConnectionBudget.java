package dev.shuttle.server;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connections open to one server, when its {@code maxconn} bounds them all ({@code
 * strict-maxconn}, configuration.txt §5.2; seed 000): used, idle and private ones together, each
 * counted from the moment its connect is attempted until it is closed.
 *
 * <p>Without {@code strict-maxconn} a server's {@code maxconn} limits requests in flight (its
 * slots, counted by its backend), and idle connections come on top; with it, a request that has
 * its slot may still find the server's connections all open. It then reuses a matching idle
 * connection, else closes the oldest idle one to open its own (see
 * {@link IdleConnectionPool#evictOldest}), else the attempt fails as HAProxy 3.5's does: at once,
 * counted as a failed connection and retried, until the request ends in a 503 ({@code SC}).
 *
 * <p>Thread-safe without a lock: one atomic counter, raised only below the limit (compare and set),
 * so that no interleaving of openers ever counts more connections than {@code maxconn}.
 */
public final class ConnectionBudget {
    private final boolean strict;
    private final AtomicInteger open = new AtomicInteger();

    /** @param strict whether the server was declared with {@code strict-maxconn} */
    public ConnectionBudget(boolean strict) {
        this.strict = strict;
    }

    /** Whether connections are counted at all ({@code strict-maxconn}). */
    public boolean isStrict() {
        return strict;
    }

    /**
     * Counts one more connection if that keeps them within {@code limit} (0: no limit).
     *
     * @return true when the caller may connect; it then calls {@link #closed()} once the
     *         connection (or the failed attempt) is over
     */
    public boolean tryOpen(long limit) {
        while (true) {
            int now = open.get();
            if (limit > 0 && now >= limit) {
                return false;
            }
            if (open.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** Gives back the count of a connection that closed (or an attempt that failed). */
    public void closed() {
        open.decrementAndGet();
    }

    /** Connections open now (0 when the server is not strict: nothing is counted). */
    public int open() {
        return open.get();
    }
}
