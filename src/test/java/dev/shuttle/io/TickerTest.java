package dev.shuttle.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TickerTest {
    /** Tickers of one period run on one thread: one wake-up a tick for all of them. */
    @Test
    void tickersOfOnePeriodShareOneThread() throws InterruptedException {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch both = new CountDownLatch(2 * 5);
        Ticker first = new Ticker("first", 7, now -> { threads.add(Thread.currentThread()); both.countDown(); });
        Ticker second = new Ticker("second", 7, now -> { threads.add(Thread.currentThread()); both.countDown(); });
        first.ensureStarted();
        second.ensureStarted();
        first.ensureStarted(); // once only
        assertTrue(both.await(30, TimeUnit.SECONDS));
        assertEquals(1, threads.size());
        assertEquals("shuttle-ticks-7ms", threads.iterator().next().getName());
    }

    /** An action that throws neither stops its period's thread nor the other tickers on it. */
    @Test
    void aFailingActionRunsAgainAndDoesNotStopTheOthers() throws InterruptedException {
        AtomicInteger failures = new AtomicInteger();
        CountDownLatch ticks = new CountDownLatch(5);
        new Ticker("failing", 9, now -> {
            if (failures.get() < 3) { // then quiet: the thread lives as long as the test JVM
                failures.incrementAndGet();
                throw new IllegalStateException("test: a failing tick");
            }
        }).ensureStarted();
        new Ticker("counting", 9, now -> ticks.countDown()).ensureStarted();
        assertTrue(ticks.await(30, TimeUnit.SECONDS));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (failures.get() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(3, failures.get());
    }
}
