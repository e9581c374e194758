package dev.shuttle.mux;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.h1.H1Settings;
import dev.shuttle.io.BufferPool;
import dev.shuttle.io.IoServices;
import dev.shuttle.io.ReadDeadlines;
import dev.shuttle.io.ReadinessPoller;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link H1Connection#looksReusable}: what an idle server connection is asked before it is reused. */
@Timeout(10)
class H1ConnectionReuseTest {
    /** The I/O services of this test's own, as the process makes them at start. */
    private static final IoServices IO = new IoServices(new BufferPool(1024, 0), new ReadDeadlines(),
            ReadinessPoller.start());

    private static void sleepPastQuietPeriod() throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(2 * H1Connection.SPEAKS_AFTER_NANOS);
    }

    /** A loopback connection: the proxy's side as an idle H1 server connection, and the server's socket. */
    private static final class Loopback implements AutoCloseable {
        final Socket server;
        final H1Connection connection;
        private final ServerSocket listener;
        private final Socket socket;

        Loopback() throws Exception {
            listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            socket = new Socket(listener.getInetAddress(), listener.getLocalPort());
            server = listener.accept();
            connection = new H1Connection(socket, H1Settings.DEFAULTS, IO);
            connection.idle();
        }

        @Override
        public void close() throws Exception {
            try (listener; socket; server) {
                connection.close();
            }
        }
    }

    @Test
    void aQuietIdleConnectionIsReusable() throws Exception {
        try (Loopback loopback = new Loopback()) {
            assertTrue(loopback.connection.looksReusable(0), "just idle");
            sleepPastQuietPeriod();
            assertTrue(loopback.connection.looksReusable(0), "idle a while, nothing came");
            assertTrue(loopback.connection.looksReusable(20), "no end of stream within the wait either");
        }
    }

    @Test
    void bytesTheServerSentWhileIdleMakeItUnusable() throws Exception {
        try (Loopback loopback = new Loopback()) {
            loopback.server.getOutputStream().write("HTTP/1.1 408 Request Timeout\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            loopback.server.getOutputStream().flush();
            sleepPastQuietPeriod();
            assertFalse(loopback.connection.looksReusable(0), "the 408 is seen once the quiet period is over");
        }
    }

    @Test
    void bytesAfterATrackedResponseReadMakeItUnusable() throws Exception {
        try (Loopback loopback = new Loopback()) {
            serverSends(loopback, "HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n");
            loopback.connection.readResponse("GET", 5000);
            loopback.connection.idle();
            sleepPastQuietPeriod();
            assertTrue(loopback.connection.looksReusable(0), "the read took everything and nothing came since");
            serverSends(loopback, "HTTP/1.1 408 Request Timeout\r\n\r\n");
            sleepPastQuietPeriod();
            // The poller sees the bytes on its next turn, which a loaded machine may delay past the
            // quiet period: the connection must look unusable once it has, and stay so.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (loopback.connection.looksReusable(0) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(1);
            }
            assertFalse(loopback.connection.looksReusable(0), "the 408 that came after the response is seen");
        }
    }

    private static void serverSends(Loopback loopback, String text) throws Exception {
        loopback.server.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        loopback.server.getOutputStream().flush();
    }

    @Test
    void theCheckOfATrackedConnectionSeesTheServersCloseOnceThePollerHas() throws Exception {
        try (Loopback loopback = new Loopback()) {
            serverSends(loopback, "HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n");
            loopback.connection.readResponse("GET", 5000);
            loopback.connection.idle();
            assertTrue(loopback.connection.looksReusable(1000), "nothing came since the response: no wait needed");
            loopback.server.close();
            // The poller counts the FIN on its next turn, which a loaded machine may delay.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (loopback.connection.looksReusable(1000) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(1);
            }
            assertFalse(loopback.connection.looksReusable(1000), "the close is seen");
        }
    }

    @Test
    void anEndOfStreamShowsWithinTheWait() throws Exception {
        try (Loopback loopback = new Loopback()) {
            loopback.server.close();
            assertFalse(loopback.connection.looksReusable(1000), "the purger's check reads the close");
        }
    }
}
