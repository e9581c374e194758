package dev.shuttle.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ReadDeadlinesTest {
    @Test
    @Timeout(5)
    void aReadPastItsDeadlineEndsAsAnExpiredEndOfStream() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
             Socket accepted = server.accept()) {
            long started = System.nanoTime();
            int read;
            boolean expired;
            try (ReadDeadlines.Watch watch = ReadDeadlines.SHARED.watch(accepted, started + 100_000_000L)) {
                read = accepted.getInputStream().read();
                expired = watch.expired();
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
            try (ReadDeadlines.Watch watch = ReadDeadlines.SHARED.watch(accepted, System.nanoTime() + 2_000_000_000L)) {
                assertEquals('a', accepted.getInputStream().read());
                assertFalse(watch.expired());
            }
            // Closing the watch stops it: the socket still reads later.
            Thread.sleep(50);
            client.getOutputStream().write('b');
            assertEquals('b', accepted.getInputStream().read());
        }
    }
}
