package dev.shuttle.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReadinessPollerTest {
    /** A poller of this test's own, as the process starts one. */
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
    void theTestJvmOpensWhatThePollerNeeds() {
        assertTrue(POLLER.enabled(), "surefire's argLine opens the same packages as scripts/shuttle");
    }

    @Test
    void tracksTcpSocketsOfBothKinds() {
        ReadReadiness channelSocket = POLLER.track(accepted);
        ReadReadiness plainSocket = POLLER.track(peer);
        try {
            assertTrue(channelSocket.tracked(), "a socket accepted through a channel");
            assertTrue(plainSocket.tracked(), "a plain java.net.Socket");
        } finally {
            channelSocket.close();
            plainSocket.close();
        }
    }

    @Test
    void leavesUnixDomainSocketsUntracked() throws Exception {
        Path path = Files.createTempDirectory("readiness").resolve("s.sock");
        try (ServerSocketChannel unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            unix.bind(UnixDomainSocketAddress.of(path));
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
                // The Socket face Shuttle gives unix-domain channels (net.ChannelBridge).
                Class<?> impl = Class.forName("sun.nio.ch.SocketChannelImpl");
                Method create = Class.forName("sun.nio.ch.SocketAdaptor").getDeclaredMethod("create", impl);
                create.setAccessible(true);
                Socket socket = (Socket) create.invoke(null, client);
                assertFalse(POLLER.track(socket).tracked(), "a short read proves nothing there");
            }
        } finally {
            Files.deleteIfExists(path);
        }
    }

    @Test
    void leavesClosedAndForeignSocketsUntracked() throws IOException {
        Socket closed = new Socket();
        closed.close();
        assertFalse(POLLER.track(closed).tracked());
        try (Socket foreign = new Socket() { }) {
            assertFalse(POLLER.track(foreign).tracked(), "another implementation than the JDK's");
        }
    }

    @Test
    void aReadThatEmptiedTheSocketWaitsForTheNextBytes() throws Exception {
        ReadReadiness readiness = POLLER.track(accepted);
        InputBuffer input = new InputBuffer(accepted.getInputStream(), 4096);
        try {
            send("GET / HTTP/1.1\r\n");
            assertEquals(16, input.fill(readiness), "fewer bytes than asked: the socket is now empty");
            CompletableFuture<Integer> next = fillInAVirtualThread(input, readiness);
            assertThrows(TimeoutException.class, () -> next.get(200, TimeUnit.MILLISECONDS), "nothing came yet");
            send("\r\n");
            assertEquals(2, next.get(5, TimeUnit.SECONDS));
            assertEquals("GET / HTTP/1.1\r\n\r\n", new String(input.array(), input.start(), input.buffered(), StandardCharsets.US_ASCII));
        } finally {
            readiness.close();
        }
    }

    @Test
    void knowsTheSocketEmptyUntilTheNextEdge() throws Exception {
        ReadReadiness readiness = POLLER.track(accepted);
        InputBuffer input = new InputBuffer(accepted.getInputStream(), 4096);
        try {
            assertFalse(readiness.knownEmpty(), "no read yet: nothing known");
            send("HTTP/1.1 200 OK\r\n\r\n");
            // The read must start after the poller counted the bytes' edge: a read that ran
            // first is followed by an edge, which rightly makes the socket not known empty.
            long counted = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (readiness.edges() == 0 && System.nanoTime() < counted) {
                Thread.sleep(1);
            }
            assertEquals(19, input.fill(readiness));
            assertTrue(readiness.knownEmpty(), "a short read took everything and nothing came since");
            send("x");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (readiness.knownEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertFalse(readiness.knownEmpty(), "the poller counted the byte that came");
            readiness.readReturned(readiness.edges(), 100, 100);
            assertFalse(readiness.knownEmpty(), "a read that filled what it asked proves nothing");
            readiness.readReturned(readiness.edges(), 1, 100);
            readiness.close();
            assertFalse(readiness.knownEmpty(), "closed");
        } finally {
            readiness.close();
        }
        assertFalse(ReadReadiness.UNTRACKED.knownEmpty(), "untracked sockets are never known empty");
    }

    @Test
    void aReadThatFilledWhatItAskedDoesNotWait() throws Exception {
        ReadReadiness readiness = POLLER.track(accepted);
        try {
            readiness.readReturned(readiness.edges(), 100, 100);
            readiness.awaitReadable(); // would park forever if it waited for an edge
            readiness.readReturned(readiness.edges(), -1, 100);
            readiness.awaitReadable(); // an end of stream is not an empty socket either
            int large = ReadReadiness.LARGEST_TRUSTED_READ * 4;
            readiness.readReturned(readiness.edges(), 128 * 1024, large);
            readiness.awaitReadable(); // the JDK reads at most 128 KiB at once: bytes may be left
        } finally {
            readiness.close();
        }
    }

    @Test
    void thePeersShutdownWakesTheReaderWithAnEndOfStream() throws Exception {
        ReadReadiness readiness = POLLER.track(accepted);
        InputBuffer input = new InputBuffer(accepted.getInputStream(), 4096);
        try {
            CompletableFuture<Integer> next = readAfterAnEmptyingRead(input, readiness);
            peer.shutdownOutput();
            assertEquals(-1, next.get(5, TimeUnit.SECONDS));
        } finally {
            readiness.close();
        }
    }

    @Test
    void bytesAndTheFinSeenBeforeTheReadDoNotMakeItWait() throws Exception {
        // A client that sends a partial head and closes at once: the bytes and the FIN may be
        // counted as edges before the owner notes the count, the short read takes the bytes, and
        // no edge is left to come. The poller's note of the peer's end must let the next read see it.
        ReadReadiness readiness = POLLER.track(accepted);
        InputBuffer input = new InputBuffer(accepted.getInputStream(), 4096);
        try {
            send("GET / HT");
            peer.shutdownOutput();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (readiness.edges() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(1); // the poller counts the bytes and the FIN, in one edge or two
            }
            Thread.sleep(50); // and a second edge, if the FIN came apart from the bytes
            assertEquals(8, input.fill(readiness), "a short read: by the rule, the socket looks empty");
            CompletableFuture<Integer> next = fillInAVirtualThread(input, readiness);
            assertEquals(-1, next.get(5, TimeUnit.SECONDS), "the end of stream, at once, not after a timeout");
        } finally {
            readiness.close();
        }
    }

    @Test
    void shuttingTheInputDownWakesTheReader() throws Exception {
        // What the deadline watcher does when a head read's time is up (ReadDeadlines).
        ReadReadiness readiness = POLLER.track(accepted);
        InputBuffer input = new InputBuffer(accepted.getInputStream(), 4096);
        try {
            CompletableFuture<Integer> next = readAfterAnEmptyingRead(input, readiness);
            assertThrows(TimeoutException.class, () -> next.get(100, TimeUnit.MILLISECONDS));
            accepted.shutdownInput();
            assertEquals(-1, next.get(5, TimeUnit.SECONDS));
        } finally {
            readiness.close();
        }
    }

    @Test
    void aCloseByAnotherThreadWakesTheReader() throws Exception {
        // A supervisor aborting a session closes its sockets; no edge comes for a closed socket.
        ReadReadiness readiness = POLLER.track(accepted);
        InputBuffer input = new InputBuffer(accepted.getInputStream(), 4096);
        CompletableFuture<Integer> next = readAfterAnEmptyingRead(input, readiness);
        assertThrows(TimeoutException.class, () -> next.get(100, TimeUnit.MILLISECONDS));
        accepted.close();
        ExecutionException failed = assertThrows(ExecutionException.class, () -> next.get(5, TimeUnit.SECONDS));
        assertTrue(failed.getCause() instanceof IOException, failed.getCause().toString());
    }

    @Test
    void closingTheReadinessWakesTheReader() throws Exception {
        ReadReadiness readiness = POLLER.track(accepted);
        InputBuffer input = new InputBuffer(accepted.getInputStream(), 4096);
        CompletableFuture<Integer> next = readAfterAnEmptyingRead(input, readiness);
        assertThrows(TimeoutException.class, () -> next.get(100, TimeUnit.MILLISECONDS));
        readiness.close();
        send("y"); // the read then goes the JDK's way and finds it
        assertEquals(1, next.get(5, TimeUnit.SECONDS));
    }

    @Test
    void socketsWithHighDescriptorNumbersAreTrackedToo() throws Exception {
        // The poller's table starts with 1,024 slots and grows: hold enough descriptors open
        // that the next sockets get numbers past it.
        List<FileChannel> held = new ArrayList<>();
        try {
            for (int i = 0; i < 1100; i++) {
                held.add(FileChannel.open(Path.of("/dev/null")));
            }
            try (ServerSocketChannel high = ServerSocketChannel.open()) {
                high.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                try (Socket client = new Socket(InetAddress.getLoopbackAddress(), ((InetSocketAddress) high.getLocalAddress()).getPort());
                     Socket server = high.accept().socket()) {
                    ReadReadiness readiness = POLLER.track(server);
                    InputBuffer input = new InputBuffer(server.getInputStream(), 4096);
                    try {
                        assertTrue(readiness.tracked());
                        assertTrue(readiness.fd() > 1024, "descriptor " + readiness.fd());
                        client.getOutputStream().write('a');
                        assertEquals(1, input.fill(readiness));
                        CompletableFuture<Integer> next = fillInAVirtualThread(input, readiness);
                        client.getOutputStream().write('b');
                        assertEquals(1, next.get(5, TimeUnit.SECONDS), "the edge reached the owner");
                    } finally {
                        readiness.close();
                    }
                }
            }
        } finally {
            for (FileChannel channel : held) {
                channel.close();
            }
        }
    }

    @Test
    void untrackedReadsNeverWait() throws Exception {
        InputBuffer input = new InputBuffer(accepted.getInputStream(), 4096);
        send("ab");
        assertEquals(2, input.fill(ReadReadiness.UNTRACKED));
        ReadReadiness.UNTRACKED.readReturned(0, 1, 100);
        ReadReadiness.UNTRACKED.awaitReadable();
        assertFalse(ReadReadiness.UNTRACKED.tracked());
    }

    @Test
    void aResetRunsTheFailureHookButAFinDoesNot() throws Exception {
        ReadReadiness readiness = POLLER.track(accepted);
        CompletableFuture<Thread> hook = new CompletableFuture<>();
        try {
            assertTrue(readiness.onPeerFailure(() -> hook.complete(Thread.currentThread())));
            int before = readiness.edges();
            peer.shutdownOutput(); // a FIN: the client may still read its response
            while (readiness.edges() == before) {
                Thread.onSpinWait(); // until the poller took the FIN's edge
            }
            assertFalse(hook.isDone(), "a FIN is no failure");
            assertFalse(readiness.peerFailed());
            peer.setSoLinger(true, 0);
            peer.close(); // a reset
            hook.get(5, TimeUnit.SECONDS);
            assertTrue(readiness.peerFailed());
        } finally {
            readiness.close();
        }
    }

    @Test
    void aHookSetAfterTheResetRunsAtOnceAndAStoppedOneNever() throws Exception {
        ReadReadiness readiness = POLLER.track(accepted);
        try {
            List<String> runs = new ArrayList<>();
            assertTrue(readiness.onPeerFailure(() -> runs.add("stopped")));
            readiness.stopWatchingFailure();
            peer.setSoLinger(true, 0);
            peer.close();
            while (!readiness.peerFailed()) {
                Thread.onSpinWait();
            }
            assertTrue(readiness.onPeerFailure(() -> runs.add("late")));
            assertEquals(List.of("late"), runs, "the late hook ran on this thread, once; the stopped one never");
        } finally {
            readiness.close();
        }
    }

    @Test
    void anUntrackedSocketNeverRunsTheHook() {
        assertFalse(ReadReadiness.UNTRACKED.onPeerFailure(() -> {
            throw new AssertionError("never");
        }));
    }

    private void send(String text) throws IOException {
        OutputStream out = peer.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads one byte, which empties the socket, then starts the next read in a virtual thread. */
    private CompletableFuture<Integer> readAfterAnEmptyingRead(InputBuffer input, ReadReadiness readiness)
            throws IOException {
        send("x");
        assertEquals(1, input.fill(readiness));
        return fillInAVirtualThread(input, readiness);
    }

    private static CompletableFuture<Integer> fillInAVirtualThread(InputBuffer input, ReadReadiness readiness) {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                result.complete(input.fill(readiness));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }
}
