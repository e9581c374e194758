package dev.shuttle.backend;

import dev.shuttle.lb.LoadBalancer;
import dev.shuttle.server.Server;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * One request for a server slot (HAProxy's pendconn, while it waits): on the server it is bound
 * to, or on any server the load balancer may give it outside {@code excluded}. While it waits it
 * sits in exactly one {@link RequestQueue}: its server's when bound, else the backend's; a release
 * or a server change hands it a slot, or turns it away.
 *
 * <p>Locking: every mutable field is guarded by its backend's lock, which also owns {@link #granted}.
 * The condition is made only when the request joins a queue: most requests find a free slot at
 * once, and a condition per request was an allocation per exchange for nothing.
 */
final class SlotRequest {
    /** Why a wait ended without a slot. */
    enum Refusal {
        /** No server can serve it now (none usable, or its pinned server left service). */
        NO_SERVER,
        /** Its server's queue already held {@code maxqueue} requests. */
        QUEUE_FULL,
        /** {@code timeout queue} passed. */
        TIMED_OUT
    }

    /** Only its bound server can serve it: a change of that server never rebinds it. */
    final boolean pinned;
    /** Persistence sends it to its bound server even when that server is down (set before it is queued). */
    boolean evenIfDown;
    final Set<Server> excluded;
    /** How long it may wait in a queue ({@code timeout queue}); 0: for ever. */
    final long waitMillis;
    final QueuePriority priority;
    /** Its balancing key for the load balancer (a hashing {@code balance}), or {@link LoadBalancer#NO_KEY}. */
    final long balanceKey;
    /** The backend's lock, on which {@link #granted} is made. */
    private final Lock backendLock;
    // Guarded by: the backend's lock (made when the request first waits; null until then)
    private Condition granted;
    // Guarded by: the backend's lock (the server it waits for, or null for any the load balancer picks)
    Server bound;
    // Guarded by: the backend's lock (the server whose slot was handed over, or null)
    Server slot;
    // Guarded by: the backend's lock (set when it stops waiting without a slot)
    Refusal refusal;
    // Guarded by: the backend's lock (when the wait ends if no slot came: a nanoTime, set as it joins a queue)
    long deadlineNanos;
    // Guarded by: the backend's lock (its place within its class: arrival in milliseconds plus its offset)
    long key;
    // Guarded by: the backend's lock (the backend's arrival count when it was queued: first come first served on equal keys)
    long arrival;
    // Guarded by: the backend's lock (the queue it waits in now, or null)
    RequestQueue queue;
    // Guarded by: the backend's lock (its queue's served count when it joined, minus one)
    long queueIndex;
    // Guarded by: the backend's lock (requests served before it in its server's queues and the backend's)
    private long serverQueuePosition;
    private long backendQueuePosition;

    SlotRequest(Server bound, boolean pinned, Set<Server> excluded, long waitMillis, QueuePriority priority,
                long balanceKey, Lock backendLock) {
        this.balanceKey = balanceKey;
        this.bound = bound;
        this.pinned = pinned;
        this.excluded = excluded;
        this.waitMillis = waitMillis;
        this.priority = priority;
        this.backendLock = backendLock;
    }

    /** Adds what one stay in a queue counted (see {@link RequestQueue#remove}). */
    void addQueuePosition(boolean serverQueue, long position) {
        if (serverQueue) {
            serverQueuePosition += position;
        } else {
            backendQueuePosition += position;
        }
    }

    Backend.QueuePositions queuePositions() {
        return serverQueuePosition == 0 && backendQueuePosition == 0 ? Backend.QueuePositions.NONE
                : new Backend.QueuePositions(serverQueuePosition, backendQueuePosition);
    }

    boolean timed() {
        return waitMillis > 0;
    }

    boolean waiting() {
        return slot == null && refusal == null;
    }

    /** A request bound to a server out of service leaves it for the load balancer, unless pinned; true if it did. */
    boolean releaseBindingLocked() {
        if (bound == null || pinned || bound.isUp()) {
            return false;
        }
        bound = null;
        return true;
    }

    /** Waits, holding the backend's lock, until a release, a refusal or the deadline ends the wait. */
    void awaitLocked() throws InterruptedException {
        if (granted == null) {
            granted = backendLock.newCondition();
        }
        while (waiting()) {
            granted.await();
        }
    }

    /** Ends the wait with a slot on {@code server} (already counted). */
    void grantLocked(Server server) {
        slot = server;
        signalLocked();
    }

    /** Ends the wait without a slot. */
    void refuseLocked(Refusal why) {
        refusal = why;
        signalLocked();
    }

    private void signalLocked() {
        if (granted != null) { // else nobody waits on it yet: the waiter sees the verdict before it would await
            granted.signal();
        }
    }
}
