package dev.shuttle.listener;

import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@code maxconn}: the number of connections that may be open at once. An acceptor takes a
 * permit before it accepts, so reaching the limit pauses accepting and leaves new connections in
 * the kernel's backlog, as HAProxy does, instead of accepting and dropping them.
 *
 * <p>The runtime API changes the limit ({@code set maxconn frontend|global}): raising it hands
 * out permits at once, lowering it takes them back as connections end. A configured 0 means no
 * limit; a limit set to 0 at run time accepts nothing (HAProxy 3.5's {@code set maxconn frontend
 * <f> 0}). Taking and giving back a permit is lock-free (the semaphore's own counter).
 */
public final class ConnectionLimit {
    /** The permits standing for "no limit": more than any process can have connections. */
    private static final int UNLIMITED = Integer.MAX_VALUE / 2;

    /** A semaphore whose permits can also be taken back. */
    private static final class Permits extends Semaphore {
        Permits(int permits) {
            super(permits);
        }

        void takeBack(int count) {
            reducePermits(count);
        }
    }

    private final int configured;
    private final Permits permits;
    /** Serialises the runtime API's changes of the limit; acquire and release never take it. */
    private final ReentrantLock changeLock = new ReentrantLock();
    /** The permits the limit stands for now ({@link #UNLIMITED} without a limit); read without the lock. */
    // Guarded by: changeLock (writes)
    private volatile int current;

    /** A limit of {@code max} connections; 0 means no limit. */
    public ConnectionLimit(int max) {
        this.configured = max;
        this.current = max > 0 ? max : UNLIMITED;
        this.permits = new Permits(current);
    }

    public void acquire() throws InterruptedException {
        permits.acquire();
    }

    public void release() {
        permits.release();
    }

    /**
     * With a slot already taken: when the limit was lowered below the connections open, gives the
     * slot back and waits for one within the new limit. One volatile read otherwise.
     *
     * @throws InterruptedException with the slot given back (not taken again)
     */
    public void awaitWithinLimit() throws InterruptedException {
        if (permits.availablePermits() < 0) {
            permits.release();
            permits.acquire();
        }
    }

    /** The limit now, 0 when there is none. */
    public int max() {
        int now = current;
        return now == UNLIMITED ? 0 : now;
    }

    /** The limit the configuration gave, 0 for none. */
    public int configured() {
        return configured;
    }

    /** Connections currently counted against the limit (0 when unlimited). */
    public int inUse() {
        int now = current;
        return now == UNLIMITED ? 0 : Math.max(0, now - permits.availablePermits());
    }

    /**
     * Changes the limit to {@code max} connections (0 accepts none). Connections beyond a lowered
     * limit go on; accepting resumes when they end. Called by one runtime API command at a time.
     */
    public void setMax(int max) {
        changeLock.lock();
        try {
            int delta = max - current;
            current = max;
            if (delta > 0) {
                permits.release(delta);
            } else if (delta < 0) {
                permits.takeBack(-delta);
            }
        } finally {
            changeLock.unlock();
        }
    }
}
