package dev.shuttle.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ReadinessPoller#track(Socket, boolean)} with {@code waitForFirstEdge}: the first read of a
 * socket where nothing is expected yet waits for the poller's first edge, and still finds what
 * came before the socket joined the set (the kernel reports it as an edge of the {@code ADD}).
 */
class ReadinessFirstEdgeTest {
    private static final ReadinessPoller POLLER = ReadinessPoller.start();

    private ServerSocketChannel listener;
    private Socket accepted;
    private Socket peer;

    @BeforeEach
    void connect() throws IOException {
        listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        peer = new Socket(InetAddress.getLoopbackAddress(), ((InetSocketAddress) listener.getLocalAddress()).getPort());
        accepted = listener.accept().socket();
    }

    @AfterEach
    void close() throws IOException {
        peer.close();
        accepted.close();
        listener.close();
    }

    @Test
    void nothingSentYetIsKnownEmptyAndTheFirstBytesWakeTheOwner() throws Exception {
        ReadReadiness readiness = POLLER.track(accepted, true);
        try {
            assertTrue(readiness.tracked());
            assertTrue(readiness.knownEmpty(), "no edge yet: the first read would fail");
            CompletableFuture<String> read = readOnVirtualThread(readiness);
            peer.getOutputStream().write("late".getBytes(StandardCharsets.US_ASCII));
            assertEquals("late", read.get(10, TimeUnit.SECONDS));
        } finally {
            readiness.close();
        }
    }

    @Test
    void bytesThatCameBeforeTheSocketJoinedAreAnEdge() throws Exception {
        peer.getOutputStream().write("early".getBytes(StandardCharsets.US_ASCII));
        peer.getOutputStream().flush();
        waitUntilAvailable(accepted.getInputStream(), 5);
        ReadReadiness readiness = POLLER.track(accepted, true);
        try {
            assertEquals("early", readOnVirtualThread(readiness).get(10, TimeUnit.SECONDS));
        } finally {
            readiness.close();
        }
    }

    @Test
    void anEndThatCameBeforeTheSocketJoinedIsSeen() throws Exception {
        peer.shutdownOutput();
        ReadReadiness readiness = POLLER.track(accepted, true);
        try {
            CompletableFuture<Integer> read = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    readiness.awaitReadable();
                    read.complete(accepted.getInputStream().read());
                } catch (Throwable e) {
                    read.completeExceptionally(e);
                }
            });
            assertEquals(-1, read.get(10, TimeUnit.SECONDS));
            assertFalse(readiness.knownEmpty());
        } finally {
            readiness.close();
        }
    }

    @Test
    void withoutTheFlagTheFirstReadTriesItsLuck() {
        ReadReadiness readiness = POLLER.track(accepted, false);
        try {
            assertFalse(readiness.knownEmpty(), "nothing known before the first read");
        } finally {
            readiness.close();
        }
    }

    /** Waits as a head read does (the readiness, then one read), on a virtual thread. */
    private CompletableFuture<String> readOnVirtualThread(ReadReadiness readiness) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                readiness.awaitReadable();
                byte[] buffer = new byte[64];
                int edgesBefore = readiness.edges();
                int count = accepted.getInputStream().read(buffer);
                readiness.readReturned(edgesBefore, count, buffer.length);
                result.complete(new String(buffer, 0, Math.max(count, 0), StandardCharsets.US_ASCII));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private static void waitUntilAvailable(InputStream in, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (in.available() < count && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(count, in.available());
    }
}
