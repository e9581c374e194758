package dev.shuttle.backend;

import java.util.Comparator;
import java.util.Iterator;
import java.util.TreeSet;

/**
 * The requests waiting for a slot in one queue (a server's, or the backend's), in the order they
 * are served: by priority class, then by key (arrival in milliseconds plus the priority offset),
 * then by arrival, as HAProxy's queues order their pendconns (queue.c: a class in the key's top
 * bits, the time plus offset below; equal keys in arrival order).
 *
 * <p>Not thread-safe: its backend's lock guards it.
 */
final class RequestQueue implements Iterable<SlotRequest> {
    /** The order of service; also used to choose between the heads of two queues. */
    static final Comparator<SlotRequest> SERVICE_ORDER = Comparator
            .comparingInt((SlotRequest r) -> r.priority.priorityClass())
            .thenComparingLong(r -> r.key)
            .thenComparingLong(r -> r.arrival);

    private final TreeSet<SlotRequest> waiting = new TreeSet<>(SERVICE_ORDER);
    /** A server's queue, rather than the backend's: which of a request's positions it counts in. */
    private final boolean serverQueue;
    /** Requests that left this queue for a slot so far (HAProxy's queue idx), for the positions logged. */
    private long served;

    /** The backend's queue. */
    RequestQueue() {
        this(false);
    }

    RequestQueue(boolean serverQueue) {
        this.serverQueue = serverQueue;
    }

    void add(SlotRequest request) {
        waiting.add(request);
        request.queue = this;
        request.queueIndex = served - 1; // as queue.c: the first to leave after it makes its position 1
    }

    /** Takes the request out; the requests served meanwhile count in its position (queue.c, pendconn unlink). */
    void remove(SlotRequest request) {
        if (waiting.remove(request)) {
            request.queue = null;
            request.addQueuePosition(serverQueue, served - request.queueIndex);
        }
    }

    /** A request just left this queue for a slot (after {@link #remove}). */
    void served() {
        served++;
    }

    /** The next request to serve, or null. */
    SlotRequest first() {
        return waiting.isEmpty() ? null : waiting.first();
    }

    int size() {
        return waiting.size();
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    /** In the order of service; its {@code remove()} takes the request out of this queue. */
    @Override
    public Iterator<SlotRequest> iterator() {
        Iterator<SlotRequest> inner = waiting.iterator();
        return new Iterator<>() {
            private SlotRequest last;

            @Override
            public boolean hasNext() {
                return inner.hasNext();
            }

            @Override
            public SlotRequest next() {
                last = inner.next();
                return last;
            }

            @Override
            public void remove() {
                inner.remove();
                last.queue = null;
                last.addQueuePosition(serverQueue, served - last.queueIndex);
            }
        };
    }
}
