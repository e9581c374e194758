package dev.shuttle.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An idle connection's next read on a socket the readiness poller tracks: it waits without a
 * buffer, then reads what came into a pooled buffer in one read, and gives that buffer back when
 * the read finds the end or fails (no small array of its own kept per idle connection).
 */
class InputBufferIdleReadTest {
    private static final ReadinessPoller POLLER = ReadinessPoller.start();
    private static final int BUFFER_SIZE = 4096;

    private ServerSocketChannel listener;
    private Socket accepted;
    private Socket peer;
    private BufferPool pool;
    private ReadReadiness readiness;

    @BeforeEach
    void connect() throws IOException {
        listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        peer = new Socket(InetAddress.getLoopbackAddress(), ((InetSocketAddress) listener.getLocalAddress()).getPort());
        accepted = listener.accept().socket();
        pool = new BufferPool(BUFFER_SIZE, 4);
        pool.release(new byte[BUFFER_SIZE]);
        readiness = POLLER.track(accepted, true);
        assertTrue(readiness.tracked());
    }

    @AfterEach
    void close() throws IOException {
        readiness.close();
        peer.close();
        accepted.close();
        listener.close();
    }

    @Test
    void whatCameWhileIdleIsReadWholeIntoAPooledBuffer() throws Exception {
        InputBuffer input = new InputBuffer(accepted.getInputStream(), pool);
        byte[] request = new byte[3000]; // more than an untracked idle read's small array takes at once
        Arrays.fill(request, (byte) 'a');
        peer.getOutputStream().write(request);
        waitUntilAvailable(accepted.getInputStream(), request.length);
        CompletableFuture<Integer> read = fillOnVirtualThread(input);
        assertEquals(request.length, read.get(10, TimeUnit.SECONDS));
        assertEquals(0, pool.pooled(), "the bytes are in the pooled buffer");
        assertEquals(BUFFER_SIZE, input.array().length);
        input.consume(request.length);
        input.releaseIfEmpty();
        assertEquals(1, pool.pooled(), "back in the pool once read");
    }

    @Test
    void waitingHoldsNoPooledBuffer() throws Exception {
        InputBuffer input = new InputBuffer(accepted.getInputStream(), pool);
        Thread[] reader = new Thread[1];
        CompletableFuture<Integer> read = new CompletableFuture<>();
        reader[0] = Thread.ofVirtual().start(() -> complete(read, input));
        waitUntilWaiting(reader[0]);
        assertEquals(1, pool.pooled(), "nothing taken while the socket is empty");
        peer.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes());
        assertEquals(18, read.get(10, TimeUnit.SECONDS));
    }

    @Test
    void theEndGivesTheBufferBack() throws Exception {
        InputBuffer input = new InputBuffer(accepted.getInputStream(), pool);
        CompletableFuture<Integer> read = fillOnVirtualThread(input);
        peer.shutdownOutput();
        assertEquals(-1, read.get(10, TimeUnit.SECONDS));
        assertTrue(input.isExhausted());
        assertEquals(1, pool.pooled());
    }

    @Test
    void aResetGivesTheBufferBack() throws Exception {
        InputBuffer input = new InputBuffer(accepted.getInputStream(), pool);
        CompletableFuture<Integer> read = fillOnVirtualThread(input);
        peer.setSoLinger(true, 0);
        peer.close();
        ExecutionException failure = assertThrows(ExecutionException.class, () -> read.get(10, TimeUnit.SECONDS));
        assertTrue(failure.getCause() instanceof IOException, failure.getCause().toString());
        assertTrue(input.readFailed());
        assertEquals(1, pool.pooled());
    }

    private CompletableFuture<Integer> fillOnVirtualThread(InputBuffer input) {
        CompletableFuture<Integer> read = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> complete(read, input));
        return read;
    }

    private void complete(CompletableFuture<Integer> read, InputBuffer input) {
        try {
            read.complete(input.fill(readiness));
        } catch (Throwable e) {
            read.completeExceptionally(e);
        }
    }

    private static void waitUntilWaiting(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(Thread.State.WAITING, thread.getState());
    }

    private static void waitUntilAvailable(InputStream in, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (in.available() < count && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(count, in.available());
    }
}
