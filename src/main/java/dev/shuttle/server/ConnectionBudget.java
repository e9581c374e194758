package dev.shuttle.server;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

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
 * <p>A connection being closed still counts until its socket is closed (the server must never see
 * one more), so a request that finds the count full while some close is under way waits for it
 * rather than fail: that room is coming ({@link #awaitClosing}). Only connections held open
 * (used, private) make it fail, as in HAProxy.
 *
 * <p>Locking: the counts are atomics, raised only below the limit (compare and set), so that no
 * interleaving of openers ever counts more connections than {@code maxconn}. {@link #lock} only
 * lets a request wait for a close under way; it is taken by strict servers' closes and waits.
 */
public final class ConnectionBudget {
    private final boolean strict;
    private final AtomicInteger open = new AtomicInteger();
    /** Counted connections whose close has begun. */
    private final AtomicInteger closing = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by: lock (signalled when a counted connection is gone)
    private final Condition gone = lock.newCondition();

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

    /** Gives back the count of an attempt that failed before it had a connection. */
    public void closed() {
        open.decrementAndGet();
        signalGone();
    }

    /** A counted connection begins to close: it will make room soon ({@link #endClose} once its socket is closed). */
    public void beginClose() {
        closing.incrementAndGet();
    }

    /** The connection whose close began is closed: its count is given back. */
    public void endClose() {
        open.decrementAndGet();
        closing.decrementAndGet();
        signalGone();
    }

    /**
     * Waits, up to {@code nanos}, for a connection whose close is under way to be gone, when the
     * count is full.
     *
     * @return false at once when no close is under way (nothing to wait for); else true once the
     *         count may have room, or the time ran out
     */
    public boolean awaitClosing(long limit, long nanos) throws InterruptedException {
        lock.lock();
        try {
            if (closing.get() == 0) {
                return false;
            }
            long deadline = System.nanoTime() + nanos;
            long left = nanos;
            while (closing.get() > 0 && open.get() >= limit && left > 0) {
                // Short slices: a close that ends between the check and the wait signals no one.
                gone.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(10)));
                left = deadline - System.nanoTime();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void signalGone() {
        lock.lock();
        try {
            gone.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Connections open now (0 when the server is not strict: nothing is counted). */
    public int open() {
        return open.get();
    }
}
