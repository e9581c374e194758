package dev.shuttle.mux;

import dev.shuttle.h1.BodyFraming;
import dev.shuttle.h2.H2ErrorCode;
import dev.shuttle.h2.H2Request;
import dev.shuttle.h2.HeadFields;
import dev.shuttle.http.ErrorResponse;
import dev.shuttle.http.ErrorResponses;
import dev.shuttle.http.ResponseHead;
import dev.shuttle.hpack.HeaderField;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One stream of an HTTP/2 client connection as the exchange sees it (HAProxy's h2s on the
 * frontend side): the request its HEADERS carried, its DATA as the request body, and the answer
 * going back as HEADERS and DATA on the same stream. Each stream runs on a virtual thread of its
 * own; everything it writes goes through the connection's {@link H2Output}.
 */
final class H2ClientStream implements ClientStream {
    private final H2Output output;
    private final int streamId;
    private final H2Request request;
    private final H2InboundBody inbound;
    private final H2BodySource body;
    private final long startedAtMillis;
    private final long startedNanos;
    private final boolean first;
    private final int bufferSize;
    private final long sendTimeoutMillis;
    private final long headBytes;
    private final ErrorResponses errors;
    /** Whether DATA follows the HEADERS (they did not carry END_STREAM). */
    private final boolean hasBody;
    /** Whether the stream's response ended (END_STREAM sent): else the stream is reset when it ends. */
    private volatile boolean responseEnded;
    private H2DataOutputStream responseData;
    /** The tunnel's DATA once the stream became one; null before. */
    private H2DataOutputStream tunnelOutput;
    private long bytesWritten;

    /**
     * @param headBytes         the size of the request's header block, for {@code %U}
     * @param sendTimeoutMillis how long a write waits for the client's window (0: no limit)
     */
    H2ClientStream(H2Output output, int streamId, H2Request request, H2InboundBody inbound, long startedAtMillis,
                   long startedNanos, boolean first, boolean hasBody, int bufferSize, long sendTimeoutMillis,
                   long headBytes, ErrorResponses errors) {
        this.hasBody = hasBody;
        this.output = output;
        this.streamId = streamId;
        this.request = request;
        this.inbound = inbound;
        this.body = new H2BodySource(inbound, request.contentLength(), bufferSize);
        this.startedAtMillis = startedAtMillis;
        this.startedNanos = startedNanos;
        this.first = first;
        this.bufferSize = bufferSize;
        this.sendTimeoutMillis = sendTimeoutMillis;
        this.headBytes = headBytes;
        this.errors = errors;
    }

    int streamId() {
        return streamId;
    }

    boolean responseEnded() {
        return responseEnded;
    }

    @Override
    public RequestArrival arrival() {
        if (request.badRequest()) {
            return new RequestArrival.Malformed(400);
        }
        String receivedLine = request.head().requestLine();
        // An extended CONNECT stands for an HTTP/1.1 upgrade (RFC 8441 §5): the server's 101 opens the tunnel.
        return new RequestArrival.Received(new IncomingRequest(request.head(), receivedLine, hasBody, false, false,
                request.protocol() != null));
    }

    @Override
    public long startedAtMillis() {
        return startedAtMillis;
    }

    @Override
    public long startedNanos() {
        return startedNanos;
    }

    @Override
    public boolean firstOfConnection() {
        return first;
    }

    @Override
    public BodySource requestBody() {
        return body;
    }

    @Override
    public BufferedBody bufferRequestBody(long timeoutMillis, long atLeast) throws IOException {
        return body.buffer(timeoutMillis, atLeast);
    }

    @Override
    public void sendInterim(ResponseHead head) throws IOException {
        output.headers(streamId, HeadFields.ofResponse(head), false);
    }

    @Override
    public boolean responseNeedsClose(IncomingResponse response) {
        return false; // every HTTP/2 response is delimited by its stream's end
    }

    @Override
    public BodySink sendResponseHead(ResponseHead head, IncomingResponse response, boolean close, boolean trailers)
            throws IOException {
        boolean noBody = response.body() instanceof H1BodySource h1 && h1.framing() instanceof BodyFraming.None;
        // A body already all at hand follows at once: the HEADERS wait for its DATA, one write for both.
        boolean bodyAtHand = !noBody && response.body() instanceof H1BodySource h1 && h1.wholeBuffered();
        long declaredLength = response.body() instanceof H1BodySource h1
                && h1.framing() instanceof BodyFraming.Length length ? length.length() : -1;
        long before = output.bytesWritten();
        output.headers(streamId, HeadFields.ofResponse(head), noBody, bodyAtHand);
        bytesWritten += output.bytesWritten() - before;
        if (noBody) {
            responseEnded = true;
        }
        responseData = new H2DataOutputStream(output, streamId, Math.min(bufferSize, 16_384), noBody,
                sendTimeoutMillis, declaredLength);
        return new H2BodySink(responseData, trailers);
    }

    @Override
    public long sendReply(ErrorResponse message, boolean close) {
        return sendReply(message.head(), message.body(), close);
    }

    @Override
    public long sendReply(ResponseHead head, byte[] replyBody, boolean close) {
        long before = output.bytesWritten();
        try {
            boolean empty = replyBody.length == 0;
            output.headers(streamId, HeadFields.ofResponse(head), empty, !empty); // one write with the DATA
            if (!empty) {
                output.data(streamId, replyBody, 0, replyBody.length, true, sendTimeoutMillis);
            }
            responseEnded = true;
        } catch (IOException gone) {
            // the client left or reset the stream; the log still tells what was answered
        }
        long sent = output.bytesWritten() - before;
        bytesWritten += sent;
        return sent;
    }

    @Override
    public long sendErrorWithoutRequest(int status) {
        ErrorResponse page = errors.forStatus(status);
        return sendReply(page, false);
    }

    /**
     * The server accepted a CONNECT (2xx) or the upgrade an extended CONNECT stands for (101): the
     * response goes out as HEADERS without END_STREAM, a 101 as 200 (RFC 8441 §5; the
     * connection-specific fields dropped, {@code sec-websocket-accept} kept, as 3.5 does),
     * and the stream's DATA carry the tunnel both ways.
     */
    /** The connection's reader sees the client's RST_STREAM and the connection's end: watched at once, at no cost. */
    @Override
    public ClientFailureWatch watchFailure(Runnable onFailure) {
        return ClientFailureWatch.start(inbound, onFailure);
    }

    @Override
    public boolean multiplexed() {
        return true;
    }

    /** Started at once: watching costs an HTTP/2 stream nothing (no poller). */
    @Override
    public ClientFailureWatch deferredFailureWatch(Runnable onFailure, boolean endsToo) {
        return ClientFailureWatch.start(inbound, onFailure);
    }

    @Override
    public TunnelEnd switchToTunnel(ResponseHead head) throws IOException {
        if (!request.tunnel()) {
            throw new IOException("HTTP/2 stream " + streamId + " asked for no tunnel");
        }
        List<HeaderField> fields = new ArrayList<>(HeadFields.ofResponse(head));
        if (head.status() == 101) {
            fields.set(0, new HeaderField(":status", "200"));
        }
        long before = output.bytesWritten();
        output.headers(streamId, fields, false);
        bytesWritten += output.bytesWritten() - before;
        // The tunnel's bytes are counted by the tunnel itself, not in bytesWritten().
        H2DataOutputStream tunnelData = new H2DataOutputStream(output, streamId, Math.min(bufferSize, 16_384), false,
                sendTimeoutMillis);
        tunnelOutput = tunnelData;
        return new TunnelEnd(null, null, tunnelData, new H2TunnelSide(inbound, tunnelData));
    }

    @Override
    public long bytesWritten() {
        return bytesWritten + (responseData == null ? 0 : responseData.payload());
    }

    @Override
    public long requestBytesRead() {
        return headBytes + inbound.received();
    }

    /**
     * {@code shutdown session} on this stream (the runtime API's thread): RST_STREAM CANCEL, and
     * the stream's reads fail; the connection and its other streams go on.
     */
    void kill() {
        try {
            if (output.isOpen(streamId)) {
                output.resetStream(streamId, H2ErrorCode.CANCEL);
            }
        } catch (IOException gone) {
            // the connection is gone already
        } finally {
            output.closeStream(streamId);
            inbound.fail(new H2StreamReset("stream killed by the runtime API"));
        }
    }

    /**
     * The exchange is over: a response it did not end (a body cut short, a client that kept its
     * window closed past {@code timeout client}, an exchange that failed) is ended with RST_STREAM
     * CANCEL, as HAProxy 3.5's h2_do_shutw() aborts a stream, so that the client does not wait
     * for the rest; a
     * response that ended before the client finished its request body is followed by RST_STREAM
     * NO_ERROR, which tells the client to stop sending (RFC 9113 §8.1).
     */
    void finish() {
        try {
            if (responseData != null && responseData.ended() || tunnelOutput != null && tunnelOutput.ended()) {
                responseEnded = true;
            }
            if (output.isOpen(streamId)) {
                if (!responseEnded) {
                    output.resetStream(streamId, H2ErrorCode.CANCEL);
                } else if (!inbound.hasEnded()) {
                    output.resetStream(streamId, H2ErrorCode.NO_ERROR);
                }
            }
        } catch (IOException gone) {
            // the connection is gone: nothing to tell the client
        } finally {
            output.closeStream(streamId);
        }
    }
}
