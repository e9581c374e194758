package dev.shuttle.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code strict-maxconn}'s count of open connections, and the pool's eviction that makes room. */
@Timeout(20)
class ConnectionBudgetTest {
    @Test
    void countsUpToTheLimitAndAClosedConnectionMakesRoom() {
        ConnectionBudget budget = new ConnectionBudget(true);
        assertTrue(budget.isStrict());
        for (int i = 0; i < 3; i++) {
            assertTrue(budget.tryOpen(3));
        }
        assertFalse(budget.tryOpen(3));
        assertEquals(3, budget.open());
        budget.closed();
        assertTrue(budget.tryOpen(3));
        assertFalse(budget.tryOpen(3));
        assertTrue(budget.tryOpen(4), "a maxconn raised at runtime allows more at once");
        assertTrue(budget.tryOpen(0), "maxconn 0 is no limit");
    }

    @Test
    void concurrentOpenersNeverCountMoreThanTheLimit() throws Exception {
        ConnectionBudget budget = new ConnectionBudget(true);
        AtomicInteger holding = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        AtomicInteger granted = new AtomicInteger();
        int threads = 16;
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 20_000; i++) {
                    if (budget.tryOpen(4)) {
                        granted.incrementAndGet();
                        peak.accumulateAndGet(holding.incrementAndGet(), Math::max);
                        if (ThreadLocalRandom.current().nextInt(8) == 0) {
                            Thread.yield();
                        }
                        holding.decrementAndGet();
                        budget.closed();
                    }
                }
                done.countDown();
            });
        }
        done.await();
        assertTrue(peak.get() <= 4, "peak " + peak.get());
        assertTrue(granted.get() > 0);
        assertEquals(0, budget.open());
    }

    @Test
    void evictionTakesTheConnectionThatWaitedLongestOfAnyHash() {
        IdleConnectionPool pool = new IdleConnectionPool(-1);
        List<TestConnection> connections = new ArrayList<>();
        for (long hash : new long[] {7, 8, 7}) {
            TestConnection connection = new TestConnection(hash);
            pool.register(connection);
            connections.add(connection);
        }
        for (TestConnection connection : connections) {
            assertTrue(pool.putBack(connection, false));
        }
        assertSame(connections.get(0), pool.evictOldest());
        assertSame(connections.get(1), pool.evictOldest(), "another hash, next in age");
        assertEquals(new PoolCounts(0, 1, 0, 3, 3), pool.counts(), "evicted connections are counted out");
        pool.forget(connections.get(0));
        assertEquals(1, pool.counts().idle(), "forgetting an evicted connection changes nothing");
        assertSame(connections.get(2), pool.evictOldest());
        assertNull(pool.evictOldest());
    }

    @Test
    void aServerCountsOnlyWhenStrict() {
        assertFalse(new ConnectionBudget(false).isStrict());
    }

    @Test
    void aFullCountWaitsOnlyForACloseUnderWay() throws Exception {
        ConnectionBudget budget = new ConnectionBudget(true);
        assertTrue(budget.tryOpen(1));
        long started = System.nanoTime();
        assertFalse(budget.awaitClosing(1, 5_000_000_000L), "nothing closing: no wait");
        assertTrue(System.nanoTime() - started < 1_000_000_000L);
        budget.beginClose();
        Thread closer = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            budget.endClose();
        });
        assertTrue(budget.awaitClosing(1, 5_000_000_000L));
        assertTrue(budget.tryOpen(1), "the closed connection made room");
        closer.join();
    }
}
