package dev.shuttle.mux;

import dev.shuttle.http.HeaderList;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The DATA of one HTTP/2 stream on its way from the connection's reader to the stream's thread:
 * the reader offers each frame's payload, the stream reads it as an {@link InputStream}. It never
 * holds more than the stream's receive window, because the peer may not send more (RFC 9113
 * §5.2); as the stream consumes bytes, {@link Credit} gives the window back with WINDOW_UPDATEs.
 * The end of the stream (END_STREAM) is the input's end; a reset or a broken connection is an
 * {@link IOException} at the next read.
 */
final class H2InboundBody extends InputStream implements ClientFailureWatch.Source {
    /** Gives consumed bytes back to the peer's windows. */
    interface Credit {
        void consumed(int bytes) throws IOException;
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    // Guarded by: lock
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    // Guarded by: lock
    private int offsetInFirst;
    // Guarded by: lock
    private boolean ended;
    // Guarded by: lock
    private IOException failure;
    // Guarded by: lock
    private long received;
    /** Why the client left the stream (reset it, or its connection ended), even after its body ended. */
    // Guarded by: lock
    private IOException abandoned;
    /** What runs once when the client leaves ({@link #onPeerFailure}). */
    // Guarded by: lock
    private Runnable abandonHook;
    private final Credit credit;
    private volatile long timeoutMillis;
    /** The trailer fields that ended the body, set by the reader before {@link #end()}; null when none came. */
    private volatile HeaderList trailers;

    H2InboundBody(Credit credit) {
        this.credit = credit;
    }

    /** How long a read waits for DATA (0: no limit). */
    void timeout(long millis) {
        timeoutMillis = millis;
    }

    /** A DATA payload arrived (the reader's thread). */
    void offer(byte[] data) {
        lock.lock();
        try {
            if (data.length > 0) {
                chunks.add(data);
                received += data.length;
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The HEADERS that ended the body carried these trailer fields (the reader's thread, before {@link #end()}). */
    void trailers(HeaderList fields) {
        trailers = fields;
    }

    /** The trailer fields, once the body ended with some; null otherwise. */
    HeaderList trailers() {
        return trailers;
    }

    /** END_STREAM arrived. */
    void end() {
        lock.lock();
        try {
            ended = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The stream was reset or the connection broke: the next read fails with {@code cause}. */
    void fail(IOException cause) {
        lock.lock();
        try {
            if (!ended && failure == null) {
                failure = cause;
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The client left the stream ({@code cause}: its RST_STREAM, its connection's end or error),
     * whether or not its body had ended: a watch of the stream runs now. First cause kept.
     */
    void abandoned(IOException cause) {
        Runnable hook;
        lock.lock();
        try {
            if (abandoned != null) {
                return;
            }
            abandoned = cause;
            hook = abandonHook;
            abandonHook = null;
        } finally {
            lock.unlock();
        }
        if (hook != null) {
            hook.run();
        }
    }

    @Override
    public boolean onPeerFailure(Runnable hook) {
        lock.lock();
        try {
            if (abandoned == null) {
                abandonHook = hook;
                return true;
            }
        } finally {
            lock.unlock();
        }
        hook.run();
        return true;
    }

    @Override
    public void stopWatchingFailure() {
        lock.lock();
        try {
            abandonHook = null;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public IOException pendingFailure() {
        lock.lock();
        try {
            return abandoned;
        } finally {
            lock.unlock();
        }
    }

    /** Payload bytes received so far. */
    long received() {
        lock.lock();
        try {
            return received;
        } finally {
            lock.unlock();
        }
    }

    boolean hasEnded() {
        lock.lock();
        try {
            return ended;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int count = read(one, 0, 1);
        return count < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int count;
        lock.lock();
        try {
            long deadline = timeoutMillis > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis) : 0;
            while (chunks.isEmpty()) {
                if (failure != null) {
                    throw failure;
                }
                if (ended) {
                    return -1;
                }
                awaitData(deadline);
            }
            byte[] first = chunks.peek();
            count = Math.min(length, first.length - offsetInFirst);
            System.arraycopy(first, offsetInFirst, target, offset, count);
            offsetInFirst += count;
            if (offsetInFirst == first.length) {
                chunks.poll();
                offsetInFirst = 0;
            }
        } finally {
            lock.unlock();
        }
        credit.consumed(count);
        return count;
    }

    @Override
    public int available() {
        lock.lock();
        try {
            int total = -offsetInFirst;
            for (byte[] chunk : chunks) {
                total += chunk.length;
            }
            return Math.max(0, total);
        } finally {
            lock.unlock();
        }
    }

    // Guarded by: lock (the caller holds it)
    private void awaitData(long deadline) throws IOException {
        try {
            if (deadline == 0) {
                arrived.await();
            } else if (arrived.awaitNanos(deadline - System.nanoTime()) <= 0 && chunks.isEmpty() && !ended
                    && failure == null) {
                throw new SocketTimeoutException("no DATA within the stream's timeout");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for DATA");
        }
    }
}
