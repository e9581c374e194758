package dev.shuttle.io;

import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A pool of I/O buffers of one size ({@code tune.bufsize}), so that a connection holds a buffer
 * only while it moves data: an idle keep-alive connection gives its buffers back, as HAProxy's
 * connections do, and ten thousand idle clients cost kilobytes rather than hundreds of megabytes.
 *
 * <p>Locking: {@link #lock} guards {@link #free}; it is held only to push or pop one array, never
 * across I/O. The pool keeps at most {@code maxPooled} arrays; beyond that, released arrays are
 * left to the garbage collector. No ThreadLocal: each virtual thread would get its own.
 */
public final class BufferPool {
    private final int bufferSize;
    private final int maxPooled;
    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by: lock
    private final ArrayDeque<byte[]> free = new ArrayDeque<>();

    public BufferPool(int bufferSize, int maxPooled) {
        this.bufferSize = bufferSize;
        this.maxPooled = maxPooled;
    }

    public int bufferSize() {
        return bufferSize;
    }

    /** A buffer of {@link #bufferSize()} bytes, from the pool or new. Its content is undefined. */
    public byte[] acquire() {
        byte[] buffer;
        lock.lock();
        try {
            buffer = free.pollFirst();
        } finally {
            lock.unlock();
        }
        return buffer != null ? buffer : new byte[bufferSize];
    }

    /** Gives a buffer back; the caller must not touch it afterwards. */
    public void release(byte[] buffer) {
        if (buffer.length != bufferSize) {
            return;
        }
        lock.lock();
        try {
            if (free.size() < maxPooled) {
                free.addFirst(buffer);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Buffers waiting in the pool (for tests and statistics). */
    public int pooled() {
        lock.lock();
        try {
            return free.size();
        } finally {
            lock.unlock();
        }
    }
}
