package dev.shuttle.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The available list of an {@link IdleConnectionPool}: multiplexed connections in use that other
 * exchanges attach to while they have free stream slots (HAProxy's {@code avail_conns}), bounded by
 * the connection's stream limit and {@code max-reuse}, left on GOAWAY and errors, with the used
 * counter counting each connection once and back to 0 on every path that frees one.
 */
@Timeout(20)
class AvailableConnectionsTest {
    private static final long HASH = 7;

    /** A multiplexed connection: {@code capacity} streams at once (0 after a GOAWAY), {@code maxReuse} as the server's. */
    private static final class Multiplexed extends PooledConnection {
        volatile int capacity;
        final int maxReuse;
        final AtomicInteger closes = new AtomicInteger();

        Multiplexed(int capacity, int maxReuse) {
            super(HASH);
            this.capacity = capacity;
            this.maxReuse = maxReuse;
        }

        @Override
        protected int freeStreams(int users, int started) {
            long free = (long) capacity - users;
            if (maxReuse >= 0) {
                free = Math.min(free, (long) maxReuse + 1 - started);
            }
            return (int) Math.max(0, free);
        }

        @Override
        public boolean stillUsable(long waitMillis) {
            return capacity > 0;
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    private static Multiplexed opened(IdleConnectionPool pool, int capacity, int maxReuse) {
        Multiplexed connection = new Multiplexed(capacity, maxReuse);
        pool.register(connection);
        assertTrue(pool.share(connection));
        return connection;
    }

    @Test
    void exchangesAttachUpToTheStreamLimitAndTheConnectionIsCountedOnce() {
        IdleConnectionPool pool = new IdleConnectionPool(-1);
        Multiplexed connection = opened(pool, 4, -1);
        for (int i = 2; i <= 4; i++) {
            assertSame(connection, pool.takeAvailable(HASH), "exchange " + i + " attaches");
            assertEquals(i, pool.users(connection));
        }
        assertEquals(0, pool.availableCount(), "full: off the available list");
        assertNull(pool.takeAvailable(HASH));
        assertEquals(1, pool.counts().used(), "one connection, whatever its streams");

        assertFalse(pool.detach(connection), "others still use it");
        assertEquals(1, pool.availableCount(), "a slot free again: back on the list");
        assertSame(connection, pool.takeAvailable(HASH));
        for (int i = 0; i < 3; i++) {
            assertFalse(pool.detach(connection));
        }
        assertTrue(pool.detach(connection), "the last exchange leaves");
        assertTrue(pool.putBack(connection, true));
        assertEquals(0, pool.availableCount(), "an idle connection is not on the available list");
        assertEquals(new PoolCounts(0, 0, 1, 1, 1), pool.counts());
        assertNull(pool.takeAvailable(HASH));
    }

    @Test
    void aConnectionThatCannotOpenStreamsLeavesTheList() {
        IdleConnectionPool pool = new IdleConnectionPool(-1);
        Multiplexed connection = opened(pool, 10, -1);
        assertSame(connection, pool.takeAvailable(HASH));
        connection.capacity = 0; // a GOAWAY came
        assertNull(pool.takeAvailable(HASH));
        assertEquals(0, pool.availableCount(), "met without free streams: it left the list");
        assertFalse(pool.detach(connection));
        assertEquals(0, pool.availableCount(), "not put back without free streams");
        assertTrue(pool.detach(connection));
        pool.release(connection);
        assertEquals(new PoolCounts(0, 0, 0, 1, 1), pool.counts());
        assertEquals(1, connection.closes.get());
    }

    @Test
    void maxReuseBoundsTheStreamsAConnectionCarries() {
        IdleConnectionPool pool = new IdleConnectionPool(-1);
        Multiplexed connection = opened(pool, 100, 2); // max-reuse 2: three exchanges in all
        assertSame(connection, pool.takeAvailable(HASH));
        assertSame(connection, pool.takeAvailable(HASH));
        assertNull(pool.takeAvailable(HASH), "a fourth exchange would pass max-reuse");
        assertFalse(pool.detach(connection));
        assertNull(pool.takeAvailable(HASH), "streams ended do not give back reuses");
    }

    @Test
    void aConnectionThatCarriesOneExchangeAtATimeIsNeverShared() {
        IdleConnectionPool pool = new IdleConnectionPool(-1);
        TestConnection http1 = new TestConnection(HASH);
        pool.register(http1);
        assertFalse(pool.share(http1));
        assertNull(pool.takeAvailable(HASH));
        assertTrue(pool.detach(http1));
    }

    @Test
    void anErrorFreesTheConnectionOnceWhateverItsUsers() {
        IdleConnectionPool pool = new IdleConnectionPool(-1);
        Multiplexed connection = opened(pool, 10, -1);
        pool.takeAvailable(HASH);
        pool.takeAvailable(HASH);
        pool.release(connection); // one exchange's error closed it
        assertEquals(0, pool.counts().used(), "the used counter back to 0 (seed 000)");
        assertEquals(0, pool.availableCount());
        assertNull(pool.takeAvailable(HASH));
        assertTrue(pool.detach(connection), "the other exchanges find it released");
        pool.forget(connection);
        assertEquals(0, pool.counts().used(), "never counted down twice");
    }

    @Test
    void theLastExchangeToLeaveTakesTheConnectionOffTheListBeforeItGoesBack() {
        IdleConnectionPool pool = new IdleConnectionPool(-1);
        Multiplexed connection = opened(pool, 10, -1);
        assertTrue(pool.detach(connection), "its only user leaves");
        assertNull(pool.takeAvailable(HASH), "nobody attaches between the last detach and the put back");
        assertTrue(pool.putBack(connection, true));
        assertEquals(new PoolCounts(0, 0, 1, 1, 1), pool.counts());
    }

    @Test
    void unsharedConnectionsTakeNoMoreExchanges() {
        IdleConnectionPool pool = new IdleConnectionPool(-1);
        Multiplexed connection = opened(pool, 10, -1);
        pool.unshare(connection);
        assertNull(pool.takeAvailable(HASH));
        assertTrue(pool.detach(connection));
    }

    @Test
    void concurrentExchangesNeverPassTheLimitAndLeaveNothingCounted() throws Exception {
        IdleConnectionPool pool = new IdleConnectionPool(-1);
        Multiplexed connection = opened(pool, 4, -1);
        AtomicInteger inFlight = new AtomicInteger(1);
        AtomicInteger highest = new AtomicInteger(1);
        AtomicInteger attached = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 2000; i++) {
                    if (pool.takeAvailable(HASH) != null) {
                        attached.incrementAndGet();
                        highest.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                        inFlight.decrementAndGet();
                        assertFalse(pool.detach(connection), "the opener still uses it");
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertTrue(attached.get() > 0);
        assertTrue(highest.get() <= 4, "at most 4 streams at once, saw " + highest.get());
        assertEquals(1, pool.users(connection));
        assertTrue(pool.detach(connection));
        assertTrue(pool.putBack(connection, true));
        assertEquals(0, pool.counts().used());
        assertEquals(1, pool.counts().safe());
    }
}
