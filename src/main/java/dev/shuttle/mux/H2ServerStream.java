package dev.shuttle.mux;

import dev.shuttle.h2.FlowWindow;
import dev.shuttle.h2.Frame;
import dev.shuttle.h2.H2ErrorCode;
import dev.shuttle.h2.H2Exception;
import dev.shuttle.h2.H2Response;
import dev.shuttle.h2.H2Settings;
import dev.shuttle.h2.ServerRequestFields;
import dev.shuttle.http.HeaderList;
import dev.shuttle.http.RequestHead;
import dev.shuttle.http.ResponseHead;
import dev.shuttle.sample.BackStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One exchange on an HTTP/2 server connection: the request as HEADERS (and DATA), the response
 * heads as the connection's reader hands them over (interim ones first), the response body as
 * an {@link H2InboundBody}, a reset or a lost connection as the end of the wait.
 *
 * <p>Locking: {@link #lock} guards the heads waiting to be taken, the failure, and the stream's
 * receive window; the reader thread offers, the exchange's thread takes. The request side belongs
 * to the exchange's thread (its body to the upload's).
 */
final class H2ServerStream implements ServerStream {
    private static final byte[] NOTHING = new byte[0];

    private final H2ServerConnection connection;
    private final H2Output output;
    /**
     * The stream's identifier: 0 until its HEADERS go out, when the connection gives it the next one
     * (RFC 9113 §5.1.1: identifiers open in increasing order, so they are handed out as HEADERS
     * leave rather than when an exchange takes a slot).
     */
    private volatile int id;
    private final int streamWindow;
    // Guarded by: openLock of the connection (whether the stream holds a slot without an identifier yet)
    boolean reserved = true;
    private final int bufferSize;
    private final String scheme;
    private final int creditBatch;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // Guarded by: lock
    private final ArrayDeque<H2Response> heads = new ArrayDeque<>();
    // Guarded by: lock
    private IOException failure;
    // Guarded by: lock (made when the stream gets its identifier)
    private FlowWindow receiveWindow;
    // Guarded by: lock
    private int pendingCredit;
    private final H2InboundBody inbound;
    /** The final response arrived (written by the reader). */
    private volatile boolean finalResponse;
    /** END_STREAM received (written by the reader). */
    private volatile boolean responseEnded;
    /** END_STREAM sent: under the output's lock, by the thread that sent it. */
    private volatile boolean requestEnded;
    /** The code of the server's RST_STREAM ({@code bs.rst_code}), -1 before one. */
    private volatile long resetCode = -1;
    /** Whether this side reset the stream, or the server did: nothing more goes out on it. */
    private volatile boolean reset;
    /** The final response's announced length (-1: none) and the payload received against it. Reader only. */
    private long contentLength = -1;
    private long received;
    /** The request's method: written by the exchange before the request leaves, read by the reader. */
    private volatile String method = "GET";
    /** The request opens a tunnel (CONNECT, extended CONNECT): its HEADERS leave the stream open. Exchange's thread. */
    private boolean tunnel;
    /** The {@code :protocol} of an extended CONNECT (RFC 8441), null for other requests. Exchange's thread. */
    private String protocol;

    H2ServerStream(H2ServerConnection connection, H2Output output, int bufferSize, String scheme, int streamWindow) {
        this.connection = connection;
        this.output = output;
        this.bufferSize = bufferSize;
        this.scheme = scheme;
        this.streamWindow = streamWindow;
        this.creditBatch = Math.max(1, streamWindow / 2);
        this.inbound = new H2InboundBody(this::consumed);
    }

    /** The connection gave the stream its identifier, its HEADERS about to go out (under the connection's openLock). */
    void assigned(int streamId) {
        lock.lock();
        try {
            // Counted from the RFC's 65535 at least: what the server may send before it applies our SETTINGS (§6.9.2).
            receiveWindow = new FlowWindow(streamId, Math.max(streamWindow, H2Settings.DEFAULTS.initialWindowSize()));
        } finally {
            lock.unlock();
        }
        id = streamId;
    }

    int id() {
        return id;
    }

    /** Whether the stream closed (RFC 9113 §5.1): END_STREAM both ways, or a reset either way. */
    boolean isClosed() {
        return reset || requestEnded && responseEnded;
    }

    /** The server's RST_STREAM code, if it reset the stream. */
    OptionalLong resetCode() {
        long code = resetCode;
        return code < 0 ? OptionalLong.empty() : OptionalLong.of(code);
    }

    @Override
    public BackStream view() {
        return new BackStream() {
            @Override
            public int openStreams() {
                return connection.openStreams();
            }

            @Override
            public long streamsLimit() {
                return connection.streamsLimit();
            }

            @Override
            public OptionalLong streamId() {
                return OptionalLong.of(id);
            }

            @Override
            public OptionalLong resetCode() {
                return H2ServerStream.this.resetCode();
            }

            @Override
            public int httpMajor() {
                return 2;
            }

            @Override
            public long glitches() {
                return connection.glitches();
            }
        };
    }

    // ---- the exchange's side ----

    @Override
    public void sendRequestHead(RequestHead head, Announcement announcement) throws IOException {
        if (head.headers().hasToken("connection", "upgrade") && head.headers().contains("upgrade")) {
            sendExtendedConnect(head);
            return;
        }
        method = head.method();
        if (head.isMethod("CONNECT")) {
            // RFC 9113 §8.5: :method and :authority only, and the stream stays open for the tunnel's DATA.
            tunnel = true;
            connection.sendHeaders(this, ServerRequestFields.of(head, scheme), false);
            return;
        }
        // RFC 9113 §8.1: a request without a body ends with its HEADERS.
        boolean body = ServerRequestFields.expectsBody(head);
        connection.sendHeaders(this, ServerRequestFields.of(head, scheme), !body);
    }

    /**
     * An HTTP/1.1 upgrade goes as an extended CONNECT (RFC 8441 §4), once the server's SETTINGS
     * said it takes them (§3); as HAProxy 3.5 does, the request fails before anything is sent when
     * the server did not announce SETTINGS_ENABLE_CONNECT_PROTOCOL, or when the request has a body
     * (the stream's DATA are the tunnel's).
     */
    private void sendExtendedConnect(RequestHead head) throws IOException {
        if (ServerRequestFields.expectsBody(head)) {
            throw new UpgradeRefused("an upgrade request with a body cannot become an extended CONNECT");
        }
        if (!connection.acceptsExtendedConnect()) {
            throw new UpgradeRefused("the HTTP/2 server did not announce SETTINGS_ENABLE_CONNECT_PROTOCOL (RFC 8441 §3)");
        }
        method = "CONNECT";
        tunnel = true;
        protocol = ServerRequestFields.upgradeProtocol(head);
        connection.sendHeaders(this, ServerRequestFields.extendedConnect(head, scheme), false);
    }

    @Override
    public BodySink requestBodySink(BodySource body, boolean trailers) {
        return new H2BodySink(new H2DataOutputStream(output, id, Math.min(bufferSize, 16_384), requestEnded, 0),
                trailers);
    }

    @Override
    public void flush() throws IOException {
        if (!requestEnded && !reset && !tunnel) {
            // The head announced a body that did not come: the request ends here.
            output.data(id, NOTHING, 0, 0, true, 0);
        }
    }

    @Override
    public ResponseArrival receiveResponse(String method, long timeoutMillis) throws IOException {
        H2Response response;
        lock.lock();
        try {
            long deadline = timeoutMillis > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis) : 0;
            while (heads.isEmpty()) {
                if (failure != null) {
                    return new ResponseArrival.Absent(false, false, failure);
                }
                if (!await(deadline)) {
                    return new ResponseArrival.Absent(true, false);
                }
            }
            response = heads.poll();
        } finally {
            lock.unlock();
        }
        if (protocol != null && response.head().status() == 200) {
            switchingProtocols(response.head());
        }
        boolean interim = response.head().isInterim();
        long length = bodyLength(response);
        if (length < 0) {
            // As HAProxy's HTTP/1 side does with a body of unknown length: an HTTP/1.1 client reads it chunked
            // (an HTTP/2 client's side drops the field).
            response.head().headers().add("transfer-encoding", "chunked");
        }
        boolean switched = opensTunnel(response.head().status());
        return new ResponseArrival.Received(new IncomingResponse(response.head(),
                new H2BodySource(interim ? new H2InboundBody(bytes -> { }) : inbound, length, bufferSize),
                switched, true));
    }

    /**
     * Whether a final status accepts the tunnel: any 2xx to a CONNECT (RFC 9110 §9.3.6), to an
     * extended CONNECT only the 200 that became a 101 (RFC 8441 §5); others are plain responses.
     */
    private boolean opensTunnel(int status) {
        return protocol != null ? status == 101 : tunnel && status / 100 == 2;
    }

    /**
     * The server's 200 to an extended CONNECT stands for the 101 of the upgrade the client asked for
     * (RFC 8441 §5), as HAProxy 3.5 turns it back: {@code connection: upgrade} and {@code upgrade}
     * with the protocol; an HTTP/1.1 client's side adds the {@code Sec-WebSocket-Accept} its key calls for.
     */
    private void switchingProtocols(ResponseHead head) {
        head.status(101, "");
        head.headers().add("connection", "upgrade");
        head.headers().add("upgrade", protocol);
    }

    /**
     * The length the response's body is forwarded with: none after HEAD, 204 or 304 (the head keeps
     * its {@code content-length}, RFC 9110 §8.6), none when the HEADERS ended the stream, else the
     * announced one (-1: until the stream ends).
     */
    private long bodyLength(H2Response response) {
        int status = response.head().status();
        if (response.head().isInterim() || method.equals("HEAD") || status == 204 || status == 304
                || opensTunnel(status)) {
            // A CONNECT's 2xx has no body (RFC 9110 §9.3.6): the stream's DATA are the tunnel's.
            return 0;
        }
        return response.contentLength() < 0 && responseEnded && inbound.available() == 0 ? 0 : response.contentLength();
    }

    /**
     * The stream as the tunnel's server side: the server's DATA are read from the stream's inbound
     * body (its window credited as they are consumed, so that the connection's other streams go
     * on), the client's bytes leave as DATA within the server's windows, waiting for one at most
     * {@code timeout server}.
     */
    @Override
    public TunnelEnd tunnelEnd() {
        if (!tunnel) {
            throw new IllegalStateException("HTTP/2 server stream " + id + " asked for no tunnel");
        }
        H2DataOutputStream data = new H2DataOutputStream(output, id, Math.min(bufferSize, 16_384), requestEnded,
                connection.writeTimeoutMillis());
        return new TunnelEnd(null, null, data, new H2TunnelSide(inbound, data));
    }

    @Override
    public void abort() {
        failed(new H2StreamReset("the exchange gave up stream " + id));
        resetQuietly(H2ErrorCode.CANCEL);
    }

    /**
     * The exchange is over: a stream that did not end both ways is reset (CANCEL, as HAProxy does
     * when a stream detaches early), and it leaves the connection.
     */
    void finish() {
        if (id == 0) {
            connection.abandon(this); // no HEADERS went out: nothing to reset
            return;
        }
        if (!(requestEnded && responseEnded)) {
            resetQuietly(H2ErrorCode.CANCEL);
        }
        connection.forget(this);
    }

    private void resetQuietly(H2ErrorCode code) {
        if (reset || id == 0) {
            return;
        }
        reset = true;
        try {
            output.resetStream(id, code);
        } catch (IOException gone) {
            // the connection is gone: the stream with it
        }
    }

    // ---- the reader's side ----

    boolean hasFinalResponse() {
        return finalResponse;
    }

    /** A response head arrived; {@code endStream}: its HEADERS ended the stream. */
    void response(H2Response response, boolean endStream) throws H2Exception {
        boolean interim = response.head().isInterim();
        if (interim && endStream) {
            throw H2Exception.stream(id, H2ErrorCode.PROTOCOL_ERROR, "interim response ending the stream");
        }
        if (!interim) {
            finalResponse = true;
            contentLength = response.contentLength();
            if (endStream && contentLength > 0 && !method.equals("HEAD")) {
                throw H2Exception.stream(id, H2ErrorCode.PROTOCOL_ERROR, "content-length without DATA");
            }
        }
        if (endStream) {
            ended();
        }
        lock.lock();
        try {
            heads.add(response);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The trailer fields that end the response body. */
    void trailers(HeaderList fields) throws H2Exception {
        if (responseEnded) {
            throw H2Exception.stream(id, H2ErrorCode.STREAM_CLOSED, "HEADERS after the end of the stream");
        }
        checkLength();
        inbound.trailers(fields);
        ended();
    }

    /** A DATA frame of the response body. */
    void data(Frame.Data data) throws H2Exception, IOException {
        if (!finalResponse || responseEnded) {
            connection.credit(data.flowControlledLength());
            throw H2Exception.stream(id, responseEnded ? H2ErrorCode.STREAM_CLOSED : H2ErrorCode.PROTOCOL_ERROR,
                    responseEnded ? "DATA after END_STREAM" : "DATA before the response's HEADERS");
        }
        lock.lock();
        try {
            receiveWindow.receive(data.flowControlledLength());
        } finally {
            lock.unlock();
        }
        int padding = data.flowControlledLength() - data.data().length;
        if (padding > 0) {
            consumed(padding);
        }
        received += data.data().length;
        if (contentLength >= 0 && received > contentLength) {
            throw H2Exception.stream(id, H2ErrorCode.PROTOCOL_ERROR, "DATA beyond content-length");
        }
        inbound.offer(data.data());
        if (data.endStream()) {
            checkLength();
            ended();
        }
    }

    private void checkLength() throws H2Exception {
        if (contentLength >= 0 && received != contentLength && !method.equals("HEAD")) {
            throw H2Exception.stream(id, H2ErrorCode.PROTOCOL_ERROR, "DATA shorter than content-length");
        }
    }

    private void ended() {
        responseEnded = true;
        inbound.end();
    }

    /** The server reset the stream: REFUSED_STREAM means it did nothing with it (§8.7). */
    void reset(long errorCode) {
        resetCode = errorCode;
        reset = true;
        failed(errorCode == H2ErrorCode.REFUSED_STREAM.code()
                ? new StreamRefused("stream " + id + " refused by the server")
                : new H2StreamReset("stream reset by the server: " + H2ErrorCode.of(errorCode)));
    }

    /** The stream cannot go on: the wait for a head ends with {@code cause}, and so does a body being read. */
    void failed(IOException cause) {
        lock.lock();
        try {
            if (failure == null) {
                failure = cause;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        inbound.fail(cause);
    }

    void connectionLost(IOException cause) {
        failed(cause);
    }

    /** The request's END_STREAM went out (under the output's lock: no blocking here). */
    void requestEnded() {
        requestEnded = true;
    }

    /** The exchange consumed octets of the body: both windows get them back, in batches. */
    private void consumed(int octets) throws IOException {
        int streamCredit = 0;
        lock.lock();
        try {
            pendingCredit += octets;
            if (pendingCredit >= creditBatch && !responseEnded) {
                streamCredit = pendingCredit;
                pendingCredit = 0;
                receiveWindow.increase(streamCredit);
            }
        } catch (H2Exception impossible) {
            throw new IllegalStateException("credited more than was charged", impossible);
        } finally {
            lock.unlock();
        }
        connection.credit(octets);
        if (streamCredit > 0 && !reset) {
            output.windowIncrement(id, streamCredit);
        }
    }

    // Guarded by: lock (the caller holds it); false once the deadline passed
    private boolean await(long deadline) throws IOException {
        try {
            if (deadline == 0) {
                changed.await();
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            changed.awaitNanos(left);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for an HTTP/2 response");
        }
    }
}
