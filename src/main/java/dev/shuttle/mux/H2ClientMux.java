package dev.shuttle.mux;

import dev.shuttle.config.Http2Tunables;
import dev.shuttle.config.TimeoutKind;
import dev.shuttle.config.Timeouts;
import dev.shuttle.h1.H1Settings;
import dev.shuttle.h2.ConnectionPreface;
import dev.shuttle.h2.FlowWindow;
import dev.shuttle.h2.Frame;
import dev.shuttle.h2.FrameReader;
import dev.shuttle.h2.H2ErrorCode;
import dev.shuttle.h2.H2Exception;
import dev.shuttle.h2.H2Request;
import dev.shuttle.h2.H2Settings;
import dev.shuttle.h2.HeaderBlockAssembler;
import dev.shuttle.h2.RequestFields;
import dev.shuttle.h2.Setting;
import dev.shuttle.hpack.DecodedBlock;
import dev.shuttle.hpack.HpackDecoder;
import dev.shuttle.hpack.HpackException;
import dev.shuttle.io.InputBuffer;
import dev.shuttle.io.IoServices;
import dev.shuttle.listener.Frontend;
import dev.shuttle.listener.LiveStream;
import dev.shuttle.listener.LiveStreams;
import dev.shuttle.listener.StreamPhase;
import dev.shuttle.sample.FrontStream;
import dev.shuttle.session.ClientConnection;
import dev.shuttle.session.Session;
import dev.shuttle.session.SessionHandler;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A client connection speaking HTTP/2 (RFC 9113; HAProxy's mux_h2 on the frontend side), with prior
 * knowledge: the client's preface, then frames both ways. The connection's own thread is its
 * reader: it checks each frame ({@code dev.shuttle.h2}), answers SETTINGS and PING, keeps the
 * windows, and starts one virtual thread per stream, which runs the ordinary exchange through an
 * {@link H2ClientStream}. Everything written goes through one {@link H2Output}.
 *
 * <p>Limits, as HAProxy's {@code tune.h2.*} defaults: 100 concurrent streams (a stream beyond them
 * is refused with REFUSED_STREAM, §5.1.2), header blocks of at most {@code tune.bufsize} octets
 * (HPACK-decoded size included: the "HPACK bomb"), at most {@value #MAX_CONTINUATIONS} CONTINUATION
 * frames per block (the CONTINUATION flood). A connection error is answered with GOAWAY and the
 * connection closes; a stream error with RST_STREAM on that stream.
 *
 * <p>Timeouts, as HAProxy 3.5's h2c_update_timeout(): with no stream open, the connection waits
 * for a new one {@code timeout http-request} (else {@code client}) before its first stream and
 * {@code timeout http-keep-alive} (else the same) after, counted from the end of its last stream
 * (frames such as PING do not extend it), then closes with GOAWAY NO_ERROR; streams are bounded by
 * the exchange's own timeouts.
 *
 * <p>Stopping: when a soft stop begins or the frontend is shut down, the connection sends GOAWAY
 * NO_ERROR naming stream 2^31-1, as 3.5 does (the client should open no more streams, those in
 * flight finish); once no stream is open it waits at most {@code timeout client-fin} (else {@code
 * client}) for the client to close, then sends GOAWAY with its last stream and closes.
 */
public final class H2ClientMux implements SessionHandler {
    static final int MAX_CONTINUATIONS = 128;
    /**
     * The connection's receive window, raised to the largest the protocol allows as soon as the
     * connection starts, as HAProxy does: the streams' windows bound what a client may send.
     */
    static final int CONNECTION_WINDOW = Integer.MAX_VALUE;

    private final HttpStreamHandler exchanges;
    private final IoServices io;
    private final Function<Frontend, H1Settings> serverSettings;
    private final Http2Tunables tunables;

    /**
     * @param exchanges      serves each stream's exchange
     * @param serverSettings the HTTP/1 settings of the server connections a frontend's exchanges open
     */
    public H2ClientMux(HttpStreamHandler exchanges, IoServices io, Function<Frontend, H1Settings> serverSettings) {
        this(exchanges, io, serverSettings, Http2Tunables.DEFAULTS);
    }

    /** @param tunables the {@code tune.h2.*} settings of client connections */
    public H2ClientMux(HttpStreamHandler exchanges, IoServices io, Function<Frontend, H1Settings> serverSettings,
                       Http2Tunables tunables) {
        this.exchanges = exchanges;
        this.io = io;
        this.serverSettings = serverSettings;
        this.tunables = tunables;
    }

    @Override
    public void serve(Session session, ClientConnection client) throws IOException {
        exchanges.started(session);
        new Connection(session, client).run();
    }

    /**
     * Serves a connection the HTTP/1 mux began, whose first bytes turned out to be the HTTP/2
     * preface (still unread in {@code client}'s buffer); its start was already announced.
     */
    void serveUpgraded(Session session, ClientConnection client) throws IOException {
        new Connection(session, client).run();
    }

    /** One HTTP/2 connection: the reader's state. Used by the connection's thread only, but the stream map. */
    private final class Connection {
        private final Session session;
        private final ClientConnection client;
        private final InputBuffer input;
        private final H2Output output;
        private final int bufferSize;
        /** How long the connection lives with no stream open. */
        private final H2IdleTimeouts idleTimeouts;
        private final long clientTimeout;
        /** When the connection last became idle (no stream open): its start, or its last stream's end. */
        private volatile long idleSinceNanos = System.nanoTime();
        /** The closing GOAWAY was claimed ({@link #claimFinalGoAway}). */
        private final AtomicBoolean finalGoAway = new AtomicBoolean();
        /** The stop's thread closed the socket: the reader's failing read is the expected end. */
        private volatile boolean closedAfterStop;
        /** Shuttle's SETTINGS went out: GOAWAY may follow (reader only). */
        private boolean settingsSent;
        /** The INITIAL_WINDOW_SIZE the client's SETTINGS gave last (reader only). */
        private long peerInitialWindow = H2Settings.DEFAULTS.initialWindowSize();
        /** Whether the client's first SETTINGS came (reader only). */
        private boolean peerSettingsSeen;
        private final FrameReader frames;
        /** SETTINGS_MAX_CONCURRENT_STREAMS announced ({@code tune.h2.fe.max-concurrent-streams}). */
        private final int maxStreams;
        /** Streams opened so far, against {@code tune.h2.fe.max-total-streams}. */
        private int openedStreams;
        private final HeaderBlockAssembler blocks;
        private final HpackDecoder decoder;
        /** Guards the receive windows, charged by the reader and credited by the streams' threads. */
        private final ReentrantLock windowsLock = new ReentrantLock();
        // Guarded by: windowsLock
        private final FlowWindow receiveWindow = new FlowWindow(0, CONNECTION_WINDOW);
        /**
         * The SETTINGS_INITIAL_WINDOW_SIZE announced: {@code tune.bufsize}, HAProxy's default. The
         * streams' windows are counted from the RFC's 65535 (what a client may send before it
         * applies our SETTINGS, §6.9.2), so counting never refuses what the client was allowed.
         */
        private final int streamWindow;
        /** The least credit a WINDOW_UPDATE gives back: half the announced stream window. */
        private final int creditBatch;
        /** Octets consumed and not yet given back to the connection's window. Guarded by: windowsLock */
        private int pendingConnectionCredit;
        /**
         * The streams open in the protocol's sense (§5.1): opened, and not yet closed both ways or
         * reset. A stream's thread may run a little longer (its log line), but its slot is free as
         * soon as the client could open another, so the limit is counted here, not in {@link #streams}.
         */
        private final AtomicInteger activeStreams = new AtomicInteger();
        /** The open streams, by id: read by their threads' credits, changed by the reader. */
        private final Map<Integer, OpenStream> streams = new ConcurrentHashMap<>();
        private final List<Thread> threads = new ArrayList<>();
        /** The highest stream id the client used: written by the reader, read by the stop's thread. */
        private volatile int lastStreamId;
        /** Protocol glitches seen on the connection ({@code fc_glitches}): written by the reader only. */
        private volatile int glitches;
        /** A GOAWAY was received, or sent: no stream above {@link #lastAccepted} is served. */
        private boolean goingAway;
        /** The last stream a GOAWAY this side sent lets the client open; MAX_VALUE before one. */
        private int lastAccepted = Integer.MAX_VALUE;
        /** The highest stream opened and served (HAProxy's max_id): a stream refused as malformed is not. */
        private int maxOpenedId;
        /**
         * Whether the client was told of the large connection window: with the first credit given
         * back, as HAProxy does. Guarded by: windowsLock
         */
        private boolean connectionWindowRaised;
        private boolean firstStream = true;
        /** The connection ended on {@code timeout client} (the reader's own thread only). */
        private boolean timedOut;
        /** The read error that ended the connection (a reset), null when it ended otherwise. */
        private IOException readFailure;

        Connection(Session session, ClientConnection client) throws IOException {
            this.session = session;
            this.client = client;
            this.input = client.input();
            // Frames go out as soon as they are flushed: a response's HEADERS and DATA are separate
            // writes, and Nagle's algorithm would hold the DATA until the client acknowledged the
            // HEADERS (a delayed ACK: 40 ms per response). HAProxy sets TCP_NODELAY on its sockets too.
            client.socket().setTcpNoDelay(true);
            this.output = new H2Output(new BufferedOutputStream(client.socket().getOutputStream(), 16_384),
                    this::sentEnd);
            Frontend frontend = session.frontend();
            this.bufferSize = serverSettings.apply(frontend).bufferSize();
            Timeouts timeouts = frontend.config().timeouts();
            this.idleTimeouts = H2IdleTimeouts.of(timeouts);
            this.clientTimeout = timeouts.isSet(TimeoutKind.CLIENT) ? timeouts.get(TimeoutKind.CLIENT) : 0;
            // A client that stops reading holds no write, and no thread waiting for the writer, longer than this.
            output.writeDeadline(clientTimeout, this::abortStuckWrite);
            this.blocks = new HeaderBlockAssembler(bufferSize, MAX_CONTINUATIONS);
            this.streamWindow = (int) Math.min(Math.max(1, tunables.streamWindow(bufferSize)), Setting.MAX_WINDOW);
            this.creditBatch = Math.max(1, streamWindow / 2);
            this.decoder = new HpackDecoder(tunables.headerTableSize(), bufferSize);
            this.frames = new FrameReader(tunables.frameSize(bufferSize));
            this.maxStreams = tunables.concurrentStreams();
        }

        void run() throws IOException {
            try {
                if (!readPreface()) {
                    return;
                }
                output.settings(announcedSettings());
                settingsSent = true;
                session.child().onStop(this::announceStop);
                readFrames();
            } catch (H2Exception e) {
                goAway(e.errorCode(), e.getMessage());
            } catch (EOFException | SocketTimeoutException e) {
                timedOut = e instanceof SocketTimeoutException;
                // No GOAWAY before Shuttle's SETTINGS, the first frame it must send (§3.4), as 3.5.
                if (e instanceof SocketTimeoutException && settingsSent && claimFinalGoAway()) {
                    // As 3.5's h2_timeout_task(): GOAWAY, time for the client to close, GOAWAY again.
                    goAway(H2ErrorCode.NO_ERROR, "timeout");
                    awaitClientClose();
                    goAway(H2ErrorCode.NO_ERROR, "timeout");
                }
            } catch (IOException e) {
                // A connection the write deadline aborted ended as a timeout, not as an error.
                if (!closedAfterStop && !output.writeTimedOut()) {
                    readFailure = e;
                    throw e;
                }
            } finally {
                // Streams still writing when timeout client ended the connection end as client timeouts.
                output.close(timedOut);
                IOException gone = new H2StreamReset("HTTP/2 connection closed");
                // Why the client left its streams: the connection's error (a reset), else its end.
                IOException departure = readFailure != null ? readFailure
                        : new H2StreamReset("HTTP/2 connection closed", H2StreamReset.Cause.CONNECTION_CLOSED);
                // Only the client's own leaving: not a timeout, nor a close of Shuttle's (the write
                // deadline's abort, whose streams end as client timeouts, or a stop).
                boolean clientLeft = !timedOut && !output.writeTimedOut() && !closedAfterStop;
                for (OpenStream stream : streams.values()) {
                    stream.inbound.fail(gone);
                    if (clientLeft) {
                        stream.inbound.abandoned(departure);
                    }
                }
                joinStreams();
            }
        }

        /**
         * After an idle connection's GOAWAY: what the client still sends is read and dropped until
         * it closes, at most {@link H2IdleTimeouts#shut} ({@code timeout client-fin}, else {@code client};
         * none: until it closes, as 3.5).
         */
        private void awaitClientClose() {
            try {
                client.socket().setSoTimeout((int) Math.min(Integer.MAX_VALUE, idleTimeouts.shut()));
                do {
                    input.consume(input.buffered());
                } while (input.fill() >= 0);
            } catch (IOException timeoutOrGone) {
                // the time is up, or the client left
            }
        }

        /**
         * RFC 9113 §3.4: the 24 octets, then (read with the frames) a SETTINGS frame. A client that
         * sends anything else does not speak HTTP/2: the connection closes without GOAWAY, which §3.4
         * allows and HAProxy does.
         */
        private boolean readPreface() throws IOException {
            client.socket().setSoTimeout((int) Math.min(Integer.MAX_VALUE, idleTimeouts.first()));
            while (input.buffered() < ConnectionPreface.LENGTH) {
                if (!ConnectionPreface.matchesStart(input.array(), input.start(), input.buffered())) {
                    return false;
                }
                if (input.fill() < 0) {
                    return false;
                }
            }
            if (!ConnectionPreface.matches(input.array(), input.start(), input.buffered())) {
                return false;
            }
            input.consume(ConnectionPreface.LENGTH);
            return true;
        }

        private void readFrames() throws IOException, H2Exception {
            boolean settingsSeen = false;
            while (true) {
                ByteBuffer available = ByteBuffer.wrap(input.array(), input.start(), input.buffered());
                Frame frame = frames.next(available);
                input.consume(available.position() - input.start());
                if (frame == null) {
                    waitForBytes();
                    continue;
                }
                if (!settingsSeen && !(frame instanceof Frame.Settings settings && !settings.ack())) {
                    throw H2Exception.connection(H2ErrorCode.PROTOCOL_ERROR, "the preface's SETTINGS missing");
                }
                settingsSeen = true;
                blocks.checkOrder(frame);
                try {
                    handle(frame);
                } catch (H2Exception e) {
                    if (e.isConnectionError()) {
                        throw e;
                    }
                    glitch(); // a stream the client broke: HAProxy counts it as a glitch
                    resetStream(e.streamId(), e.errorCode());
                }
                if (goingAway && streams.isEmpty() && lastStreamId >= lastAccepted) {
                    return;
                }
            }
        }

        /**
         * Reads more bytes. An idle connection (no open stream) waits until its idle deadline, then
         * fails with a timeout; a connection with open streams reads without a deadline, but wakes
         * at least every idle timeout to see whether its last stream ended meanwhile (a stream's end
         * cannot wake a blocked read), so the deadline is kept to within one wait.
         */
        private void waitForBytes() throws IOException {
            while (true) {
                boolean idle = streams.isEmpty();
                session.live().phase(idle ? StreamPhase.IDLE : StreamPhase.READING_REQUEST);
                client.socket().setSoTimeout(idle ? idleWait() : busyWait());
                try {
                    if (input.fill() < 0) {
                        throw new EOFException("client closed");
                    }
                    return;
                } catch (SocketTimeoutException e) {
                    if (streams.isEmpty() && System.nanoTime() - idleDeadline() >= 0) {
                        throw e;
                    }
                }
            }
        }

        /** Milliseconds an idle connection's next read may wait (0: no limit); a deadline passed fails. */
        private int idleWait() throws SocketTimeoutException {
            int wait = H2IdleTimeouts.waitMillis(idleDeadline(), System.nanoTime());
            if (wait < 0) {
                throw new SocketTimeoutException("HTTP/2 connection idle");
            }
            return wait;
        }

        /** How often a connection with open streams wakes to look for its last stream's end (0: never). */
        private int busyWait() {
            return (int) Math.min(Integer.MAX_VALUE, idleTimeouts.idle(maxOpenedId > 0));
        }

        /** When the idle connection closes ({@link System#nanoTime()}; {@link H2IdleTimeouts#NEVER}: never). */
        private long idleDeadline() {
            return idleTimeouts.idleDeadline(idleSinceNanos, maxOpenedId > 0);
        }

        /**
         * A soft stop began, or the frontend was shut down (run once, on the stopping thread: must
         * not block). The rest happens on a thread of its own ({@link #closeAfterStop}), since a
         * client that does not read could block a write, and a blocked read cannot be woken.
         */
        /**
         * The write deadline passed ({@code timeout client}): the client stopped reading. Closing the
         * socket ends the blocked write and the reader's read; the streams end as timeouts.
         */
        private void abortStuckWrite() {
            try {
                client.socket().close();
            } catch (IOException ignored) {
                // closing is all that was asked
            }
        }

        private void announceStop() {
            Thread.ofVirtual().name("h2-stop").start(this::closeAfterStop);
        }

        /**
         * As HAProxy 3.5 on a stopped proxy: GOAWAY NO_ERROR naming stream 2^31-1 unless a GOAWAY
         * went out already; streams go on, and once none is open for {@link H2IdleTimeouts#shut} ({@code
         * timeout client-fin}, else {@code client}; none: the usual idle timeout only), GOAWAY naming
         * the last stream and the close. The thread ends with the connection.
         */
        private void closeAfterStop() {
            try {
                output.goAwayUnlessSent(Integer.MAX_VALUE, H2ErrorCode.NO_ERROR);
                long stoppedAt = System.nanoTime();
                if (idleTimeouts.shutDeadline(stoppedAt, stoppedAt) == H2IdleTimeouts.NEVER) {
                    return;
                }
                long shut = TimeUnit.MILLISECONDS.toNanos(idleTimeouts.shut());
                while (true) {
                    long left = idleTimeouts.shutDeadline(stoppedAt, idleSinceNanos) - System.nanoTime();
                    if (!streams.isEmpty()) {
                        left = shut; // look again later: the last stream's end starts the count
                    } else if (left <= 0) {
                        if (claimFinalGoAway()) {
                            output.goAway(lastStreamId, H2ErrorCode.NO_ERROR, "");
                            closedAfterStop = true;
                            client.socket().close(); // the reader's read ends
                        }
                        return;
                    }
                    Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                    if (output.isClosed()) {
                        return;
                    }
                }
            } catch (IOException gone) {
                // the connection ended meanwhile
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Whether this caller sends the connection's closing GOAWAY: the reader's timeout or the stop's, once. */
        private boolean claimFinalGoAway() {
            return finalGoAway.compareAndSet(false, true);
        }

        private void handle(Frame frame) throws H2Exception, IOException {
            switch (frame) {
                case Frame.Settings settings -> {
                    if (!settings.ack()) {
                        settingsGlitches(settings);
                        output.peerSettings(settings);
                    }
                }
                case Frame.Ping ping -> {
                    if (!ping.ack()) {
                        output.pingAck(ping.opaqueData());
                    }
                }
                case Frame.WindowUpdate update -> {
                    if (update.streamId() > lastStreamId) {
                        throw idleStreamFrame("WINDOW_UPDATE", update.streamId());
                    }
                    output.windowUpdate(update);
                }
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
                case Frame.RstStream reset -> reset(reset);
                case Frame.GoAway goAway -> {
                    // The client leaves: no new stream, and the connection ends with its last stream.
                    goingAway = true;
                    lastAccepted = Math.min(lastAccepted, lastStreamId);
                }
                case Frame.Priority priority -> {
                    // RFC 9113 §5.3.2: priority signals are deprecated; checked by the parser, then ignored.
                }
                case Frame.Unknown unknown -> {
                    // §5.5: frames of unknown types are ignored.
                }
            }
        }

        private void headerBlock(HeaderBlockAssembler.Block block) throws H2Exception, IOException {
            Frame.Headers opening = block.opening();
            int id = opening.streamId();
            DecodedBlock decoded;
            try {
                decoded = decoder.decode(block.bytes());
                if (decoded.overListLimit()) {
                    // The HPACK bomb: a small block whose fields decode past a buffer. 3.5 decodes into
                    // a buffer of tune.bufsize and fails the decompression itself: COMPRESSION_ERROR.
                    throw new HpackException("header list decoded larger than a buffer");
                }
            } catch (HpackException e) {
                glitches++;
                if (id > lastStreamId && id % 2 == 1) {
                    lastStreamId = id; // the GOAWAY names the stream that carried it, as 3.5's does
                }
                throw H2Exception.connection(H2ErrorCode.COMPRESSION_ERROR, e.getMessage());
            }
            OpenStream open = streams.get(id);
            if (open != null) {
                // A second block on an open stream: trailers, which must end it (§8.1).
                if (!opening.endStream() || open.remoteEnded) {
                    throw H2Exception.stream(id, open.remoteEnded ? H2ErrorCode.STREAM_CLOSED
                            : H2ErrorCode.PROTOCOL_ERROR, "HEADERS inside a stream's body");
                }
                if (open.contentLength >= 0 && open.received != open.contentLength) {
                    throw H2Exception.stream(id, H2ErrorCode.PROTOCOL_ERROR, "DATA shorter than content-length");
                }
                open.inbound.trailers(RequestFields.toTrailers(id, decoded.fields()));
                endRemote(open);
                return;
            }
            if (id % 2 == 0) {
                // §5.1.1: a client opens odd streams.
                glitches++;
                throw H2Exception.connection(H2ErrorCode.PROTOCOL_ERROR, "stream " + id + " cannot be opened");
            }
            if (id <= lastStreamId) {
                // §5.1.1: each stream above the last; one below is closed (§5.1), and HEADERS on a
                // closed stream is a connection error STREAM_CLOSED, as 3.5 answers.
                glitches++;
                throw H2Exception.connection(H2ErrorCode.STREAM_CLOSED, "HEADERS on closed stream " + id);
            }
            lastStreamId = id;
            if (id > lastAccepted) {
                return; // §6.8: above the GOAWAY's last stream, a stream is ignored
            }
            if (tunables.frontMaxTotalStreams() > 0
                    && openedStreams >= tunables.frontMaxTotalStreams() + maxStreams) {
                // The client was told to go (GOAWAY) and opened more than the streams in flight allow.
                glitch();
                throw H2Exception.connection(H2ErrorCode.ENHANCE_YOUR_CALM, "stream limit violated");
            }
            if (activeStreams.get() >= maxStreams) {
                throw H2Exception.stream(id, H2ErrorCode.REFUSED_STREAM, "too many concurrent streams");
            }
            H2Request request = RequestFields.toRequest(id, decoded.fields(), !tunables.websocketDisabled());
            boolean dataFollows = !opening.endStream();
            // A tunnel's DATA are no request body: they cross once the server accepted the tunnel.
            boolean hasBody = dataFollows && !request.tunnel();
            if (!dataFollows && request.contentLength() > 0) {
                throw H2Exception.stream(id, H2ErrorCode.PROTOCOL_ERROR, "content-length without DATA");
            }
            if (hasBody && request.contentLength() < 0) {
                // What HAProxy's HTTP/1 side adds when a body has no length: the server reads it chunked.
                request.head().headers().add("transfer-encoding", "chunked");
            }
            if (request.protocol() != null) {
                WebSocketKey.addIfMissing(request);
            }
            open(id, request, dataFollows, hasBody, block.bytes().length);
            openedStreams++;
            maxOpenedId = id;
            if (tunables.frontMaxTotalStreams() > 0 && openedStreams >= tunables.frontMaxTotalStreams()) {
                // tune.h2.fe.max-total-streams: time to renew the connection. As HAProxy does, the
                // GOAWAY names a stream far enough ahead for those already on their way.
                gracefulGoAway(id);
            }
        }

        /**
         * A GOAWAY NO_ERROR that lets the client finish what it may have sent already: the last stream
         * it names is this one plus the concurrent streams allowed (HAProxy's rule); the connection
         * ends once its streams are served. Sent once.
         */
        private void gracefulGoAway(int id) throws IOException {
            int last = (int) Math.min(Integer.MAX_VALUE, id + 2L * maxStreams);
            if (lastAccepted == Integer.MAX_VALUE || lastAccepted > last) {
                lastAccepted = last;
                goingAway = true;
                output.goAway(last, H2ErrorCode.NO_ERROR, "");
            }
        }

        /**
         * @param dataFollows whether DATA may come (no END_STREAM on the HEADERS)
         * @param hasBody     whether those DATA are a request body (not a tunnel's bytes)
         */
        private void open(int id, H2Request request, boolean dataFollows, boolean hasBody, long headBytes)
                throws IOException {
            OpenStream stream = new OpenStream(id, request.contentLength());
            activeStreams.incrementAndGet();
            stream.remoteEnded = !dataFollows;
            if (!dataFollows) {
                stream.inbound.end();
            }
            streams.put(id, stream);
            output.openStream(id);
            H2ClientStream clientStream = new H2ClientStream(output, id, request, stream.inbound,
                    System.currentTimeMillis(), System.nanoTime(), firstStream, hasBody, bufferSize, clientTimeout,
                    headBytes, session.frontend().config().errors());
            firstStream = false;
            H1Settings h1 = serverSettings.apply(session.frontend());
            Thread thread = Thread.ofVirtual().name("h2-stream-" + id)
                    .start(() -> serveStream(stream, clientStream, h1));
            threads.add(thread);
            threads.removeIf(t -> !t.isAlive());
        }

        /**
         * A stream's thread: the exchange, on the stream's own session, then the stream's end. The
         * session is made here, so that its {@code show sess} entry (listed while the stream lives,
         * one line per stream as 3.5 lists them) shows this thread, and {@code shutdown session}
         * resets this stream only.
         */
        private void serveStream(OpenStream open, H2ClientStream stream, H1Settings h1) {
            Session streamSession = session.forStream();
            streamSession.context().frontStream(new StreamView(open));
            LiveStream live = streamSession.live();
            live.clientSide(stream::kill);
            LiveStreams listed = session.frontend().liveStreams();
            listed.add(live);
            try {
                try (HttpStreamHandler.ConnectionStreams exchange = exchanges.openStream(streamSession,
                        new ServerMuxes(h1, io, tunables))) {
                    exchange.serve(stream);
                }
            } catch (IOException e) {
                // The client reset the stream or left; the exchange logged what it could.
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(H2ClientMux.class).warn("HTTP/2 stream {} failed", stream.streamId(), e);
            } finally {
                listed.remove(live);
                stream.finish();
                // Before the removal: a reader that finds no stream open counts its idle time from here.
                idleSinceNanos = System.nanoTime();
                if (streams.remove(stream.streamId()) != null) {
                    open.closed();
                }
            }
        }

        private void data(Frame.Data data) throws H2Exception, IOException {
            OpenStream stream = streams.get(data.streamId());
            windowsLock.lock();
            try {
                receiveWindow.receive(data.flowControlledLength());
                if (stream != null && !stream.remoteEnded) {
                    stream.window.receive(data.flowControlledLength());
                }
            } finally {
                windowsLock.unlock();
            }
            if (data.streamId() > lastStreamId) {
                throw idleStreamFrame("DATA", data.streamId());
            }
            if (stream == null) {
                // A stream Shuttle ended or reset while the client was still sending: its frames are
                // ignored (§5.4.2, §8.1), and the connection window gets their octets back.
                glitch();
                creditConnection(data.flowControlledLength());
                return;
            }
            if (stream.remoteEnded) {
                creditConnection(data.flowControlledLength());
                throw H2Exception.stream(data.streamId(), H2ErrorCode.STREAM_CLOSED, "DATA after END_STREAM");
            }
            int padding = data.flowControlledLength() - data.data().length;
            if (padding > 0) {
                stream.consumed(padding);
            }
            stream.received += data.data().length;
            if (stream.contentLength >= 0 && stream.received > stream.contentLength) {
                throw H2Exception.stream(data.streamId(), H2ErrorCode.PROTOCOL_ERROR, "DATA beyond content-length");
            }
            stream.inbound.offer(data.data());
            if (data.endStream()) {
                if (stream.contentLength >= 0 && stream.received != stream.contentLength) {
                    throw H2Exception.stream(data.streamId(), H2ErrorCode.PROTOCOL_ERROR,
                            "DATA shorter than content-length");
                }
                endRemote(stream);
            }
        }

        private void endRemote(OpenStream stream) {
            stream.remoteEnded = true;
            stream.inbound.end();
            if (stream.localEnded) {
                stream.closed();
            }
        }

        private void reset(Frame.RstStream reset) throws H2Exception {
            if (reset.streamId() > lastStreamId) {
                throw idleStreamFrame("RST_STREAM", reset.streamId());
            }
            OpenStream stream = streams.get(reset.streamId());
            if (stream != null) {
                // A stream reset before its response ended: the "rapid reset" pattern when repeated.
                glitch();
                stream.resetCode = reset.errorCode();
                stream.closed();
                H2StreamReset cause = new H2StreamReset("stream reset by the client: "
                        + H2ErrorCode.of(reset.errorCode()), H2StreamReset.Cause.STREAM_RESET);
                stream.inbound.fail(cause);
                stream.inbound.abandoned(cause);
                output.closeStream(reset.streamId());
            }
        }

        /**
         * RFC 9113 §5.1: on a stream still idle (never opened), only HEADERS and PRIORITY may come;
         * anything else is a connection error PROTOCOL_ERROR, and a glitch as 3.5 counts it.
         */
        private H2Exception idleStreamFrame(String type, int id) {
            glitches++;
            return H2Exception.connection(H2ErrorCode.PROTOCOL_ERROR, type + " on idle stream " + id);
        }

        /**
         * A SETTINGS that lowers INITIAL_WINDOW_SIZE after the client's first one is legal but
         * suspicious (a SETTINGS flood shrinking and growing every window): a glitch, as 3.5 counts it.
         */
        private void settingsGlitches(Frame.Settings settings) throws H2Exception {
            for (Frame.SettingValue value : settings.values()) {
                if (value.id() == Setting.INITIAL_WINDOW_SIZE.id()) {
                    if (peerSettingsSeen && value.value() < peerInitialWindow) {
                        glitch();
                    }
                    peerInitialWindow = value.value();
                }
            }
            peerSettingsSeen = true;
        }

        private void resetStream(int id, H2ErrorCode error) throws IOException {
            output.resetStream(id, error);
            OpenStream stream = streams.get(id);
            if (stream != null) {
                stream.closed();
                stream.inbound.fail(new H2StreamReset("stream reset: " + error));
                output.closeStream(id);
            }
        }

        private void creditConnection(int octets) throws IOException {
            if (octets <= 0) {
                return;
            }
            int increment;
            windowsLock.lock();
            try {
                receiveWindow.increase(octets);
                increment = octets + raiseConnectionWindow();
            } catch (H2Exception impossible) {
                throw new IllegalStateException("credited more than was charged", impossible);
            } finally {
                windowsLock.unlock();
            }
            output.windowIncrement(0, increment);
        }

        /**
         * The increment that takes the client's view of the connection window from the RFC's 65535 to
         * {@link #CONNECTION_WINDOW}, the first time credit is given back; 0 after. Guarded by: windowsLock
         */
        private int raiseConnectionWindow() {
            if (connectionWindowRaised) {
                return 0;
            }
            connectionWindowRaised = true;
            return CONNECTION_WINDOW - H2Settings.DEFAULTS.initialWindowSize();
        }

        /** The SETTINGS announced after the preface: only what differs from the RFC's initial values. */
        private List<Frame.SettingValue> announcedSettings() {
            List<Frame.SettingValue> values = new ArrayList<>();
            if (tunables.headerTableSize() != H2Settings.DEFAULTS.headerTableSize()) {
                values.add(new Frame.SettingValue(Setting.HEADER_TABLE_SIZE.id(), tunables.headerTableSize()));
            }
            values.add(new Frame.SettingValue(Setting.INITIAL_WINDOW_SIZE.id(), streamWindow));
            values.add(new Frame.SettingValue(Setting.MAX_CONCURRENT_STREAMS.id(), maxStreams));
            int frameSize = tunables.frameSize(bufferSize);
            if (frameSize != H2Settings.DEFAULTS.maxFrameSize()) {
                values.add(new Frame.SettingValue(Setting.MAX_FRAME_SIZE.id(), frameSize));
            }
            if (!tunables.websocketDisabled()) {
                // RFC 8441 §3: extended CONNECT (WebSocket over HTTP/2), unless h2-workaround-bogus-websocket-clients.
                values.add(new Frame.SettingValue(Setting.ENABLE_CONNECT_PROTOCOL.id(), 1));
            }
            return values;
        }

        /**
         * One more glitch ({@code fc_glitches}); past {@code tune.h2.fe.glitches-threshold}, the
         * connection ends with ENHANCE_YOUR_CALM, as HAProxy kills a misbehaving client's connection.
         */
        private void glitch() throws H2Exception {
            glitches++;
            int threshold = tunables.frontGlitchesThreshold();
            if (threshold > 0 && glitches >= (threshold * 3 + 1) / 4) {
                // At three quarters of the threshold the client is asked to reconnect (GOAWAY NO_ERROR),
                // at the threshold the connection ends, as HAProxy 3.5 does.
                try {
                    gracefulGoAway(maxOpenedId);
                } catch (IOException gone) {
                    throw H2Exception.connection(H2ErrorCode.INTERNAL_ERROR, "connection lost");
                }
                if (glitches >= threshold) {
                    throw H2Exception.connection(H2ErrorCode.ENHANCE_YOUR_CALM,
                            glitches + " glitches reach tune.h2.fe.glitches-threshold");
                }
            }
        }

        /** The stream's END_STREAM went out (under the output's lock: no blocking here). */
        private void sentEnd(int streamId) {
            OpenStream stream = streams.get(streamId);
            if (stream != null) {
                stream.localEnded = true;
                if (stream.remoteEnded) {
                    stream.closed();
                }
            }
        }

        private void goAway(H2ErrorCode error, String debug) {
            try {
                // No debug data, as HAProxy sends none: the reason is for Shuttle's own log.
                output.goAway(lastStreamId, error, "");
            } catch (IOException gone) {
                // the client is already gone
            }
        }

        private void joinStreams() {
            for (Thread thread : threads) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        /** What the stream's fetches read of the connection ({@code fc_nb_streams}, {@code fs.id}...). */
        private final class StreamView implements FrontStream {
            private final OpenStream stream;

            StreamView(OpenStream stream) {
                this.stream = stream;
            }

            @Override
            public int openStreams() {
                return activeStreams.get();
            }

            @Override
            public long streamsLimit() {
                return maxStreams;
            }

            @Override
            public int streamId() {
                return stream.id;
            }

            @Override
            public OptionalLong resetCode() {
                long code = stream.resetCode;
                return code < 0 ? OptionalLong.empty() : OptionalLong.of(code);
            }

            @Override
            public int httpMajor() {
                return 2;
            }

            @Override
            public long glitches() {
                return glitches;
            }
        }

        /** The reader's view of an open stream, and the credit its consumer gives back. */
        private final class OpenStream {
            final int id;
            final long contentLength;
            // Guarded by: windowsLock
            final FlowWindow window;
            final H2InboundBody inbound;
            long received;
            /** END_STREAM received: written by the reader, read by the stream's credits. */
            volatile boolean remoteEnded;
            /** Octets consumed and not yet given back to the stream's window. Guarded by: windowsLock */
            int pendingCredit;
            /** The code of the client's RST_STREAM ({@code fs.rst_code}), -1 before one. */
            volatile long resetCode = -1;
            /** END_STREAM sent: written under the output's lock by a stream's thread. */
            volatile boolean localEnded;
            private final AtomicBoolean closed = new AtomicBoolean();

            /** The stream is closed (both ways, or reset): its slot counts no more. Once only. */
            void closed() {
                if (closed.compareAndSet(false, true)) {
                    activeStreams.decrementAndGet();
                }
            }

            OpenStream(int id, long contentLength) {
                this.id = id;
                this.contentLength = contentLength;
                this.window = new FlowWindow(id, Math.max(streamWindow, H2Settings.DEFAULTS.initialWindowSize()));
                this.inbound = new H2InboundBody(this::consumed);
            }

            /**
             * The stream's thread consumed octets: both windows get them back, in WINDOW_UPDATEs of at
             * least half the announced stream window, so that a body read in small pieces does not cost a
             * frame per read (the client still has most of its window while credit gathers).
             */
            private void consumed(int octets) throws IOException {
                int connectionCredit = 0;
                int streamCredit = 0;
                windowsLock.lock();
                try {
                    pendingConnectionCredit += octets;
                    pendingCredit += octets;
                    if (pendingConnectionCredit >= creditBatch) {
                        receiveWindow.increase(pendingConnectionCredit);
                        connectionCredit = pendingConnectionCredit + raiseConnectionWindow();
                        pendingConnectionCredit = 0;
                    }
                    if (pendingCredit >= creditBatch && !remoteEnded) {
                        streamCredit = pendingCredit;
                        pendingCredit = 0;
                        window.increase(streamCredit);
                    }
                } catch (H2Exception impossible) {
                    throw new IllegalStateException("credited more than was charged", impossible);
                } finally {
                    windowsLock.unlock();
                }
                if (connectionCredit > 0) {
                    output.windowIncrement(0, connectionCredit);
                }
                if (streamCredit > 0) {
                    output.windowIncrement(id, streamCredit);
                }
            }
        }
    }
}
