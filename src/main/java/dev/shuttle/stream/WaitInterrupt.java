package dev.shuttle.stream;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Interrupts an exchange's thread while it waits for a server slot or a server connection, when its
 * client leaves under {@code option abortonclose} (configuration.txt: "half-closed connections ...
 * abort a request that was not yet sent to a server (i.e. when it's pending in the queue or when
 * trying to connect)"): the queue's wait, the pause between connect retries and a blocking connect
 * all end on an interrupt (the connect's socket is closed by it). Only within the wait: an interrupt
 * that came later would close whatever the thread reads or writes next.
 *
 * <p>Locking: {@code lock} guards {@code over} and {@code interrupted}, so that once {@link #end()}
 * returned no interrupt comes, and the one that came, if any, was cleared.
 */
final class WaitInterrupt {
    private final Thread waiter;
    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by: lock
    private boolean over;
    // Guarded by: lock
    private boolean interrupted;

    /** For the calling thread's wait. */
    WaitInterrupt() {
        this.waiter = Thread.currentThread();
    }

    /** Interrupts the waiting thread, unless its wait is over; from any thread. */
    void interrupt() {
        lock.lock();
        try {
            if (!over) {
                interrupted = true;
                waiter.interrupt();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The wait is over (from the waiting thread): no interrupt comes from now on, and one that came is cleared. */
    void end() {
        boolean came;
        lock.lock();
        try {
            over = true;
            came = interrupted;
        } finally {
            lock.unlock();
        }
        if (came) {
            Thread.interrupted();
        }
    }
}
