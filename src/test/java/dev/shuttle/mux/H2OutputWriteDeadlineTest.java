package dev.shuttle.mux;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.h2.H2ErrorCode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The write deadline: a peer that never reads (its TCP window closes) cannot hold the writer, nor
 * the threads waiting for it, past the deadline; they fail as timeouts and the connection is aborted.
 * The assertions are on outcomes only; the generous waits bound a broken implementation.
 */
class H2OutputWriteDeadlineTest {
    /** Writes PING acknowledgements until one blocks; returns the failure that ended the loop. */
    private static Throwable flood(H2Output output) {
        try {
            for (long i = 0; ; i++) {
                output.pingAck(i);
            }
        } catch (IOException e) {
            return e;
        }
    }

    @Test
    void aPeerThatNeverReadsEndsTheBlockedWriteAndTheWaitingOnesAsTimeouts() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket socket = new Socket()) {
            socket.setSendBufferSize(4096);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()));
            try (Socket peer = listener.accept()) { // accepted, never read
                AtomicBoolean aborted = new AtomicBoolean();
                H2Output output = new H2Output(new BufferedOutputStream(socket.getOutputStream(), 1024));
                output.writeDeadline(300, () -> {
                    aborted.set(true);
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // closing is the point
                    }
                });
                CompletableFuture<Throwable> writer = CompletableFuture.supplyAsync(() -> flood(output),
                        command -> Thread.ofVirtual().start(command));
                // Another stream's thread wants the writer meanwhile: it must not wait forever either.
                CountDownLatch other = new CountDownLatch(1);
                CompletableFuture<Throwable> waiting = new CompletableFuture<>();
                Thread.ofVirtual().start(() -> {
                    other.countDown();
                    try {
                        while (true) {
                            output.resetStream(3, H2ErrorCode.CANCEL);
                        }
                    } catch (IOException e) {
                        waiting.complete(e);
                    }
                });
                other.await();
                Throwable blocked = writer.get(30, TimeUnit.SECONDS);
                Throwable second = waiting.get(30, TimeUnit.SECONDS);
                assertTrue(aborted.get(), "the connection is aborted");
                assertTrue(output.writeTimedOut());
                assertInstanceOf(H2WriteTimeout.class, blocked, String.valueOf(blocked));
                assertInstanceOf(H2WriteTimeout.class, second, String.valueOf(second));
                assertInstanceOf(H2WriteTimeout.class, flood(output), "later writes fail as timeouts too");
            }
        }
    }

    @Test
    void writesThatGoOutInTimeAreNotAborted() throws Exception {
        AtomicBoolean aborted = new AtomicBoolean();
        H2Output output = new H2Output(OutputStream.nullOutputStream());
        output.writeDeadline(50, () -> aborted.set(true));
        for (int i = 0; i < 100; i++) {
            output.pingAck(i);
        }
        Thread.sleep(200); // idle past the deadline: no write is in progress, nothing to abort
        output.pingAck(1);
        assertFalse(aborted.get());
        assertFalse(output.writeTimedOut());
        output.close();
    }

    @Test
    void withoutATimeoutThereIsNoWatchdog() throws Exception {
        H2Output output = new H2Output(OutputStream.nullOutputStream());
        output.writeDeadline(0, () -> { throw new AssertionError("no deadline"); });
        output.pingAck(1);
        assertFalse(output.writeTimedOut());
        assertNotNull(output);
    }

}
