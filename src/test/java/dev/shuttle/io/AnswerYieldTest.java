package dev.shuttle.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AnswerYieldTest {
    @Test
    void yieldsWhileNoSubmissionWaits() {
        ForkJoinPool pool = new ForkJoinPool(1);
        try {
            assertTrue(AnswerYield.mayYield(pool));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void doesNotYieldWhileASubmissionWaitsForTheCarrier() throws Exception {
        ForkJoinPool pool = new ForkJoinPool(1);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            pool.execute(() -> {
                running.countDown();
                awaitQuietly(release);
            });
            assertTrue(running.await(5, TimeUnit.SECONDS));
            pool.execute(() -> { }); // the one worker is busy: this waits in the submission queue
            assertFalse(AnswerYield.mayYield(pool), "a waiting submission (the poller's wake-up) comes first");
            release.countDown();
            assertTrue(pool.awaitQuiescence(5, TimeUnit.SECONDS));
            assertTrue(AnswerYield.mayYield(pool));
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void withoutTheSchedulerNobodyYields() {
        assertFalse(AnswerYield.mayYield(null));
    }

    @Test
    void readsTheDefaultSchedulerWhenJavaLangIsOpen() {
        boolean open = Object.class.getModule().isOpen("java.lang", AnswerYield.class.getModule());
        assertTrue(AnswerYield.enabled() == open, "enabled exactly when java.lang is open to Shuttle");
    }

    @Test
    void aVirtualThreadGoesOnAfterTheYield() throws Exception {
        Thread virtual = Thread.ofVirtual().start(() -> AnswerYield.beforeRead(true));
        virtual.join(5_000);
        assertFalse(virtual.isAlive());
        AnswerYield.beforeRead(true); // a platform thread: no yield, returns at once
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
