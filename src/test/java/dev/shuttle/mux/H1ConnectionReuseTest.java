package dev.shuttle.mux;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.h1.H1Settings;
import dev.shuttle.io.BufferPool;
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
    private static void sleepPastQuietPeriod() throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(2 * H1Connection.SPEAKS_AFTER_NANOS);
    }

    @Test
    void aQuietIdleConnectionIsReusable() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket socket = new Socket(listener.getInetAddress(), listener.getLocalPort());
             Socket server = listener.accept()) {
            H1Connection connection = new H1Connection(socket, H1Settings.DEFAULTS, new BufferPool(1024, 0));
            connection.idle();
            assertTrue(connection.looksReusable(0), "just idle");
            sleepPastQuietPeriod();
            assertTrue(connection.looksReusable(0), "idle a while, nothing came");
            assertTrue(connection.looksReusable(20), "no end of stream within the wait either");
        }
    }

    @Test
    void bytesTheServerSentWhileIdleMakeItUnusable() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket socket = new Socket(listener.getInetAddress(), listener.getLocalPort());
             Socket server = listener.accept()) {
            H1Connection connection = new H1Connection(socket, H1Settings.DEFAULTS, new BufferPool(1024, 0));
            connection.idle();
            server.getOutputStream().write("HTTP/1.1 408 Request Timeout\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            server.getOutputStream().flush();
            sleepPastQuietPeriod();
            assertFalse(connection.looksReusable(0), "the 408 is seen once the quiet period is over");
        }
    }

    @Test
    void anEndOfStreamShowsWithinTheWait() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket socket = new Socket(listener.getInetAddress(), listener.getLocalPort())) {
            listener.accept().close();
            H1Connection connection = new H1Connection(socket, H1Settings.DEFAULTS, new BufferPool(1024, 0));
            connection.idle();
            assertFalse(connection.looksReusable(1000), "the purger's check reads the close");
        }
    }
}
