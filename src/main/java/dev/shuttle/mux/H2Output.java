package dev.shuttle.mux;

import dev.shuttle.h2.FlowWindow;
import dev.shuttle.h2.Frame;
import dev.shuttle.h2.FrameHeader;
import dev.shuttle.h2.FrameWriter;
import dev.shuttle.h2.H2ErrorCode;
import dev.shuttle.h2.H2Exception;
import dev.shuttle.h2.H2Settings;
import dev.shuttle.hpack.BlockBuffer;
import dev.shuttle.hpack.HeaderField;
import dev.shuttle.hpack.HpackEncoder;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The writing half of an HTTP/2 connection, shared by its reader and its streams' threads: every
 * frame goes out under one lock, so frames never interleave, a header block's HEADERS and
 * CONTINUATIONs stay back to back (RFC 9113 §4.3), and the HPACK encoder sees blocks in the order
 * the peer decodes them. The same lock guards the send windows (§5.2): a stream that has DATA to
 * send and no window waits on {@link #windowOpened} until a WINDOW_UPDATE or a SETTINGS change
 * credits it, at most the connection's timeout.
 *
 * <p><b>Write deadline.</b> A peer that stops reading (a zero TCP window) would block the write in
 * progress, and with it every thread waiting for the lock: the reader's PING and SETTINGS
 * acknowledgements, other streams' frames. As HAProxy 3.5's mux times a blocked connection out
 * ({@code timeout client} on the client side, {@code timeout server} on the server side), a write
 * that has not ended within {@link #writeDeadline} makes a watchdog (one parked virtual thread
 * per connection) abort the connection: the socket is closed, which ends the blocked write, and
 * that write and every later one fail with a {@link SocketTimeoutException}, so that each exchange
 * ends with the termination state of a timeout. Nothing is queued here: acknowledgements are
 * written at once, so a flood of PINGs or SETTINGS holds the reader until its write goes out or
 * the deadline ends the connection (the floods themselves count as glitches).
 *
 * <p><b>One flush per burst.</b> Frames go into the connection's buffered stream; the flush (the
 * socket write) is left to the last writer of a burst: a writer that finds another writer waiting
 * for the lock leaves its frames buffered, and the one that finds none flushes for all (as
 * HAProxy's mux sends what its streams queued in one go, rather than a write per frame). A caller
 * that writes again at once (a response's HEADERS whose whole body is at hand) may ask to keep its
 * frames buffered ({@link #headers(int, List, boolean, boolean)}), so that HEADERS and DATA leave in
 * one write. Every lock holder that writes flushes on its way out unless one of those two holds,
 * so nothing stays buffered once the writers are gone.
 */
final class H2Output {
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when a send window grows or the connection closes. */
    private final Condition windowOpened = lock.newCondition();
    // Guarded by: lock
    private final OutputStream out;
    // Guarded by: lock
    private final HpackEncoder encoder = new HpackEncoder(H2Settings.DEFAULTS.headerTableSize());
    // Guarded by: lock
    private final BlockBuffer block = new BlockBuffer(1024);
    // Guarded by: lock
    private ByteBuffer frames = ByteBuffer.allocate(FrameHeader.SIZE + 16_384);
    // Guarded by: lock
    private H2Settings peer = H2Settings.DEFAULTS;
    // Guarded by: lock
    private final FlowWindow connectionWindow = new FlowWindow(0, H2Settings.DEFAULTS.initialWindowSize());
    // Guarded by: lock
    private final Map<Integer, FlowWindow> streamWindows = new HashMap<>();
    /** Written under the lock; volatile: the watchdog reads it without. */
    private volatile boolean closed;
    // Guarded by: lock
    private long bytesWritten;
    /** Threads waiting for the lock to write frames: while one is, a writer leaves its flush to it. */
    private final AtomicInteger writersWaiting = new AtomicInteger();
    /** Frames sit in the buffered stream, not yet flushed. Guarded by: lock */
    private boolean unflushed;
    /** A GOAWAY went out (HAProxy's H2_CF_GOAWAY_SENT). Guarded by: lock */
    private boolean goAwaySent;
    /**
     * The {@link System#nanoTime()} at which the write in progress started, 0 when none is:
     * written under the lock, read by the watchdog without it.
     */
    private final AtomicLong writeStartedNanos = new AtomicLong();
    /** The write deadline passed and the connection was aborted: later writes fail as timeouts. */
    private volatile boolean writeTimedOut;
    /** The write deadline in nanoseconds, 0: none (set once, before the first write). */
    private volatile long writeTimeoutNanos;
    private volatile Runnable abort = () -> { };
    private volatile Thread watchdog;

    /**
     * Told when a frame carrying END_STREAM is about to go out (just before its bytes are written):
     * the stream's sending side is closed.
     */
    interface StreamEnds {
        void sent(int streamId);
    }

    private final StreamEnds ends;

    H2Output(OutputStream out) {
        this(out, streamId -> { });
    }

    /** @param ends told, under the lock, of each END_STREAM sent; it must not block or write */
    H2Output(OutputStream out, StreamEnds ends) {
        this.out = out;
        this.ends = ends;
    }

    /**
     * Gives every write a deadline of {@code timeoutMillis} (0: none): past it, {@code abort} (which
     * must close the socket, ending the blocked write) runs on the watchdog's thread. Call once,
     * before frames go out.
     */
    void writeDeadline(long timeoutMillis, Runnable abort) {
        if (timeoutMillis <= 0) {
            return;
        }
        this.abort = abort;
        this.writeTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.watchdog = Thread.ofVirtual().name("h2-write-watchdog").start(this::watch);
    }

    /**
     * The watchdog: sleeps a deadline at a time while no write is in progress, else until the
     * write's deadline; aborts the connection when the same write is still in progress then.
     */
    private void watch() {
        long timeout = writeTimeoutNanos;
        while (!closed && !writeTimedOut) {
            long started = writeStartedNanos.get();
            long now = System.nanoTime();
            if (started == 0) {
                LockSupport.parkNanos(this, timeout);
            } else if (now - started < timeout) {
                LockSupport.parkNanos(this, timeout - (now - started));
            } else if (writeStartedNanos.get() == started) {
                writeTimedOut = true;
                abort.run();
                return;
            }
        }
    }

    /** Whether a write could not go out within the write deadline (the connection was aborted). */
    boolean writeTimedOut() {
        return writeTimedOut;
    }

    /** A stream opened: its send window starts at the peer's initial window size. */
    void openStream(int streamId) {
        lock.lock();
        try {
            streamWindows.put(streamId, new FlowWindow(streamId, peer.initialWindowSize()));
        } finally {
            lock.unlock();
        }
    }

    /** Whether the stream is open on this side: neither ended nor reset. */
    boolean isOpen(int streamId) {
        lock.lock();
        try {
            return streamWindows.containsKey(streamId);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A stream ended: its window goes. Frames a writer left buffered for it (with {@code more}) are
     * flushed now if no writer comes after, so that a stream that failed between its HEADERS and its
     * DATA strands nothing; a failed flush is the connection's failure, which its reader sees.
     */
    void closeStream(int streamId) {
        lockToWrite();
        try {
            streamWindows.remove(streamId);
            unlockAfterWrite(false);
        } catch (IOException e) {
            // The connection is failing: the reader's next read or the next write reports it.
        }
    }

    /**
     * The peer's SETTINGS, applied (§6.5.3): every stream window moves by the change of the initial
     * window size (§6.9.2), the encoder's table follows the header table size, and frames are cut at
     * the new maximum frame size. The acknowledgement is sent in the same turn of the lock.
     */
    void peerSettings(Frame.Settings frame) throws H2Exception, IOException {
        lockToWrite();
        try {
            H2Settings previous = peer;
            peer = previous.apply(frame);
            int delta = peer.initialWindowSize() - previous.initialWindowSize();
            if (delta != 0) {
                for (FlowWindow window : streamWindows.values()) {
                    window.adjust(delta);
                }
            }
            if (peer.headerTableSize() != previous.headerTableSize()) {
                encoder.setMaxTableSize(Math.min(peer.headerTableSize(), 65_536));
            }
            prepare(FrameHeader.SIZE);
            FrameWriter.settingsAck(frames);
            writeFrames();
            windowOpened.signalAll();
        } finally {
            unlockAfterWrite(false);
        }
    }

    /** A WINDOW_UPDATE received: the connection's window, or a stream's (ignored once it ended). */
    void windowUpdate(Frame.WindowUpdate update) throws H2Exception {
        lock.lock();
        try {
            if (update.streamId() == 0) {
                connectionWindow.increase(update.increment());
            } else {
                FlowWindow window = streamWindows.get(update.streamId());
                if (window == null) {
                    return;
                }
                window.increase(update.increment());
            }
            windowOpened.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Our SETTINGS, the first frame after the preface (§3.4). */
    void settings(List<Frame.SettingValue> values) throws IOException {
        lockToWrite();
        try {
            prepare(FrameHeader.SIZE + values.size() * 6);
            FrameWriter.settings(frames, values);
            writeFrames();
        } finally {
            unlockAfterWrite(false);
        }
    }

    void pingAck(long opaqueData) throws IOException {
        lockToWrite();
        try {
            prepare(FrameHeader.SIZE + 8);
            FrameWriter.ping(frames, true, opaqueData);
            writeFrames();
        } finally {
            unlockAfterWrite(false);
        }
    }

    void windowIncrement(int streamId, int increment) throws IOException {
        lockToWrite();
        try {
            prepare(FrameHeader.SIZE + 4);
            FrameWriter.windowUpdate(frames, streamId, increment);
            writeFrames();
        } finally {
            unlockAfterWrite(false);
        }
    }

    void resetStream(int streamId, H2ErrorCode error) throws IOException {
        lockToWrite();
        try {
            prepare(FrameHeader.SIZE + 4);
            FrameWriter.rstStream(frames, streamId, error);
            writeFrames();
        } finally {
            unlockAfterWrite(false);
        }
    }

    void goAway(int lastStreamId, H2ErrorCode error, String debug) throws IOException {
        byte[] debugData = debug.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        lockToWrite();
        try {
            prepare(FrameHeader.SIZE + 8 + debugData.length);
            FrameWriter.goAway(frames, lastStreamId, error, debugData);
            goAwaySent = true;
            writeFrames();
        } finally {
            unlockAfterWrite(false);
        }
    }

    /** A GOAWAY without debug data, unless one went out already (the stop's announcement). */
    void goAwayUnlessSent(int lastStreamId, H2ErrorCode error) throws IOException {
        lockToWrite();
        try {
            if (!goAwaySent) {
                goAway(lastStreamId, error, "");
            }
        } finally {
            unlockAfterWrite(false);
        }
    }

    /** A header block (HEADERS and CONTINUATIONs), encoded under the lock so the encoder stays in step. */
    void headers(int streamId, List<HeaderField> fields, boolean endStream) throws IOException {
        headers(streamId, fields, endStream, false);
    }

    /**
     * {@link #headers(int, List, boolean)}; {@code more}: the caller writes on this connection again
     * at once (the DATA of a body already at hand), so the block may stay buffered until then.
     */
    void headers(int streamId, List<HeaderField> fields, boolean endStream, boolean more) throws IOException {
        lockToWrite();
        try {
            block.clear();
            encoder.encode(fields, block);
            prepare(FrameWriter.headersSize(block.length(), peer.maxFrameSize()));
            FrameWriter.headers(frames, streamId, block.array(), 0, block.length(), endStream, peer.maxFrameSize());
            if (endStream) {
                ends.sent(streamId); // before the bytes leave: the client may open its next stream at once
            }
            writeFrames();
        } finally {
            unlockAfterWrite(more);
        }
    }

    /**
     * DATA, cut to the peer's frame size and to the windows: waits for window at most {@code
     * timeoutMillis} (0: no limit), then fails with a timeout.
     */
    void data(int streamId, byte[] bytes, int offset, int length, boolean endStream, long timeoutMillis)
            throws IOException {
        lockToWrite();
        try {
            int sent = 0;
            long deadline = timeoutMillis > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis) : 0;
            do {
                FlowWindow stream = streamWindows.get(streamId);
                if (writeTimedOut) {
                    throw new H2WriteTimeout(null);
                }
                if (stream == null || closed) {
                    throw new IOException("HTTP/2 stream " + streamId + " is closed");
                }
                int chunk = (int) Math.min(Math.min(length - sent, peer.maxFrameSize()),
                        Math.min(connectionWindow.available(), stream.available()));
                if (chunk <= 0 && length > sent) {
                    // What went out so far must reach the peer first: its WINDOW_UPDATE answers it.
                    flush();
                    awaitWindow(deadline);
                    continue;
                }
                boolean last = sent + chunk == length;
                prepare(FrameHeader.SIZE + chunk);
                FrameWriter.data(frames, streamId, bytes, offset + sent, chunk, endStream && last);
                connectionWindow.send(chunk);
                stream.send(chunk);
                sent += chunk;
                if (endStream && last) {
                    ends.sent(streamId); // before the bytes leave: the client may open its next stream at once
                }
                writeFrames();
            } while (sent < length);
        } finally {
            unlockAfterWrite(false);
        }
    }

    /** Whether the connection is gone ({@link #close}). */
    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Bytes written to the connection so far. */
    long bytesWritten() {
        lock.lock();
        try {
            return bytesWritten;
        } finally {
            lock.unlock();
        }
    }

    /** The connection is gone: waiting writers fail, later writes fail. */
    void close() {
        close(false);
    }

    /**
     * {@link #close()}; {@code timedOut}: the connection ended on its timeout, so later writes fail
     * as write timeouts ({@link H2WriteTimeout}), the exchanges ending as timeouts of this side.
     */
    void close(boolean timedOut) {
        if (timedOut) {
            writeTimedOut = true;
        }
        // Not under the lock first: a write stuck in progress holds it until the abort.
        Thread dog = watchdog;
        if (dog != null) {
            LockSupport.unpark(dog);
        }
        lock.lock();
        try {
            if (unflushed && !writeTimedOut) {
                try {
                    flush(); // what a writer left for a later one (a GOAWAY) still leaves
                } catch (IOException e) {
                    // The connection is going anyway.
                }
            }
            closed = true;
            windowOpened.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void awaitWindow(long deadline) throws IOException {
        try {
            if (deadline == 0) {
                windowOpened.await();
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0 || windowOpened.awaitNanos(left) <= 0 && deadline - System.nanoTime() <= 0) {
                    throw new SocketTimeoutException("HTTP/2 send window stayed closed");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for an HTTP/2 window");
        }
    }

    // Guarded by: lock (callers hold it)
    private void prepare(int size) throws IOException {
        if (writeTimedOut) {
            throw new H2WriteTimeout(null);
        }
        if (closed) {
            throw new IOException("HTTP/2 connection closed");
        }
        if (frames.capacity() < size) {
            frames = ByteBuffer.allocate(size);
        }
        frames.clear();
    }

    /** Takes the lock to write frames, counted while waiting for it (see the class comment). */
    private void lockToWrite() {
        writersWaiting.incrementAndGet();
        lock.lock();
        writersWaiting.decrementAndGet();
    }

    /**
     * Releases the lock after a write (also after a failed one): flushes the frames buffered so far
     * unless {@code more} (this caller writes again at once) or another writer waits for the lock
     * (it flushes when it is done, for all).
     */
    // Guarded by: lock (callers hold it)
    private void unlockAfterWrite(boolean more) throws IOException {
        try {
            if (unflushed && !more && writersWaiting.get() == 0 && !closed && !writeTimedOut) {
                flush();
            }
        } finally {
            lock.unlock();
        }
    }

    // Guarded by: lock (callers hold it)
    private void writeFrames() throws IOException {
        startWrite();
        try {
            out.write(frames.array(), 0, frames.position());
        } catch (IOException e) {
            throw writeFailure(e);
        } finally {
            endWrite();
        }
        bytesWritten += frames.position();
        unflushed = true;
    }

    // Guarded by: lock (callers hold it)
    private void flush() throws IOException {
        startWrite();
        try {
            out.flush();
        } catch (IOException e) {
            throw writeFailure(e);
        } finally {
            endWrite();
        }
        unflushed = false;
    }

    /** A write that may block starts: the watchdog watches it (when there is a deadline). */
    // Guarded by: lock (callers hold it)
    private void startWrite() {
        if (writeTimeoutNanos != 0) {
            writeStartedNanos.set(System.nanoTime() | 1); // never 0: 0 means no write in progress
        }
    }

    // Guarded by: lock (callers hold it)
    private void endWrite() {
        if (writeTimeoutNanos != 0) {
            writeStartedNanos.set(0);
        }
    }

    /** What a failed write throws: a write the deadline aborted fails as a timeout. */
    // Guarded by: lock (callers hold it)
    private IOException writeFailure(IOException e) {
        if (writeTimedOut) {
            closed = true;
            return new H2WriteTimeout(e);
        }
        return e;
    }
}
