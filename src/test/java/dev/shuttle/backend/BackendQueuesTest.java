package dev.shuttle.backend;

import static dev.shuttle.backend.BackendFixture.backendConfig;
import static dev.shuttle.backend.BackendFixture.server;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.backend.BackendFixture.Waiter;
import dev.shuttle.server.AdminState;
import dev.shuttle.server.Server;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backend's and the servers' queues (configuration.txt §5.2 "maxconn", "maxqueue", "minconn";
 * §4.3 "set-priority-class", "set-priority-offset"): who is served next when a slot frees.
 */
@Timeout(10)
class BackendQueuesTest {
    @TempDir
    Path directory;

    private final QueueTimeouts queueTimeouts = new QueueTimeouts();
    private final List<Integer> violations = new ArrayList<>();

    /** A backend whose audit records every decision that left a request waiting beside a free slot. */
    private Backend backend(String... lines) throws Exception {
        SlotAudit audit = new SlotAudit() {
            @Override
            public void grantedLocked(Server server, boolean balanced) {
            }

            @Override
            public void settledLocked(int waitingDespiteAFreeSlot) {
                if (waitingDespiteAFreeSlot != 0) {
                    violations.add(waitingDespiteAFreeSlot);
                }
            }
        };
        return new Backend(backendConfig(directory, lines), queueTimeouts, ServerStateLog.NONE, audit);
    }

    private static Backend.Slot balanced(Backend backend, QueuePriority priority) throws InterruptedException {
        return backend.acquire(Set.of(), 0, priority);
    }

    private static Waiter waiterAt(Backend backend, int priorityClass, int offset) {
        return new Waiter(backend, () -> balanced(backend, new QueuePriority(priorityClass, offset)).granted());
    }

    @Test
    void aLowerPriorityClassOvertakesEarlierRequests() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1 maxconn 1");
        Server a = server(backend, "a");
        assertEquals(a, balanced(backend, QueuePriority.NONE).server());
        Waiter first = waiterAt(backend, 0, 0);
        Waiter second = waiterAt(backend, 1, 0);
        Waiter urgent = waiterAt(backend, -1, 0);
        backend.release(a);
        assertEquals("a", urgent.result());
        assertTrue(first.waiting() && second.waiting());
        backend.release(a);
        assertEquals("a", first.result());
        assertTrue(second.waiting());
        backend.release(a);
        assertEquals("a", second.result());
        assertEquals(List.of(), violations);
    }

    @Test
    void aNegativeOffsetMovesARequestAheadWithinItsClass() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1 maxconn 1");
        Server a = server(backend, "a");
        balanced(backend, QueuePriority.NONE);
        Waiter early = waiterAt(backend, 0, 0);
        Waiter late = waiterAt(backend, 0, -10_000);
        Waiter postponed = waiterAt(backend, 0, 10_000);
        Waiter otherClass = waiterAt(backend, 1, -100_000);
        backend.release(a);
        assertEquals("a", late.result());
        backend.release(a);
        assertEquals("a", early.result());
        backend.release(a);
        assertEquals("a", postponed.result());
        backend.release(a);
        assertEquals("a", otherClass.result());
    }

    @Test
    void aRequestNamingAServerWaitsInThatServersQueueOnly() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1 maxconn 1", "server b 127.0.0.1:1 maxconn 1");
        Server a = server(backend, "a");
        Server b = server(backend, "b");
        balanced(backend, QueuePriority.NONE);
        balanced(backend, QueuePriority.NONE);
        Waiter forA = new Waiter(backend, () -> backend.acquirePreferred(a, 0));
        assertEquals(1, backend.queuedFor(a));
        assertEquals(0, backend.queuedFor(b));
        Waiter any = waiterAt(backend, 0, 0);
        assertEquals(2, backend.queuedRequests());
        backend.release(b); // b serves the backend's queue, never a's
        assertEquals("b", any.result());
        assertTrue(forA.waiting());
        backend.release(a);
        assertEquals("a", forA.result());
        assertEquals(0, backend.queuedRequests());
        assertEquals(List.of(), violations);
    }

    @Test
    void aFreedSlotGoesToTheEarlierOfTheServersAndTheBackendsQueueHeads() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1 maxconn 1");
        Server a = server(backend, "a");
        balanced(backend, QueuePriority.NONE);
        Waiter any = waiterAt(backend, 0, 0);
        Thread.sleep(5); // a later arrival in milliseconds, the queues' key
        Waiter forA = new Waiter(backend, () -> backend.acquirePreferred(a, 0));
        Waiter urgentForA = new Waiter(backend,
                () -> backend.acquirePreferred(a, 0, new QueuePriority(-1, 0)).granted());
        backend.release(a);
        assertEquals("a", urgentForA.result());
        backend.release(a);
        assertEquals("a", any.result());
        assertTrue(forA.waiting());
        backend.release(a);
        assertEquals("a", forA.result());
    }

    @Test
    void aFullServerQueueRefusesWithoutRedispatch() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1 maxconn 1 maxqueue 1", "server b 127.0.0.1:1 maxconn 1");
        Server a = server(backend, "a");
        assertEquals(a, backend.acquirePreferred(a, 0, QueuePriority.NONE).server());
        Waiter queued = new Waiter(backend, () -> backend.acquirePreferred(a, 0));
        Backend.Slot refused = backend.acquirePreferred(a, 0, QueuePriority.NONE);
        assertNull(refused.server());
        assertEquals(Backend.Slot.Refusal.QUEUE_FULL, refused.refusal());
        assertEquals(1, backend.queuedFor(a));
        backend.release(a);
        assertEquals("a", queued.result());
    }

    @Test
    void aFullServerQueueSendsTheRequestToTheLoadBalancerUnderOptionRedispatch() throws Exception {
        Backend backend = backend("option redispatch", "server a 127.0.0.1:1 maxconn 1 maxqueue 1",
                "server b 127.0.0.1:1 maxconn 1");
        Server a = server(backend, "a");
        backend.acquirePreferred(a, 0, QueuePriority.NONE);
        Waiter queued = new Waiter(backend, () -> backend.acquirePreferred(a, 0));
        assertEquals("b", backend.acquirePreferred(a, 0, QueuePriority.NONE).granted().map(Server::name).orElse("-"));
        backend.release(a);
        assertEquals("a", queued.result());
    }

    @Test
    void aServerLeavingServiceSendsItsQueueToTheBackendsInTheirPlace() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1 maxconn 1", "server b 127.0.0.1:1 maxconn 1");
        Server a = server(backend, "a");
        Server b = server(backend, "b");
        backend.acquirePreferred(a, 0);
        backend.acquirePreferred(b, 0);
        Waiter forA = new Waiter(backend, () -> backend.acquirePreferred(a, 0));
        Thread.sleep(5);
        Waiter any = waiterAt(backend, 0, 0);
        backend.setAdminState(a, AdminState.MAINT);
        assertEquals(0, backend.queuedFor(a));
        assertEquals(2, backend.queuedRequests());
        backend.release(b);
        assertEquals("b", forA.result()); // it came first, and keeps its place
        backend.release(b);
        assertEquals("b", any.result());
        assertEquals(List.of(), violations);
    }

    @Test
    void theDynamicLimitFollowsTheBackendsLoadUpToMaxconn() throws Exception {
        // fullconn 20, two servers from 1 to 10: the limit is load * 10 / 20, at least 1.
        Backend backend = backend("fullconn 20", "server a 127.0.0.1:1 minconn 1 maxconn 10",
                "server b 127.0.0.1:1 minconn 1 maxconn 10");
        List<Server> taken = new ArrayList<>();
        taken.add(balanced(backend, QueuePriority.NONE).server());
        taken.add(balanced(backend, QueuePriority.NONE).server());
        // load 3 with this one queued: limit 1 on each, both busy
        Waiter third = waiterAt(backend, 0, 0);
        assertTrue(third.waiting());
        // a fourth raises the load to 4: limit 2, both queued requests are served
        Server fourth = balanced(backend, QueuePriority.NONE).server();
        assertEquals(Set.of("a", "b"), Set.of(third.result(), fourth.name()));
        assertEquals(4, backend.currentConnections());
        assertEquals(List.of(), violations);
    }

    @Test
    void dynamicLimitRamp() {
        assertEquals(10, DynamicLimit.of(10, 10, 0, 100));     // static
        assertEquals(0, DynamicLimit.of(0, 0, 50, 100));       // no limit
        assertEquals(2, DynamicLimit.of(2, 10, 0, 100));       // idle backend: minconn
        assertEquals(5, DynamicLimit.of(2, 10, 50, 100));      // half way
        assertEquals(10, DynamicLimit.of(2, 10, 100, 100));    // fullconn reached
        assertEquals(10, DynamicLimit.of(2, 10, 500, 100));
        assertEquals(10, DynamicLimit.of(2, 10, 5, 0));        // fullconn unknown: static
    }

    @Test
    void minconnAndMaxconnCombineAsHaproxyDoes() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1 minconn 5", "server b 127.0.0.1:1 maxconn 3",
                "server c 127.0.0.1:1 minconn 8 maxconn 4", "server d 127.0.0.1:1 minconn 2 maxconn 6");
        assertEquals(List.of(5L, 5L), List.of(server(backend, "a").minconn(), server(backend, "a").maxconn()));
        assertEquals(List.of(3L, 3L), List.of(server(backend, "b").minconn(), server(backend, "b").maxconn()));
        assertEquals(List.of(8L, 8L), List.of(server(backend, "c").minconn(), server(backend, "c").maxconn()));
        assertEquals(List.of(2L, 6L), List.of(server(backend, "d").minconn(), server(backend, "d").maxconn()));
        backend.setMaxconn(server(backend, "b"), 7);
        backend.setMaxconn(server(backend, "d"), 9);
        assertEquals(7L, server(backend, "b").minconn()); // static stays static
        assertEquals(List.of(2L, 9L), List.of(server(backend, "d").minconn(), server(backend, "d").maxconn()));
    }

    @Test
    void timedOutRequestsLeaveBothKindsOfQueues() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1 maxconn 1");
        Server a = server(backend, "a");
        backend.acquire(Set.of(), 0);
        Backend.Slot[] outcomes = new Backend.Slot[2];
        Thread own = Thread.ofVirtual().start(() -> {
            try {
                outcomes[0] = backend.acquirePreferred(a, 50, QueuePriority.NONE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread shared = Thread.ofVirtual().start(() -> {
            try {
                outcomes[1] = backend.acquire(Set.of(), 50, QueuePriority.NONE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        own.join();
        shared.join();
        assertEquals(Backend.Slot.Refusal.QUEUE_TIMEOUT, outcomes[0].refusal());
        assertEquals(Backend.Slot.Refusal.QUEUE_TIMEOUT, outcomes[1].refusal());
        assertEquals(0, backend.queuedRequests());
        assertEquals(0, a.queued());
    }
}
