package dev.shuttle.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ReadDeadlinesTest {
    /** A watcher of this test's own, as the process makes one at start. */
    private static final ReadDeadlines DEADLINES = new ReadDeadlines();

    @Test
    @Timeout(5)
    void aReadPastItsDeadlineEndsAsAnExpiredEndOfStream() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
             Socket accepted = server.accept()) {
            long started = System.nanoTime();
            int read;
            boolean expired;
            try (ReadDeadlines.Watch watch = DEADLINES.register(accepted)) {
                watch.arm(started + 100_000_000L);
                read = accepted.getInputStream().read();
                expired = watch.disarm();
            }
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(-1, read);
            assertTrue(expired);
            assertTrue(elapsedMillis >= 100, "ended after " + elapsedMillis + " ms");
            // The output still works: a 408 or 504 can be sent after the timeout.
            accepted.getOutputStream().write('x');
            assertEquals('x', client.getInputStream().read());
        }
    }

    @Test
    @Timeout(5)
    void aReadThatGetsDataInTimeIsNotExpired() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
             Socket accepted = server.accept()) {
            client.getOutputStream().write('a');
            try (ReadDeadlines.Watch watch = DEADLINES.register(accepted)) {
                watch.arm(System.nanoTime() + 2_000_000_000L);
                assertEquals('a', accepted.getInputStream().read());
                assertFalse(watch.disarm());
            }
            // Closing the watch stops it: the socket still reads later.
            Thread.sleep(50);
            client.getOutputStream().write('b');
            assertEquals('b', accepted.getInputStream().read());
        }
    }

    @Test
    @Timeout(5)
    void aDisarmedDeadlineNeverFiresAndTheNextReadHasItsOwn() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
             Socket accepted = server.accept();
             ReadDeadlines.Watch watch = DEADLINES.register(accepted)) {
            client.getOutputStream().write('a');
            // 300 ms: the read of a byte already there must end before it, even on a loaded machine.
            watch.arm(System.nanoTime() + 300_000_000L);
            assertEquals('a', accepted.getInputStream().read());
            assertFalse(watch.disarm());
            Thread.sleep(400); // past the first deadline: nothing may fire now
            watch.arm(System.nanoTime() + 2_000_000_000L);
            client.getOutputStream().write('b');
            assertEquals('b', accepted.getInputStream().read());
            assertFalse(watch.disarm());
            long started = System.nanoTime();
            watch.arm(started + 50_000_000L);
            assertEquals(-1, accepted.getInputStream().read());
            assertTrue(watch.disarm());
            assertTrue(System.nanoTime() - started >= 50_000_000L);
        }
    }

    @Test
    @Timeout(5)
    void activityPushesAMovingDeadlineBackAndItsSilenceEndsTheRead() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
             Socket accepted = server.accept()) {
            Activity upload = new Activity();
            Thread toucher = Thread.ofVirtual().start(() -> {
                // Active for about 400 ms, four times the timeout, then silent.
                for (int i = 0; i < 8; i++) {
                    upload.touch();
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            long started = System.nanoTime();
            int read;
            boolean expired;
            try (ReadDeadlines.Watch watch = DEADLINES.register(accepted)) {
                watch.arm(upload, 100_000_000L);
                read = accepted.getInputStream().read();
                expired = watch.disarm();
            }
            toucher.join();
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(-1, read);
            assertTrue(expired);
            assertTrue(elapsedMillis >= 400, "ended after " + elapsedMillis + " ms, while still active");
        }
    }

    @Test
    @Timeout(5)
    void aSlowWaitsActionRunsOnceOnTheWatchersThread() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
             Socket accepted = server.accept();
             ReadDeadlines.Watch watch = DEADLINES.register(accepted)) {
            CountDownLatch ran = new CountDownLatch(1);
            AtomicInteger runs = new AtomicInteger();
            long started = System.nanoTime();
            watch.whenSlow(50_000_000L, () -> {
                runs.incrementAndGet();
                ran.countDown();
            });
            ran.await();
            assertTrue(System.nanoTime() - started >= 50_000_000L, "not before its delay");
            Thread.sleep(3 * ReadDeadlines.TICK_MILLIS); // more ticks: it does not run again
            assertEquals(1, runs.get());
        }
    }

    @Test
    @Timeout(5)
    void aWaitThatEndsInTimeRunsNoSlowAction() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
             Socket accepted = server.accept();
             ReadDeadlines.Watch watch = DEADLINES.register(accepted);
             ReadDeadlines.Watch other = DEADLINES.register(client)) {
            AtomicInteger runs = new AtomicInteger();
            watch.whenSlow(50_000_000L, runs::incrementAndGet);
            watch.notSlow();
            // Another watch's later action runs: the watcher went past the first's delay, without running it.
            CountDownLatch later = new CountDownLatch(1);
            other.whenSlow(60_000_000L, later::countDown);
            later.await();
            assertEquals(0, runs.get());
        }
    }
}
