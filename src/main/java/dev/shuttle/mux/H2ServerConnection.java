package dev.shuttle.mux;

import dev.shuttle.h2.ConnectionPreface;
import dev.shuttle.h2.FlowWindow;
import dev.shuttle.h2.Frame;
import dev.shuttle.h2.FrameHeader;
import dev.shuttle.h2.FrameReader;
import dev.shuttle.h2.H2ErrorCode;
import dev.shuttle.h2.H2Exception;
import dev.shuttle.h2.H2Settings;
import dev.shuttle.h2.HeaderBlockAssembler;
import dev.shuttle.h2.RequestFields;
import dev.shuttle.h2.ResponseFields;
import dev.shuttle.h2.Setting;
import dev.shuttle.hpack.DecodedBlock;
import dev.shuttle.hpack.HpackDecoder;
import dev.shuttle.hpack.HeaderField;
import dev.shuttle.hpack.HpackException;
import dev.shuttle.io.InputBuffer;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.LoggerFactory;

/**
 * A connection to a server speaking HTTP/2 (RFC 9113; HAProxy's mux_h2 on the backend side): the
 * client preface and SETTINGS go out at once, then a reader thread of its own checks each frame
 * the server sends and hands it to its stream ({@link H2ServerStream}), answers SETTINGS and PING,
 * keeps the windows, and notes GOAWAY. Streams are opened by the exchanges' threads; everything
 * written goes through one {@link H2Output}.
 *
 * <p>Locking: {@link #windowsLock} guards the receive windows (charged by the reader, credited by the
 * streams' readers of bodies); {@link #openLock} guards the choice of stream identifiers and the
 * slots of streams not sent yet, and is held while a stream's HEADERS go out, so that the streams
 * of the exchanges sharing the connection open in order (it is taken before the output's lock,
 * never after, and never by the reader). The rest is the reader's, or volatile for the fetches and
 * the pool's questions.
 */
final class H2ServerConnection {
    /**
     * The connection's receive window, raised at once to the largest the protocol allows, as HAProxy
     * does: the streams' windows bound what a server may send.
     */
    static final int CONNECTION_WINDOW = Integer.MAX_VALUE;
    /** CONTINUATION frames a header block may have at most, as on client connections. */
    static final int MAX_CONTINUATIONS = H2ClientMux.MAX_CONTINUATIONS;
    /** The highest stream identifier (§5.1.1): a connection that reaches it opens no more. */
    private static final int MAX_STREAM_ID = Integer.MAX_VALUE;

    /**
     * What the server connections of a client connection are made with.
     *
     * @param writeTimeoutMillis {@code timeout server} (0: none): how long a write may stay blocked
     *                           on a server that stopped reading, and how long an upgrade waits
     *                           for the server's SETTINGS
     */
    record Settings(int bufferSize, int streamWindow, int frameSize, int headerTableSize, int maxStreams,
                    String scheme, int glitchesThreshold, long writeTimeoutMillis) {
        /** Settings without a glitch threshold nor a write deadline. */
        Settings(int bufferSize, int streamWindow, int frameSize, int headerTableSize, int maxStreams, String scheme) {
            this(bufferSize, streamWindow, frameSize, headerTableSize, maxStreams, scheme, 0, 0);
        }
    }

    private final Socket socket;
    private final InputBuffer input;
    private final H2Output output;
    private final Settings settings;
    private final FrameReader frames;
    private final HpackDecoder decoder;
    private final HeaderBlockAssembler blocks;
    private final Map<Integer, H2ServerStream> streams = new ConcurrentHashMap<>();
    private final ReentrantLock openLock = new ReentrantLock();
    // Guarded by: openLock for writes; volatile, so that streamCapacity() reads it without the lock
    private volatile int nextStreamId = 1;
    // Guarded by: openLock (streams opened for an exchange whose HEADERS did not go out yet)
    private int reservedStreams;
    private final ReentrantLock windowsLock = new ReentrantLock();
    // Guarded by: windowsLock
    private final FlowWindow receiveWindow = new FlowWindow(0, CONNECTION_WINDOW);
    // Guarded by: windowsLock
    private int pendingConnectionCredit;
    /** The server's SETTINGS_MAX_CONCURRENT_STREAMS: unlimited until it says (§6.5.2). */
    private volatile long peerMaxStreams = Long.MAX_VALUE;
    /** Protocol glitches the server made ({@code bc_glitches}): written by the reader only. */
    private volatile long glitches;
    /** The last stream a GOAWAY from the server lets complete; MAX_VALUE before one. */
    private volatile int goAwayLastStreamId = Integer.MAX_VALUE;
    private volatile boolean closed;
    /** Counted down by the server's first SETTINGS, or when the connection ends first. */
    private final CountDownLatch peerSettingsSeen = new CountDownLatch(1);
    /** The server announced SETTINGS_ENABLE_CONNECT_PROTOCOL = 1 (RFC 8441 §3): written by the reader. */
    private volatile boolean peerExtendedConnect;
    private final Thread reader;

    private H2ServerConnection(Socket socket, Settings settings) throws IOException {
        this.socket = socket;
        this.settings = settings;
        // As on client connections: HEADERS and DATA are separate writes that Nagle would delay.
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(0); // the reader waits as long as the connection lives; exchanges time their own waits
        OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16_384);
        out.write(ConnectionPreface.octets()); // §3.4: the preface, then SETTINGS, before anything else
        this.output = new H2Output(out, this::sentEnd);
        this.input = new InputBuffer(socket.getInputStream(), Math.max(settings.frameSize(), settings.bufferSize())
                + FrameHeader.SIZE);
        this.frames = new FrameReader(settings.frameSize());
        this.decoder = new HpackDecoder(settings.headerTableSize(), settings.bufferSize());
        this.blocks = new HeaderBlockAssembler(settings.bufferSize(), MAX_CONTINUATIONS);
        this.reader = Thread.ofVirtual().name("h2-server-reader").unstarted(this::read);
    }

    /** Opens HTTP/2 on a connected socket: preface, SETTINGS, the connection window raised, and the reader started. */
    static H2ServerConnection open(Socket socket, Settings settings) throws IOException {
        H2ServerConnection connection = new H2ServerConnection(socket, settings);
        // As HAProxy 3.5 times out a server connection whose writes are blocked (timeout server):
        // a server that stops reading holds no writer, and no stream waiting for it, longer.
        connection.output.writeDeadline(settings.writeTimeoutMillis(), connection::abortStuckWrite);
        connection.output.settings(connection.announcedSettings());
        connection.output.windowIncrement(0, CONNECTION_WINDOW - H2Settings.DEFAULTS.initialWindowSize());
        connection.reader.start();
        return connection;
    }

    /** The SETTINGS sent after the preface: push off (§8.4), and what differs from the RFC's defaults. */
    private List<Frame.SettingValue> announcedSettings() {
        List<Frame.SettingValue> values = new ArrayList<>();
        if (settings.headerTableSize() != H2Settings.DEFAULTS.headerTableSize()) {
            values.add(new Frame.SettingValue(Setting.HEADER_TABLE_SIZE.id(), settings.headerTableSize()));
        }
        values.add(new Frame.SettingValue(Setting.ENABLE_PUSH.id(), 0));
        values.add(new Frame.SettingValue(Setting.MAX_CONCURRENT_STREAMS.id(), settings.maxStreams()));
        values.add(new Frame.SettingValue(Setting.INITIAL_WINDOW_SIZE.id(), settings.streamWindow()));
        if (settings.frameSize() != H2Settings.DEFAULTS.maxFrameSize()) {
            values.add(new Frame.SettingValue(Setting.MAX_FRAME_SIZE.id(), settings.frameSize()));
        }
        return values;
    }

    /**
     * A new stream for an exchange, or null when the connection cannot open one: closed, told to go
     * away, out of identifiers, or at the concurrent streams the server and Shuttle allow. The
     * stream holds its slot from now on, and gets its identifier when its HEADERS go out
     * ({@link #sendHeaders}).
     */
    H2ServerStream openStream() {
        openLock.lock();
        try {
            if (!canOpenStream()) {
                return null;
            }
            reservedStreams++;
            return new H2ServerStream(this, output, settings.bufferSize(), settings.scheme(), settings.streamWindow());
        } finally {
            openLock.unlock();
        }
    }

    /**
     * Gives {@code stream} the next identifier and sends its HEADERS, both under {@link #openLock}:
     * exchanges sharing the connection send theirs in the order of their identifiers, as RFC 9113
     * §5.1.1 requires (a HEADERS on a higher identifier closes the idle streams below it). A
     * connection that went away meanwhile refuses the stream (nothing was sent: it may be retried).
     */
    void sendHeaders(H2ServerStream stream, List<HeaderField> fields, boolean endStream) throws IOException {
        openLock.lock();
        try {
            stream.reserved = false;
            reservedStreams--;
            if (closed || goingAway() || nextStreamId <= 0 || nextStreamId >= MAX_STREAM_ID) {
                throw StreamRefused.beforeSending("the HTTP/2 connection opens no more streams");
            }
            int id = nextStreamId;
            nextStreamId += 2;
            stream.assigned(id);
            streams.put(id, stream);
            output.openStream(id);
            output.headers(id, fields, endStream);
        } finally {
            openLock.unlock();
        }
    }

    /** A stream that never sent its HEADERS gives its slot back. */
    void abandon(H2ServerStream stream) {
        openLock.lock();
        try {
            if (stream.reserved) {
                stream.reserved = false;
                reservedStreams--;
            }
        } finally {
            openLock.unlock();
        }
    }

    /** Whether another stream may open now (see {@link #openStream()}); exact under {@link #openLock}. */
    boolean canOpenStream() {
        return !closed && goAwayLastStreamId == Integer.MAX_VALUE && nextStreamId > 0 && nextStreamId < MAX_STREAM_ID
                && streams.size() + reservedStreams < streamsLimit();
    }

    /**
     * The streams the connection could carry at once now, those open included (HAProxy's
     * h2_avail_streams() before {@code max-reuse}): the least of the server's and Shuttle's limits
     * and of the identifiers left (§5.1.1), 0 once closed or told to go away (§6.8).
     */
    int streamCapacity() {
        if (closed || goingAway()) {
            return 0;
        }
        long idsLeft = Math.max(0, (MAX_STREAM_ID - (long) nextStreamId) / 2);
        return (int) Math.min(Integer.MAX_VALUE, Math.min(streamsLimit(), idsLeft));
    }

    /**
     * Whether the server accepts extended CONNECT (RFC 8441 §3), known once its first SETTINGS
     * arrived: waits for them up to the write deadline ({@code timeout server}), as HAProxy 3.5
     * holds an upgrade until the server's settings are in (H2_CF_SETTINGS_NEEDED); false when
     * they did not come in time or the connection ended first.
     */
    boolean acceptsExtendedConnect() throws IOException {
        try {
            long timeout = settings.writeTimeoutMillis();
            if (timeout > 0) {
                peerSettingsSeen.await(timeout, TimeUnit.MILLISECONDS);
            } else {
                peerSettingsSeen.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for the server's SETTINGS");
        }
        return peerExtendedConnect && !closed;
    }

    /** The write deadline, also the tunnel's wait for a send window: {@code timeout server}. */
    long writeTimeoutMillis() {
        return settings.writeTimeoutMillis();
    }

    /** The streams open at once at most: the least of the server's SETTINGS and {@code tune.h2.be.max-concurrent-streams}. */
    long streamsLimit() {
        return Math.min(peerMaxStreams, settings.maxStreams());
    }

    /**
     * The streams open now ({@code bc_nb_streams}): those of every exchange on the connection that
     * did not close yet (§5.1: both ends' END_STREAM, or a reset), as HAProxy 3.5 counts them.
     */
    int openStreams() {
        int open = 0;
        for (H2ServerStream stream : streams.values()) {
            if (!stream.isClosed()) {
                open++;
            }
        }
        return open;
    }

    long glitches() {
        return glitches;
    }

    /** Whether the connection is gone, or will serve no new stream (a GOAWAY came). */
    boolean isClosed() {
        return closed;
    }

    boolean goingAway() {
        return goAwayLastStreamId != Integer.MAX_VALUE;
    }

    /** A stream's exchange is over: it leaves the connection (the caller reset it first if it had not ended). */
    void forget(H2ServerStream stream) {
        streams.remove(stream.id());
        output.closeStream(stream.id());
    }

    /** The write deadline passed: closing the socket ends the blocked write (on the watchdog's thread). */
    private void abortStuckWrite() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that was asked
        }
    }

    void close() {
        closed = true;
        peerSettingsSeen.countDown();
        output.close();
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** The reader thread: frames until the connection ends, then every open stream fails. */
    private void read() {
        IOException end = new EOFException("the server closed the HTTP/2 connection");
        try {
            readFrames();
        } catch (H2Exception e) {
            end = new IOException("HTTP/2 connection error: " + e.getMessage());
            try {
                output.goAway(0, e.errorCode(), "");
            } catch (IOException gone) {
                // the server is already gone
            }
        } catch (IOException e) {
            end = e;
        } catch (RuntimeException e) {
            // A bug, not the server's doing: the connection still ends, and its streams with it.
            LoggerFactory.getLogger(H2ServerConnection.class).warn("HTTP/2 server connection reader failed", e);
            end = new IOException("HTTP/2 server connection failed", e);
        } finally {
            if (output.writeTimedOut()) {
                // 3.5 kills a server connection whose writes outlive timeout server, and its streams
                // see the connection end: a 502 SH (checked live: a server that opens its windows
                // and never reads), SD once the response was under way.
                end = new EOFException("the server stopped reading: its connection was aborted when a write outlived timeout server");
            }
            close();
            for (H2ServerStream stream : streams.values()) {
                stream.connectionLost(end);
            }
        }
    }

    private void readFrames() throws IOException, H2Exception {
        boolean settingsSeen = false;
        while (true) {
            Frame frame = null;
            if (input.buffered() > 0) {
                ByteBuffer available = ByteBuffer.wrap(input.array(), input.start(), input.buffered());
                frame = frames.next(available);
                input.consume(available.position() - input.start());
            }
            if (frame == null) {
                if (input.fill() < 0) {
                    throw new EOFException("the server closed the HTTP/2 connection");
                }
                continue;
            }
            if (!settingsSeen && !(frame instanceof Frame.Settings first && !first.ack())) {
                // §3.4: the server's preface is a SETTINGS frame.
                throw H2Exception.connection(H2ErrorCode.PROTOCOL_ERROR, "the server's preface SETTINGS missing");
            }
            settingsSeen = true;
            blocks.checkOrder(frame);
            try {
                handle(frame);
            } catch (H2Exception e) {
                if (e.isConnectionError()) {
                    throw e;
                }
                glitch();
                H2ServerStream stream = streams.get(e.streamId());
                output.resetStream(e.streamId(), e.errorCode());
                if (stream != null) {
                    stream.failed(new H2StreamReset("response refused: " + e.getMessage()));
                }
            }
        }
    }

    private void handle(Frame frame) throws H2Exception, IOException {
        switch (frame) {
            case Frame.Settings settingsFrame -> {
                if (!settingsFrame.ack()) {
                    for (Frame.SettingValue value : settingsFrame.values()) {
                        if (value.id() == Setting.MAX_CONCURRENT_STREAMS.id()) {
                            peerMaxStreams = value.value();
                        } else if (value.id() == Setting.ENABLE_CONNECT_PROTOCOL.id()) {
                            peerExtendedConnect = value.value() == 1;
                        }
                    }
                    output.peerSettings(settingsFrame);
                    peerSettingsSeen.countDown();
                }
            }
            case Frame.Ping ping -> {
                if (!ping.ack()) {
                    output.pingAck(ping.opaqueData());
                }
            }
            case Frame.WindowUpdate update -> output.windowUpdate(update);
            case Frame.Headers headers -> {
                HeaderBlockAssembler.Block block = blocks.start(headers);
                if (block != null) {
                    headerBlock(block);
                }
            }
            case Frame.Continuation continuation -> {
                HeaderBlockAssembler.Block block = blocks.add(continuation);
                if (block != null) {
                    headerBlock(block);
                }
            }
            case Frame.Data data -> data(data);
            case Frame.RstStream reset -> {
                H2ServerStream stream = streams.get(reset.streamId());
                if (stream != null) {
                    output.closeStream(reset.streamId());
                    stream.reset(reset.errorCode());
                }
            }
            case Frame.GoAway goAway -> goAway(goAway);
            case Frame.Priority priority -> {
                // RFC 9113 §5.3.2: deprecated; checked by the parser, then ignored.
            }
            case Frame.Unknown unknown -> {
                // §5.5: frames of unknown types are ignored.
            }
        }
    }

    /**
     * §6.8: no new stream from now on; the streams above the last one the server names were not
     * processed and may be tried again elsewhere ({@link StreamRefused}); the others finish.
     */
    private void goAway(Frame.GoAway goAway) {
        goAwayLastStreamId = Math.min(goAwayLastStreamId, goAway.lastStreamId());
        for (H2ServerStream stream : streams.values()) {
            if (stream.id() > goAway.lastStreamId()) {
                stream.failed(new StreamRefused("stream " + stream.id() + " refused by the server's GOAWAY"));
            }
        }
    }

    private void headerBlock(HeaderBlockAssembler.Block block) throws H2Exception {
        Frame.Headers opening = block.opening();
        int id = opening.streamId();
        DecodedBlock decoded;
        try {
            decoded = decoder.decode(block.bytes());
        } catch (HpackException e) {
            throw H2Exception.connection(H2ErrorCode.COMPRESSION_ERROR, e.getMessage());
        }
        H2ServerStream stream = streams.get(id);
        if (stream == null) {
            if (id % 2 == 0 || id >= nextStreamIdSnapshot()) {
                // §5.1.1, §8.4: servers open no streams here (push is off), nor answer idle ones.
                throw H2Exception.connection(H2ErrorCode.PROTOCOL_ERROR, "HEADERS on idle stream " + id);
            }
            glitch(); // a response to a stream this side reset: ignored
            return;
        }
        if (decoded.overListLimit()) {
            throw H2Exception.stream(id, H2ErrorCode.PROTOCOL_ERROR, "header list larger than a buffer");
        }
        if (stream.hasFinalResponse()) {
            // §8.1: a second block after the final response carries trailers and ends the stream.
            if (!opening.endStream()) {
                throw H2Exception.stream(id, H2ErrorCode.PROTOCOL_ERROR, "HEADERS inside a response's body");
            }
            stream.trailers(RequestFields.toTrailers(id, decoded.fields()));
            return;
        }
        stream.response(ResponseFields.toResponse(id, decoded.fields()), opening.endStream());
    }

    /** Read without {@link #openLock}, which a sender holds while it writes: the reader never waits for a writer. */
    private int nextStreamIdSnapshot() {
        return nextStreamId;
    }

    private void data(Frame.Data data) throws H2Exception, IOException {
        int length = data.flowControlledLength();
        windowsLock.lock();
        try {
            receiveWindow.receive(length);
        } finally {
            windowsLock.unlock();
        }
        H2ServerStream stream = streams.get(data.streamId());
        if (stream == null) {
            if (data.streamId() % 2 == 0 || data.streamId() >= nextStreamIdSnapshot()) {
                throw H2Exception.connection(H2ErrorCode.PROTOCOL_ERROR, "DATA on idle stream " + data.streamId());
            }
            // A stream this side reset: its octets go back to the connection window (§6.9).
            glitch();
            credit(length);
            return;
        }
        stream.data(data);
    }

    /**
     * One more glitch ({@code bc_glitches}); with {@code tune.h2.be.glitches-threshold}, at three
     * quarters of it the connection takes no new stream (3.5 advertises a GOAWAY for a future
     * stream there), and at the threshold it ends with ENHANCE_YOUR_CALM, as 3.5 kills it.
     */
    private void glitch() throws H2Exception {
        glitches++;
        int threshold = settings.glitchesThreshold();
        if (threshold > 0 && glitches >= (threshold * 3L + 1) / 4) {
            goAwayLastStreamId = Math.min(goAwayLastStreamId, nextStreamIdSnapshot() - 2);
            if (glitches >= threshold) {
                throw H2Exception.connection(H2ErrorCode.ENHANCE_YOUR_CALM,
                        glitches + " glitches reach tune.h2.be.glitches-threshold");
            }
        }
    }

    /** Gives {@code octets} consumed back to the connection's window, in WINDOW_UPDATEs of at least half a stream window. */
    void credit(int octets) throws IOException {
        int increment = 0;
        windowsLock.lock();
        try {
            pendingConnectionCredit += octets;
            if (pendingConnectionCredit >= Math.max(1, settings.streamWindow() / 2)) {
                increment = pendingConnectionCredit;
                pendingConnectionCredit = 0;
                receiveWindow.increase(increment);
            }
        } catch (H2Exception impossible) {
            throw new IllegalStateException("credited more than was charged", impossible);
        } finally {
            windowsLock.unlock();
        }
        if (increment > 0) {
            output.windowIncrement(0, increment);
        }
    }

    /** The stream's END_STREAM went out (under the output's lock: no blocking here). */
    private void sentEnd(int streamId) {
        H2ServerStream stream = streams.get(streamId);
        if (stream != null) {
            stream.requestEnded();
        }
    }
}
