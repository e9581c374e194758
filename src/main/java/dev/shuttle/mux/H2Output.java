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

    /** A stream ended: its window goes. */
    void closeStream(int streamId) {
        lock.lock();
        try {
            streamWindows.remove(streamId);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The peer's SETTINGS, applied (§6.5.3): every stream window moves by the change of the initial
     * window size (§6.9.2), the encoder's table follows the header table size, and frames are cut at
     * the new maximum frame size. The acknowledgement is sent in the same turn of the lock.
     */
    void peerSettings(Frame.Settings frame) throws H2Exception, IOException {
        lock.lock();
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
            send();
            windowOpened.signalAll();
        } finally {
            lock.unlock();
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
        lock.lock();
        try {
            prepare(FrameHeader.SIZE + values.size() * 6);
            FrameWriter.settings(frames, values);
            send();
        } finally {
            lock.unlock();
        }
    }

    void pingAck(long opaqueData) throws IOException {
        lock.lock();
        try {
            prepare(FrameHeader.SIZE + 8);
            FrameWriter.ping(frames, true, opaqueData);
            send();
        } finally {
            lock.unlock();
        }
    }

    void windowIncrement(int streamId, int increment) throws IOException {
        lock.lock();
        try {
            prepare(FrameHeader.SIZE + 4);
            FrameWriter.windowUpdate(frames, streamId, increment);
            send();
        } finally {
            lock.unlock();
        }
    }

    void resetStream(int streamId, H2ErrorCode error) throws IOException {
        lock.lock();
        try {
            prepare(FrameHeader.SIZE + 4);
            FrameWriter.rstStream(frames, streamId, error);
            send();
        } finally {
            lock.unlock();
        }
    }

    void goAway(int lastStreamId, H2ErrorCode error, String debug) throws IOException {
        byte[] debugData = debug.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        lock.lock();
        try {
            prepare(FrameHeader.SIZE + 8 + debugData.length);
            FrameWriter.goAway(frames, lastStreamId, error, debugData);
            goAwaySent = true;
            send();
        } finally {
            lock.unlock();
        }
    }

    /** A GOAWAY without debug data, unless one went out already (the stop's announcement). */
    void goAwayUnlessSent(int lastStreamId, H2ErrorCode error) throws IOException {
        lock.lock();
        try {
            if (!goAwaySent) {
                goAway(lastStreamId, error, "");
            }
        } finally {
            lock.unlock();
        }
    }

    /** A header block (HEADERS and CONTINUATIONs), encoded under the lock so the encoder stays in step. */
    void headers(int streamId, List<HeaderField> fields, boolean endStream) throws IOException {
        lock.lock();
        try {
            block.clear();
            encoder.encode(fields, block);
            prepare(FrameWriter.headersSize(block.length(), peer.maxFrameSize()));
            FrameWriter.headers(frames, streamId, block.array(), 0, block.length(), endStream, peer.maxFrameSize());
            if (endStream) {
                ends.sent(streamId); // before the bytes leave: the client may open its next stream at once
            }
            send();
        } finally {
            lock.unlock();
        }
    }

    /**
     * DATA, cut to the peer's frame size and to the windows: waits for window at most {@code
     * timeoutMillis} (0: no limit), then fails with a timeout.
     */
    void data(int streamId, byte[] bytes, int offset, int length, boolean endStream, long timeoutMillis)
            throws IOException {
        lock.lock();
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
            flush();
        } finally {
            lock.unlock();
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

    // Guarded by: lock (callers hold it)
    private void send() throws IOException {
        writeFrames();
        flush();
    }

    // Guarded by: lock (callers hold it)
    private void writeFrames() throws IOException {
        timed(() -> out.write(frames.array(), 0, frames.position()));
        bytesWritten += frames.position();
    }

    // Guarded by: lock (callers hold it)
    private void flush() throws IOException {
        timed(out::flush);
    }

    private interface Write {
        void run() throws IOException;
    }

    /** Runs a write that may block under the watchdog's eye; a write the deadline aborted fails as a timeout. */
    // Guarded by: lock (callers hold it)
    private void timed(Write write) throws IOException {
        if (writeTimeoutNanos == 0) {
            write.run();
            return;
        }
        writeStartedNanos.set(System.nanoTime() | 1); // never 0: 0 means no write in progress
        try {
            write.run();
        } catch (IOException e) {
            if (writeTimedOut) {
                closed = true;
                throw new H2WriteTimeout(e);
            }
            throw e;
        } finally {
            writeStartedNanos.set(0);
        }
    }
}
