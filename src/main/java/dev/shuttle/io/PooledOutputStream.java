package dev.shuttle.io;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A buffered output stream whose buffer comes from a {@link BufferPool} when the first byte is
 * written and goes back when a flush empties it: a connection between two exchanges holds none.
 * Writes larger than the buffer go straight through. Owned by one connection's thread.
 */
public final class PooledOutputStream extends OutputStream {
    private final OutputStream out;
    private final BufferPool pool;
    private byte[] buffer;
    private int count;

    public PooledOutputStream(OutputStream out, BufferPool pool) {
        this.out = out;
        this.pool = pool;
    }

    @Override
    public void write(int b) throws IOException {
        if (buffer == null) {
            buffer = pool.acquire();
        } else if (count == buffer.length) {
            drain();
        }
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (length >= pool.bufferSize()) {
            drain();
            out.write(bytes, offset, length);
            return;
        }
        if (buffer == null) {
            buffer = pool.acquire();
        } else if (length > buffer.length - count) {
            drain();
        }
        System.arraycopy(bytes, offset, buffer, count, length);
        count += length;
    }

    /** Sends what is buffered, keeps the buffer. */
    private void drain() throws IOException {
        if (count > 0) {
            out.write(buffer, 0, count);
            count = 0;
        }
    }

    /** Sends what is buffered and gives the buffer back to the pool. */
    @Override
    public void flush() throws IOException {
        try {
            drain();
            out.flush();
        } finally {
            if (buffer != null && count == 0) {
                pool.release(buffer);
                buffer = null;
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            out.close();
        }
    }
}
