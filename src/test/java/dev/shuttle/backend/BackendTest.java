package dev.shuttle.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.BalanceAlgorithm;
import dev.shuttle.config.Configuration;
import dev.shuttle.config.parse.ConfigLoader;
import dev.shuttle.config.parse.Diagnostics;
import dev.shuttle.config.parse.KeywordRegistry;
import dev.shuttle.config.parse.Variables;
import dev.shuttle.server.AdminState;
import dev.shuttle.server.Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class BackendTest {
    @TempDir
    Path directory;

    /** The queue deadline watcher of the backends this test builds. */
    private final QueueTimeouts queueTimeouts = new QueueTimeouts();

    /** A backend line for {@link #backend}: {@code server <name> 127.0.0.1:1 <options>}. */
    private static String server(String name, int maxconn, boolean backup) {
        return "    server " + name + " 127.0.0.1:1 maxconn " + maxconn + (backup ? " backup" : "") + "\n";
    }

    /** A backend built from configuration text, as the process builds it. */
    private Backend backend(BalanceAlgorithm balance, String... servers) throws IOException {
        Path file = directory.resolve("backend.cfg");
        Files.writeString(file, "defaults\n    timeout client 1s\n    timeout server 1s\n    timeout connect 1s\n"
                + "backend be\n    balance " + balance.keyword() + "\n" + String.join("", servers));
        Diagnostics diagnostics = Diagnostics.collecting();
        Configuration configuration = new ConfigLoader(KeywordRegistry.standard())
                .load(List.of(file), Variables.of(Map.of()), diagnostics)
                .orElseThrow(() -> new AssertionError(diagnostics.messages().toString()));
        return new Backend(configuration.backend("be").orElseThrow(), queueTimeouts, ServerStateLog.NONE);
    }

    private static String name(Optional<Server> server) {
        return server.map(Server::name).orElse("-");
    }

    @Test
    void acquireTakesSlotsInRoundRobinOrder() throws Exception {
        Backend backend = backend(BalanceAlgorithm.ROUNDROBIN, server("a", 0, false), server("b", 0, false));
        StringBuilder picked = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            picked.append(name(backend.acquire(Set.of(), 100)));
        }
        assertEquals("abab", picked.toString());
        assertEquals(2, backend.server("a").orElseThrow().currentConnections());
        assertEquals(4, backend.currentConnections());
    }

    @Test
    void acquireNeverExceedsMaxconnAndTimesOutWhenNothingFrees() throws Exception {
        Backend backend = backend(BalanceAlgorithm.ROUNDROBIN, server("a", 1, false), server("b", 2, false));
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            picked.add(name(backend.acquire(Set.of(), 100)));
        }
        assertEquals(List.of("a", "b", "b"), picked);
        long started = System.nanoTime();
        assertEquals(Optional.empty(), backend.acquire(Set.of(), 50));
        assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(50), "it waited for the queue timeout");
        assertEquals(1, backend.server("a").orElseThrow().currentConnections());
        assertEquals(2, backend.server("b").orElseThrow().currentConnections());
    }

    @Test
    void aWaitingConnectionGetsTheSlotAnotherOneReleases() throws Exception {
        Backend backend = backend(BalanceAlgorithm.ROUNDROBIN, server("a", 1, false));
        Server a = backend.acquire(Set.of(), 100).orElseThrow();
        AtomicReference<Optional<Server>> waited = new AtomicReference<>();
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                waited.set(backend.acquire(Set.of(), 0));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        // The waiter must be parked on the backend before the slot is freed, or the test proves nothing.
        while (waiter.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        assertTrue(waiter.isAlive());
        backend.release(a);
        waiter.join();
        assertEquals(Optional.of(a), waited.get());
        assertEquals(1, a.currentConnections());
    }

    /** Starts a thread that waits for a slot on {@code backend}; returns once it is queued. */
    private static Thread queuedWaiter(Backend backend, List<String> servedInOrder, String label) {
        int before = backend.queuedRequests();
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                Optional<Server> slot = backend.acquire(Set.of(), 0);
                synchronized (servedInOrder) {
                    servedInOrder.add(label + ":" + name(slot));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        while (backend.queuedRequests() == before) {
            Thread.onSpinWait();
        }
        return waiter;
    }

    @Test
    void waitingRequestsAreServedFirstComeFirstServed() throws Exception {
        Backend backend = backend(BalanceAlgorithm.ROUNDROBIN, server("a", 1, false));
        Server a = backend.acquire(Set.of(), 100).orElseThrow();
        List<String> served = new ArrayList<>();
        List<Thread> waiters = new ArrayList<>();
        for (String label : List.of("w1", "w2", "w3")) {
            waiters.add(queuedWaiter(backend, served, label));
        }
        for (Thread waiter : waiters) {
            backend.release(a);
            waiter.join();
        }
        assertEquals(List.of("w1:a", "w2:a", "w3:a"), served);
        assertEquals(0, backend.queuedRequests());
    }

    @Test
    void aNewRequestDoesNotTakeASlotFromOneThatWaits() throws Exception {
        // A keep-alive client's next request arrives just as its previous one frees the slot: the
        // slot goes to the request already waiting, and the newcomer waits its turn.
        Backend backend = backend(BalanceAlgorithm.ROUNDROBIN, server("a", 1, false));
        Server a = backend.acquire(Set.of(), 100).orElseThrow();
        List<String> served = new ArrayList<>();
        Thread waiter = queuedWaiter(backend, served, "waiting");
        backend.release(a);
        assertEquals(Optional.empty(), backend.acquire(Set.of(), 50), "the freed slot is the waiting request's");
        waiter.join();
        assertEquals(List.of("waiting:a"), served);
        assertEquals(1, a.currentConnections());
    }

    @Test
    void aQueuedRetryForAFullServerDoesNotBlockRequestsOtherServersCanTake() throws Exception {
        Backend backend = backend(BalanceAlgorithm.ROUNDROBIN, server("a", 1, false), server("b", 1, false));
        Server a = backend.acquire(Set.of(), 100).orElseThrow();
        Server b = backend.acquire(Set.of(), 100).orElseThrow();
        AtomicReference<Optional<Server>> retry = new AtomicReference<>();
        Thread onA = Thread.ofVirtual().start(() -> {
            try {
                retry.set(backend.acquireSpecific(a, 0));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        while (backend.queuedRequests() == 0) {
            Thread.onSpinWait();
        }
        backend.release(b);
        assertEquals(Optional.of(b), backend.acquire(Set.of(), 100), "b's slot is free: the retry bound to a waits");
        backend.release(a);
        onA.join();
        assertEquals(Optional.of(a), retry.get());
    }

    @Test
    void waitersAreServedAsSlotsFreeUnderConcurrentChurn() throws Exception {
        Backend backend = backend(BalanceAlgorithm.LEASTCONN, server("a", 2, false), server("b", 3, false));
        Map<String, AtomicInteger> inUse = Map.of("a", new AtomicInteger(), "b", new AtomicInteger());
        Map<String, Integer> limits = Map.of("a", 2, "b", 3);
        AtomicInteger violations = new AtomicInteger();
        AtomicInteger served = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < 200; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    start.await();
                    Server server = backend.acquire(Set.of(), 0).orElseThrow();
                    int now = inUse.get(server.name()).incrementAndGet();
                    if (now > limits.get(server.name())) {
                        violations.incrementAndGet();
                    }
                    Thread.yield();
                    inUse.get(server.name()).decrementAndGet();
                    backend.release(server);
                    served.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(200, served.get());
        assertEquals(0, violations.get());
        assertEquals(0, backend.currentConnections());
    }

    @Test
    void excludedServersAreSkippedWhileOthersAreUsable() throws Exception {
        Backend backend = backend(BalanceAlgorithm.ROUNDROBIN, server("a", 0, false), server("b", 0, false));
        Server a = backend.server("a").orElseThrow();
        for (int i = 0; i < 4; i++) {
            assertEquals("b", name(backend.acquire(Set.of(a), 100)));
        }
        backend.setAdminState(backend.server("b").orElseThrow(), AdminState.MAINT);
        assertEquals("a", name(backend.acquire(Set.of(a), 100)), "an excluded server is better than none");
    }

    @Test
    void backupServersServeOnlyWhenNoActiveServerIsUsable() throws Exception {
        Backend backend = backend(BalanceAlgorithm.ROUNDROBIN, server("a", 1, false), server("spare", 0, true));
        Server a = backend.server("a").orElseThrow();
        assertEquals("a", name(backend.acquire(Set.of(), 100)));
        assertEquals(Optional.empty(), backend.acquire(Set.of(), 30), "a full active server is waited for, not bypassed");
        backend.release(a);
        backend.setAdminState(a, AdminState.MAINT);
        assertEquals(0, backend.usableServerCount());
        assertEquals("spare", name(backend.acquire(Set.of(), 100)));
        assertEquals("spare", name(backend.acquire(Set.of(), 100)));
        backend.setAdminState(a, AdminState.READY);
        assertEquals("a", name(backend.acquire(Set.of(), 100)));
    }

    @Test
    void noUsableServerAnswersAtOnceEvenWithoutQueueTimeout() throws Exception {
        Backend empty = backend(BalanceAlgorithm.ROUNDROBIN);
        assertEquals(Optional.empty(), empty.acquire(Set.of(), 0));
        Backend down = backend(BalanceAlgorithm.FIRST, server("a", 0, false));
        down.setAdminState(down.server("a").orElseThrow(), AdminState.MAINT);
        assertEquals(Optional.empty(), down.acquire(Set.of(), 0));
    }

    @Test
    void serversListsActiveOnesFirst() throws IOException {
        Backend backend = backend(BalanceAlgorithm.ROUNDROBIN, server("spare", 0, true), server("a", 0, false),
                server("b", 0, false));
        assertEquals(List.of("a", "b", "spare"), backend.servers().stream().map(Server::name).toList());
        assertEquals(2, backend.usableServerCount());
    }

    @Test
    void acquireSpecificStaysOnItsServer() throws Exception {
        Backend backend = backend(BalanceAlgorithm.ROUNDROBIN, server("a", 1, false), server("b", 0, false));
        Server a = backend.server("a").orElseThrow();
        assertEquals(Optional.of(a), backend.acquireSpecific(a, 100));
        assertEquals(Optional.empty(), backend.acquireSpecific(a, 30), "full, and b is not an alternative");
        backend.release(a);
        assertEquals(Optional.of(a), backend.acquireSpecific(a, 100));
        backend.release(a);
        backend.setAdminState(a, AdminState.MAINT);
        assertEquals(Optional.empty(), backend.acquireSpecific(a, 0));
    }

    @Test
    void aWaitEndsWhenTheThreadIsInterrupted() throws Exception {
        Backend backend = backend(BalanceAlgorithm.ROUNDROBIN, server("a", 1, false));
        backend.acquire(Set.of(), 100).orElseThrow();
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                backend.acquire(Set.of(), 0);
            } catch (InterruptedException e) {
                outcome.set(e);
            }
        });
        while (waiter.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        waiter.interrupt();
        waiter.join();
        assertTrue(outcome.get() instanceof InterruptedException);
        assertFalse(backend.server("a").orElseThrow().currentConnections() > 1);
    }

    @Test
    void aWaitThatTimesOutLeavesTheQueueToThoseBehindIt() throws Exception {
        // The timed-out request is refused by the process's queue watcher, not by a timer of its
        // own; an untimed request queued behind it gets the next slot, and the watch stops.
        Backend backend = backend(BalanceAlgorithm.ROUNDROBIN, server("a", 1, false));
        Server a = backend.acquire(Set.of(), 100).orElseThrow();
        long start = System.nanoTime();
        AtomicReference<Optional<Server>> timedOut = new AtomicReference<>();
        Thread timed = Thread.ofVirtual().start(() -> {
            try {
                timedOut.set(backend.acquire(Set.of(), 200));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        while (backend.queuedRequests() < 1) {
            Thread.onSpinWait();
        }
        List<String> served = new ArrayList<>();
        Thread untimed = queuedWaiter(backend, served, "untimed");
        timed.join();
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(Optional.empty(), timedOut.get());
        assertTrue(waitedMillis >= 200 && waitedMillis < 200 + 1000, "waited " + waitedMillis + " ms");
        assertEquals(1, backend.queuedRequests(), "the untimed request still waits");
        assertFalse(queueTimeouts.watches(backend), "no deadline left to watch");
        backend.release(a);
        untimed.join();
        assertEquals(List.of("untimed:a"), served);
    }
}
