package dev.shuttle.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.server.IdleConnectionPool.Order;
import dev.shuttle.server.PooledConnection.Accounting;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class IdleConnectionPoolTest {
    private static final long HASH = 42;

    /** A connection registered as used, as a new connection is. */
    private static TestConnection used(IdleConnectionPool pool, long hash) {
        TestConnection connection = new TestConnection(hash);
        pool.register(connection);
        return connection;
    }

    @Test
    void aConnectionGoesBackToTheIdleListAfterOneExchangeAndToTheSafeListOnceReused() {
        IdleConnectionPool pool = new IdleConnectionPool(-1);
        TestConnection first = used(pool, HASH);
        TestConnection second = used(pool, HASH);
        assertEquals(new PoolCounts(2, 0, 0, 2, 2), pool.counts(), "a new high of used connections raises the estimate");
        assertTrue(pool.putBack(first, false));
        assertTrue(pool.putBack(second, true));
        assertEquals(new PoolCounts(0, 1, 1, 2, 2), pool.counts());
    }

    @Test
    void takeFollowsTheOrderOfLists() {
        IdleConnectionPool pool = new IdleConnectionPool(-1);
        TestConnection idle = used(pool, HASH);
        TestConnection safe = used(pool, HASH);
        pool.putBack(idle, false);
        pool.putBack(safe, true);
        assertSame(safe, pool.take(HASH, Order.SAFE_THEN_IDLE));
        pool.putBack(safe, true);
        assertSame(idle, pool.take(HASH, Order.IDLE_THEN_SAFE));
        assertNull(pool.take(HASH, Order.IDLE_THEN_SAFE) == safe ? null : safe, "the safe one comes second");
    }

    @Test
    void safeOnlyNeverTakesAnIdleConnection() {
        IdleConnectionPool pool = new IdleConnectionPool(-1);
        TestConnection idle = used(pool, HASH);
        pool.putBack(idle, false);
        assertNull(pool.take(HASH, Order.SAFE_ONLY));
        assertSame(idle, pool.take(HASH, Order.SAFE_THEN_IDLE));
    }

    @Test
    void takeMatchesTheHashOnly() {
        IdleConnectionPool pool = new IdleConnectionPool(-1);
        TestConnection other = used(pool, 7);
        pool.putBack(other, true);
        assertNull(pool.take(HASH, Order.IDLE_THEN_SAFE));
        assertSame(other, pool.take(7, Order.IDLE_THEN_SAFE));
    }

    @Test
    void theMostRecentlyReturnedConnectionIsTakenFirst() {
        IdleConnectionPool pool = new IdleConnectionPool(-1);
        TestConnection older = used(pool, HASH);
        TestConnection newer = used(pool, HASH);
        pool.putBack(older, false);
        pool.putBack(newer, false);
        assertSame(newer, pool.take(HASH, Order.IDLE_THEN_SAFE));
    }

    @Test
    void poolMaxConnCapsTheWaitingConnections() {
        IdleConnectionPool pool = new IdleConnectionPool(1);
        TestConnection a = used(pool, HASH);
        TestConnection b = used(pool, HASH);
        assertTrue(pool.putBack(a, false));
        assertFalse(pool.putBack(b, false), "the pool holds one already");
        assertEquals(new PoolCounts(1, 1, 0, 2, 2), pool.counts(), "a refused connection still counts as used");
        pool.forget(b);
        assertEquals(0, pool.counts().used());
    }

    @Test
    void connectionsBeyondWhatTheServerNeedsAreNotKept() {
        // One client at a time that closes after its first request (Connection: close, http-reuse
        // safe): each request opens a connection, since a first request takes none from the pool.
        IdleConnectionPool pool = new IdleConnectionPool(-1);
        for (int i = 0; i < 100; i++) {
            TestConnection connection = used(pool, HASH);
            boolean kept = pool.putBack(connection, false);
            assertEquals(i == 0, kept, "request " + i + ": only the first connection is needed");
            if (!kept) {
                pool.forget(connection);
            }
        }
        assertEquals(1, pool.counts().waiting());
        assertEquals(0, pool.counts().used());
    }

    @Test
    void connectionsWithinTheEstimatedNeedAreKept() {
        // Ten requests at once: ten connections are needed, so all ten wait for the next ten.
        IdleConnectionPool pool = new IdleConnectionPool(-1);
        List<TestConnection> connections = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            connections.add(used(pool, HASH));
        }
        for (TestConnection connection : connections) {
            assertTrue(pool.putBack(connection, false));
        }
        TestConnection eleventh = used(pool, HASH);
        assertFalse(pool.putBack(eleventh, false), "11 connections for a need of 11 is fine only while used");
        assertEquals(10, pool.counts().waiting());
    }

    @Test
    void poolLowConnKeepsThatManyMoreThanNeeded() {
        IdleConnectionPool pool = new IdleConnectionPool(-1, 2);
        int kept = 0;
        for (int i = 0; i < 10; i++) {
            TestConnection connection = used(pool, HASH);
            if (pool.putBack(connection, false)) {
                kept++;
            } else {
                pool.forget(connection);
            }
        }
        assertEquals(3, kept, "the one needed, plus pool-low-conn 2");
    }

    @Test
    void aSafeConnectionIsKeptWhenNoOtherSafeOneWaits() {
        IdleConnectionPool pool = new IdleConnectionPool(-1);
        assertTrue(pool.putBack(used(pool, HASH), false));
        TestConnection refused = used(pool, HASH);
        assertFalse(pool.putBack(refused, false), "a second unproven one is not needed");
        pool.forget(refused);
        assertTrue(pool.putBack(used(pool, HASH), true), "a proven one is kept while no proven one waits");
        refused = used(pool, HASH);
        assertFalse(pool.putBack(refused, true), "a second proven one is not needed");
        pool.forget(refused);
        PoolCounts counts = pool.counts();
        assertEquals(List.of(0, 1, 1), List.of(counts.used(), counts.idle(), counts.safe()));
    }

    @Test
    void poolMaxConnZeroKeepsNothing() {
        IdleConnectionPool pool = new IdleConnectionPool(0);
        assertFalse(pool.putBack(used(pool, HASH), true));
    }

    @Test
    void forgettingTwiceCountsDownOnce() {
        IdleConnectionPool pool = new IdleConnectionPool(-1);
        TestConnection a = used(pool, HASH);
        used(pool, HASH);
        pool.forget(a);
        pool.forget(a);
        assertEquals(1, pool.counts().used());
    }

    @Test
    void forgettingAWaitingConnectionTakesItOutOfItsList() {
        IdleConnectionPool pool = new IdleConnectionPool(-1);
        TestConnection a = used(pool, HASH);
        pool.putBack(a, true);
        pool.forget(a);
        assertEquals(new PoolCounts(0, 0, 0, 1, 1), pool.counts());
        assertNull(pool.take(HASH, Order.IDLE_THEN_SAFE));
    }

    @Test
    void aConnectionPutBackTwiceIsRefusedTheSecondTime() {
        IdleConnectionPool pool = new IdleConnectionPool(-1);
        TestConnection a = used(pool, HASH);
        assertTrue(pool.putBack(a, false));
        assertFalse(pool.putBack(a, false));
        assertEquals(1, pool.counts().waiting());
    }

    @Test
    void purgeKeepsWhatWasRecentlyNeededThenHalvesTheRest() {
        IdleConnectionPool pool = new IdleConnectionPool(-1);
        List<TestConnection> all = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            all.add(used(pool, HASH));
        }
        all.forEach(c -> pool.putBack(c, false));
        // Four were used at once during this interval (peak and estimate 4): all four are needed.
        assertEquals(List.of(), pool.purge());
        // The peak of the quiet interval is 0, the estimate still 4: max((4 + 4) / 2, 4).
        assertEquals(List.of(), pool.purge());
        // Now the need is the estimate, (4 + 0) / 2 = 2: two in excess, half of them (one) goes, the oldest.
        List<PooledConnection> purged = pool.purge();
        assertEquals(List.of(all.getFirst()), purged);
        assertEquals(3, pool.counts().waiting());
        // Need max(0, 1): excess 2, one goes; then need 0: excess 2, one goes; then the last one.
        assertEquals(1, pool.purge().size());
        assertEquals(1, pool.purge().size());
        assertEquals(1, pool.purge().size());
        assertEquals(0, pool.counts().waiting());
        assertEquals(Accounting.NONE, all.getFirst().accounting);
    }

    @Test
    void aCheckTakesTheConnectionOutWithoutCountingItAsUsed() {
        IdleConnectionPool pool = new IdleConnectionPool(-1);
        TestConnection a = used(pool, HASH);
        pool.putBack(a, true);
        pool.purge();
        long since = pool.idleOrder(a);
        assertEquals(Accounting.SAFE, pool.takeForCheck(a));
        assertEquals(new PoolCounts(0, 0, 0, 0, 1), pool.counts(), "neither waiting nor used while checked");
        assertNull(pool.take(HASH, Order.IDLE_THEN_SAFE), "nobody else gets it meanwhile");
        assertEquals(Accounting.NONE, pool.takeForCheck(a), "a second checker gets nothing");
        assertTrue(pool.returnChecked(a, Accounting.SAFE, since));
        assertSame(a, pool.take(HASH, Order.SAFE_ONLY));
    }

    @Test
    void theCheckClosesDeadConnectionsAndKeepsLiveOnes() {
        IdleConnectionPool pool = new IdleConnectionPool(-1);
        TestConnection live = used(pool, HASH);
        TestConnection dead = used(pool, HASH);
        pool.putBack(live, false);
        pool.putBack(dead, false);
        dead.alive = false;
        IdleConnectionPurger.checkWaiting(pool);
        assertEquals(1, dead.closes.get());
        assertEquals(0, live.closes.get());
        assertEquals(1, pool.counts().idle());
        assertSame(live, pool.take(HASH, Order.IDLE_THEN_SAFE));
    }

    @Test
    void shutdownEmptiesThePoolAndRefusesLaterPuts() {
        IdleConnectionPool pool = new IdleConnectionPool(-1);
        TestConnection waiting = used(pool, HASH);
        TestConnection busy = used(pool, HASH);
        pool.putBack(waiting, false);
        assertEquals(List.of(waiting), pool.shutdown());
        assertFalse(pool.putBack(busy, false));
        pool.forget(busy);
        assertEquals(new PoolCounts(0, 0, 0, 2, 2), pool.counts());
    }

    /**
     * Users take, put back and close connections while the purger purges and checks: counts never
     * go negative nor over the cap, and every connection is, at every moment, in at most one place:
     * waiting in the pool, with one user, or closed. At the end, the counts match what is left.
     */
    @Test
    void concurrentChurnKeepsTheInvariants() throws Exception {
        int cap = 8;
        IdleConnectionPool pool = new IdleConnectionPool(cap);
        Set<PooledConnection> owned = ConcurrentHashMap.newKeySet();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int users = 8;
        CountDownLatch done = new CountDownLatch(users);
        List<Thread> threads = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int i = 0; i < 20_000; i++) {
                        long hash = random.nextInt(2);
                        Order order = Order.values()[random.nextInt(3)];
                        PooledConnection connection = pool.take(hash, order);
                        if (connection == null) {
                            connection = used(pool, hash);
                        }
                        if (!owned.add(connection)) {
                            throw new AssertionError("a connection handed to two users at once");
                        }
                        checkCounts(pool, cap);
                        owned.remove(connection);
                        if (random.nextInt(10) == 0 || !pool.putBack(connection, random.nextBoolean())) {
                            pool.forget(connection);
                            connection.close();
                        }
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    done.countDown();
                }
            }));
        }
        Thread purger = Thread.ofVirtual().start(() -> {
            while (done.getCount() > 0) {
                for (PooledConnection purged : pool.purge()) {
                    if (owned.contains(purged)) {
                        failure.compareAndSet(null, new AssertionError("purged a connection in use"));
                    }
                    purged.close();
                }
                IdleConnectionPurger.checkWaiting(pool);
                try {
                    checkCounts(pool, cap);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
                Thread.yield();
            }
        });
        for (Thread thread : threads) {
            thread.join();
        }
        purger.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        PoolCounts end = pool.counts();
        assertEquals(0, end.used(), "every user gave its connection back or closed it");
        List<PooledConnection> left = pool.shutdown();
        assertEquals(end.waiting(), left.size());
        assertEquals(new PoolCounts(0, 0, 0, end.peakUsed(), end.estimatedNeed()), pool.counts());
    }

    private static void checkCounts(IdleConnectionPool pool, int cap) {
        PoolCounts counts = pool.counts();
        if (counts.used() < 0 || counts.idle() < 0 || counts.safe() < 0 || counts.waiting() > cap) {
            throw new AssertionError("counts out of bounds: " + counts);
        }
    }

    @Test
    void releaseCountsAConnectionOutWhereverItWasAndClosesIt() {
        IdleConnectionPool pool = new IdleConnectionPool(-1);
        TestConnection inUse = used(pool, HASH);
        TestConnection waiting = used(pool, HASH);
        assertTrue(pool.putBack(waiting, true));
        pool.release(inUse);
        pool.releaseAll(List.of(waiting));
        assertEquals(0, pool.counts().used());
        assertEquals(0, pool.counts().waiting());
        assertEquals(1, inUse.closes.get());
        assertEquals(1, waiting.closes.get());
        pool.release(inUse);
        assertEquals(0, pool.counts().used(), "a second release counts nothing down");
    }
}
