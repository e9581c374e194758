package dev.shuttle.io;

import java.io.EOFException;
import java.io.Flushable;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A read buffer over a blocking input stream: heads and chunk-size lines are parsed in place
 * from {@link #array()} between {@link #start()} and {@link #end()}, bodies are streamed through
 * without being held whole. The buffer's capacity is {@code tune.bufsize}, so a head larger than
 * what may be buffered is detected rather than read forever.
 *
 * <p>The buffer comes from a {@link BufferPool} and goes back to it when the connection is idle
 * ({@link #releaseIfEmpty()}); the next read takes a buffer again only when bytes arrive: on a
 * socket the readiness poller tracks it waits first and then reads into a pooled buffer, on an
 * untracked one it waits in a small array of its own. {@link #array()} is only meaningful while
 * bytes are buffered.
 *
 * <p>Owned by one connection's thread; not thread-safe.
 */
public final class InputBuffer {
    /** How much an idle connection reads before it takes a full buffer: most requests fit. */
    private static final int IDLE_READ_SIZE = 1024;

    private final InputStream in;
    private final BufferPool pool;
    private byte[] buffer;
    private byte[] idleRead;
    private int start;
    private int end;
    private boolean endOfStream;
    /** Whether a read failed other than by timing out (a reset): the peer's side broke, not the reader's. */
    private boolean readFailed;

    /** See {@link #consumed()}. */
    private long consumed;

    public InputBuffer(InputStream in, BufferPool pool) {
        this.in = in;
        this.pool = pool;
    }

    /** A buffer of its own, not pooled (tests, one-off reads). */
    public InputBuffer(InputStream in, int capacity) {
        this(in, new BufferPool(capacity, 0));
    }

    public byte[] array() {
        return buffer;
    }

    /** Gives the buffer back to the pool when nothing is buffered (between two requests). */
    public void releaseIfEmpty() {
        if (buffer != null && start == end) {
            pool.release(buffer);
            buffer = null;
            start = 0;
            end = 0;
        }
    }

    /** Index of the first unread byte. */
    public int start() {
        return start;
    }

    /** Index just past the last buffered byte. */
    public int end() {
        return end;
    }

    public int buffered() {
        return end - start;
    }

    public int capacity() {
        return pool.bufferSize();
    }

    /** Whether the peer has closed its side and every byte has been consumed. */
    public boolean isExhausted() {
        return endOfStream && start == end;
    }

    /** Whether a read from the stream failed other than by timing out (a reset): the side being read broke. */
    public boolean readFailed() {
        return readFailed;
    }

    /** Bytes marked as read since the buffer was made (a request's {@code %U} is a difference of two). */
    public long consumed() {
        return consumed;
    }

    /** Marks {@code count} buffered bytes as read. */
    public void consume(int count) {
        if (count < 0 || count > end - start) {
            throw new IllegalArgumentException("consume " + count + " of " + (end - start));
        }
        start += count;
        consumed += count;
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    /**
     * Reads more bytes after those buffered (blocking), moving buffered bytes to the front first
     * when the tail is full. Returns the number read, or -1 at end of stream; 0 means the buffer is
     * full and nothing could be read.
     */
    public int fill() throws IOException {
        return fill(ReadReadiness.UNTRACKED);
    }

    /**
     * {@link #fill()}, waiting first with {@code readiness} while the socket is known to be empty,
     * and telling it what the read found.
     */
    public int fill(ReadReadiness readiness) throws IOException {
        if (buffer == null) {
            return fillWhileReleased(readiness);
        }
        if (end == buffer.length && start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.length) {
            return 0;
        }
        int count = read(readiness, buffer, end, buffer.length - end);
        if (count < 0) {
            endOfStream = true;
            return -1;
        }
        end += count;
        return count;
    }

    /**
     * The first read after a release. On a socket the poller tracks, the wait comes first and the
     * read goes straight into a pooled buffer: the idle connection holds no array of its own. On
     * an untracked one (a new connection's first request, TLS) the read may block: it blocks in a
     * small array of its own, then takes a pooled buffer for what came.
     */
    private int fillWhileReleased(ReadReadiness readiness) throws IOException {
        if (readiness.tracked()) {
            return fillAfterWait(readiness);
        }
        if (idleRead == null) {
            idleRead = new byte[Math.min(IDLE_READ_SIZE, pool.bufferSize())];
        }
        int count = read(readiness, idleRead, 0, idleRead.length);
        if (count < 0) {
            endOfStream = true;
            return -1;
        }
        buffer = pool.acquire();
        System.arraycopy(idleRead, 0, buffer, 0, count);
        start = 0;
        end = count;
        return count;
    }

    /**
     * Waits with {@code readiness} until a read may find bytes, then reads into a buffer taken
     * from the pool, which goes back at once if the read finds the end or fails. A read that still
     * blocks after the wait (an edge whose bytes were taken by an earlier read) holds the buffer
     * while it blocks; it is the exception. The small array of an earlier untracked read is
     * dropped: a tracked socket stays tracked.
     */
    private int fillAfterWait(ReadReadiness readiness) throws IOException {
        idleRead = null;
        readiness.awaitReadable();
        byte[] taken = pool.acquire();
        int count;
        try {
            count = read(readiness, taken, 0, taken.length);
        } catch (IOException | RuntimeException e) {
            pool.release(taken);
            throw e;
        }
        if (count < 0) {
            pool.release(taken);
            endOfStream = true;
            return -1;
        }
        buffer = taken;
        start = 0;
        end = count;
        return count;
    }

    /** One read from the stream, announced to {@code readiness} and reported back to it. */
    private int read(ReadReadiness readiness, byte[] into, int offset, int length) throws IOException {
        readiness.awaitReadable();
        int edgesBefore = readiness.edges();
        int count;
        try {
            count = in.read(into, offset, length);
        } catch (SocketTimeoutException e) {
            throw e; // a read deadline: the reader may go on (an inspect delay)
        } catch (IOException e) {
            readFailed = true;
            throw e;
        }
        readiness.readReturned(edgesBefore, count, length);
        return count;
    }

    /** Reads until at least {@code count} bytes are buffered; fails at end of stream. */
    public void require(int count) throws IOException {
        require(count, null);
    }

    /**
     * {@link #require(int)}, flushing {@code beforeWaiting} (when not null) before each read: a body
     * being forwarded lets what it copied so far go out before it waits for the peer.
     */
    public void require(int count, Flushable beforeWaiting) throws IOException {
        if (count > capacity()) {
            throw new IllegalArgumentException("cannot buffer " + count + " bytes in " + capacity());
        }
        while (end - start < count) {
            if (fillAfterFlushing(beforeWaiting) < 0) {
                throw new EOFException("connection closed after " + (end - start) + " of " + count + " bytes");
            }
        }
    }

    /**
     * Finds the next LF at or after {@code start}, reading more as needed, and returns its index;
     * fails when {@code maxLength} bytes are buffered without one.
     */
    public int findLineEnd(int maxLength) throws IOException {
        return findLineEnd(maxLength, null);
    }

    /** {@link #findLineEnd(int)}, flushing {@code beforeWaiting} (when not null) before each read. */
    public int findLineEnd(int maxLength, Flushable beforeWaiting) throws IOException {
        int limit = Math.min(maxLength, capacity());
        int alreadyScanned = 0;
        while (true) {
            for (int i = start + alreadyScanned; i < end; i++) {
                if (buffer[i] == '\n') {
                    return i;
                }
            }
            if (end - start >= limit) {
                throw new LineTooLongException(limit);
            }
            // fill() may move the buffered bytes to the front: remember progress relative to start.
            alreadyScanned = end - start;
            if (fillAfterFlushing(beforeWaiting) < 0) {
                throw new EOFException("connection closed in the middle of a line");
            }
        }
    }

    /**
     * Copies exactly {@code count} bytes to {@code out}: first what is buffered, then straight from
     * the stream through the buffer. Returns normally only when all were copied.
     */
    public void transferTo(OutputStream out, long count) throws IOException {
        long remaining = count;
        while (remaining > 0) {
            if (start == end) {
                // About to block on the peer: let what was copied so far go out first.
                if (fillAfterFlushing(out) < 0) {
                    throw new EOFException("connection closed with " + remaining + " bytes of body missing");
                }
            }
            int chunk = (int) Math.min(remaining, end - start);
            out.write(buffer, start, chunk);
            consume(chunk);
            remaining -= chunk;
        }
    }

    /** Copies everything until end of stream to {@code out}; returns the byte count. */
    public long transferAllTo(OutputStream out) throws IOException {
        long copied = 0;
        while (true) {
            if (start == end) {
                if (fillAfterFlushing(out) < 0) {
                    return copied;
                }
            }
            int chunk = end - start;
            out.write(buffer, start, chunk);
            consume(chunk);
            copied += chunk;
        }
    }

    /** {@link #fill()}, after flushing {@code pending} (when not null): the read may block on the peer. */
    private int fillAfterFlushing(Flushable pending) throws IOException {
        if (pending != null) {
            pending.flush();
        }
        return fill();
    }

    /** A line (a head, a chunk-size line) did not end within the allowed length. */
    public static final class LineTooLongException extends IOException {
        public LineTooLongException(int maxLength) {
            super("line longer than " + maxLength + " bytes");
        }
    }
}
