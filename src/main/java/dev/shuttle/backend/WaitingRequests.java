package dev.shuttle.backend;

import dev.shuttle.server.Server;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The queues of one backend (HAProxy's proxy and server queues, queue.c): the backend's own, for
 * requests any server may serve, and each server's, for the requests that name it; with their
 * counts (the backend's total, each server's {@link Server#queued()}). Bookkeeping only: which
 * request a freed slot goes to is {@link Backend}'s decision.
 *
 * <p>Locking: not thread-safe; every method runs under its backend's lock. {@link #total()} may be
 * read without it (a volatile count one change old).
 */
final class WaitingRequests {
    // Guarded by: the backend's lock (requests any server may serve, in order of service)
    private final RequestQueue shared = new RequestQueue();
    // Guarded by: the backend's lock (each server's own queue, made on first use)
    private final Map<Server, RequestQueue> byServer = new IdentityHashMap<>();
    // Guarded by: the backend's lock (written); volatile: requests in all queues now (HAProxy's totpend)
    private volatile int total;

    /** Requests in all queues now. */
    int total() {
        return total;
    }

    /** The backend's own queue. */
    RequestQueue shared() {
        return shared;
    }

    /** A server's own queue, or null when nobody ever waited for it. */
    RequestQueue of(Server server) {
        return server.queued() == 0 ? null : byServer.get(server);
    }

    /** Every server's own queue, for the checks that look at all of them. */
    Map<Server, RequestQueue> byServer() {
        return byServer;
    }

    /** Requests in the backend's own queue. */
    int sharedCount() {
        return shared.size();
    }

    /** Puts a request in its server's queue when it is bound to one, else in the backend's. */
    void add(SlotRequest request) {
        if (request.bound != null) {
            byServer.computeIfAbsent(request.bound, s -> new RequestQueue(true)).add(request);
            request.bound.setQueuedLocked(request.bound.queued() + 1);
        } else {
            shared.add(request);
        }
        total++;
    }

    /** Takes a request out of the queue it waits in (no effect when it waits in none). */
    void remove(SlotRequest request) {
        RequestQueue queue = request.queue;
        if (queue == null) {
            return;
        }
        queue.remove(request);
        if (queue != shared) {
            request.bound.setQueuedLocked(request.bound.queued() - 1);
        }
        total--;
    }

    /**
     * Moves the requests waiting for a server that left service to the backend's queue, in their
     * place (their key comes along); refuses those only it could serve (pinned).
     *
     * @return how many moved
     */
    int releaseServer(Server server) {
        RequestQueue own = byServer.get(server);
        if (own == null || own.isEmpty()) {
            return 0;
        }
        List<SlotRequest> leaving = new ArrayList<>();
        own.forEach(leaving::add);
        int moved = 0;
        for (SlotRequest waiting : leaving) {
            if (waiting.evenIfDown) {
                continue; // persistence waits for this server whatever its state
            }
            remove(waiting);
            if (waiting.releaseBindingLocked()) {
                shared.add(waiting);
                total++;
                moved++;
            } else {
                waiting.refuseLocked(SlotRequest.Refusal.NO_SERVER);
            }
        }
        return moved;
    }

    /** Forgets a server removed from the backend (its queue is empty by then). */
    void forget(Server server) {
        byServer.remove(server);
    }

    /** Refuses every request of the backend's queue: no server can serve them any more. */
    void refuseShared() {
        for (var it = shared.iterator(); it.hasNext(); ) {
            SlotRequest waiting = it.next();
            it.remove();
            total--;
            waiting.refuseLocked(SlotRequest.Refusal.NO_SERVER);
        }
    }

    /**
     * Ends the waits whose deadline passed by {@code now} (a nanoTime): they leave their queue and
     * find no slot.
     *
     * @return whether a wait with a deadline is left
     */
    boolean expire(long now) {
        boolean deadlinesLeft = expire(shared, now);
        for (RequestQueue queue : byServer.values()) {
            deadlinesLeft |= expire(queue, now);
        }
        return deadlinesLeft;
    }

    private boolean expire(RequestQueue queue, long now) {
        boolean deadlinesLeft = false;
        List<SlotRequest> due = null;
        for (SlotRequest waiting : queue) {
            if (!waiting.timed()) {
                continue;
            }
            if (now - waiting.deadlineNanos >= 0) {
                due = due == null ? new ArrayList<>() : due;
                due.add(waiting);
            } else {
                deadlinesLeft = true;
            }
        }
        if (due != null) {
            for (SlotRequest waiting : due) {
                remove(waiting);
                waiting.refuseLocked(SlotRequest.Refusal.TIMED_OUT);
            }
        }
        return deadlinesLeft;
    }
}
