package dev.shuttle.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link RateLimit}: when an acceptor must wait, and for how long, against a rate the test sets. */
class RateLimitTest {
    private final AtomicLong rate = new AtomicLong();

    @Test
    void noLimitNeverWaits() {
        RateLimit limit = new RateLimit(0, rate::get);
        rate.set(1_000_000);
        assertEquals(0, limit.waitMillis());
        assertEquals(0, limit.limit());
    }

    @Test
    void waitsOnlyOnceTheRateHasReachedTheLimit() {
        RateLimit limit = new RateLimit(10, rate::get);
        rate.set(9);
        assertEquals(0, limit.waitMillis(), "one more event fits in the second");
        rate.set(10);
        assertEquals(100, limit.waitMillis(), "one event's time at 10 a second");
        rate.set(50);
        assertEquals(100, limit.waitMillis());
    }

    @Test
    void theWaitStaysBetweenOneAndAHundredMilliseconds() {
        rate.set(Long.MAX_VALUE);
        assertEquals(1, new RateLimit(5000, rate::get).waitMillis());
        assertEquals(100, new RateLimit(1, rate::get).waitMillis(), "a slow limit is re-read often");
    }

    @Test
    void theRuntimeApiChangesOrLiftsTheLimitAtOnce() {
        RateLimit limit = new RateLimit(2, rate::get);
        rate.set(5);
        assertTrue(limit.waitMillis() > 0);
        limit.setLimit(6);
        assertEquals(6, limit.limit());
        assertEquals(0, limit.waitMillis());
        limit.setLimit(0);
        rate.set(1000);
        assertEquals(0, limit.waitMillis(), "0 lifts the limit");
        limit.setLimit(-3);
        assertEquals(0, limit.limit(), "a negative limit is none");
    }

    @Test
    @Timeout(5)
    void awaitRoomReturnsOnceTheRateDrops() throws InterruptedException {
        RateLimit limit = new RateLimit(1, rate::get);
        rate.set(3);
        Thread dropper = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                return;
            }
            rate.set(0);
        });
        long start = System.nanoTime();
        limit.awaitRoom();
        assertTrue(System.nanoTime() - start >= 100_000_000L, "it waited for the rate to drop");
        dropper.join();
    }

    @Test
    void processRatesCountEveryAcceptedConnectionAsAConnectionAndASession() {
        ProcessRates rates = new ProcessRates(2, 3);
        assertEquals(0, rates.connectionLimit().waitMillis());
        rates.accepted();
        rates.accepted();
        assertTrue(rates.connectionLimit().waitMillis() > 0, "two connections in this second reach maxconnrate 2");
        assertEquals(0, rates.sessionLimit().waitMillis(), "two sessions stay below maxsessrate 3");
        rates.accepted();
        assertTrue(rates.sessionLimit().waitMillis() > 0);
    }
}
