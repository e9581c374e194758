package dev.shuttle.mux;

import dev.shuttle.h1.BodyFraming;
import dev.shuttle.h1.ConnectionHeader;
import dev.shuttle.h1.H1ErrorPages;
import dev.shuttle.h1.H1Flag;
import dev.shuttle.h1.H1Request;
import dev.shuttle.h1.TargetNormalization;
import dev.shuttle.h1.WebSocketAccept;
import dev.shuttle.http.ErrorResponse;
import dev.shuttle.http.ErrorResponses;
import dev.shuttle.http.HttpVersion;
import dev.shuttle.http.ResponseHead;
import dev.shuttle.io.InputBuffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One exchange on a client's HTTP/1 connection: the request that {@link H1ClientMux} read (or
 * why none came), and the HTTP/1 forms of every answer. Here live the rules of the H1 wire that
 * the exchange must not know: the {@code Connection} header a response carries, how a body is
 * re-framed for the client's version, the interim {@code 100 Continue}, error pages as bytes.
 */
final class H1ClientStream implements ClientStream {
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final H1Connection connection;
    /** The request, or null when none arrived. */
    private final H1Request request;
    private final RequestArrival arrival;
    private final long startedAtMillis;
    private final long startedNanos;
    private final long firstByteNanos;
    private final boolean first;
    /** The frontend's error messages, for the answers the connection layer gives without a request. */
    private final ErrorResponses errors;

    private H1ClientStream(H1Connection connection, H1Request request, RequestArrival arrival, long startedAtMillis,
                           long startedNanos, boolean first, ErrorResponses errors) {
        this.connection = connection;
        this.request = request;
        this.arrival = arrival;
        this.startedAtMillis = startedAtMillis;
        this.startedNanos = startedNanos;
        this.firstByteNanos = connection.requestFirstByteNanos();
        this.first = first;
        this.errors = errors;
    }

    /** The stream of what {@code incoming} brought on {@code connection}, whose wait began at the given instant. */
    static H1ClientStream of(H1Connection connection, H1Connection.Incoming<H1Request> incoming, long startedAtMillis,
                             long startedNanos, boolean first, ErrorResponses errors) {
        H1Request request = incoming instanceof H1Connection.Incoming.Message<H1Request> message
                ? message.message() : null;
        RequestArrival arrival = switch (incoming) {
            case H1Connection.Incoming.Message<H1Request> message -> new RequestArrival.Received(received(request));
            case H1Connection.Incoming.Gone<H1Request> gone ->
                    new RequestArrival.Absent(gone.timedOut(), gone.anyByte(), gone.failure());
            // HAProxy 3.x: 414 for a request line longer than a buffer, 431 for too large header fields.
            case H1Connection.Incoming.TooLarge<H1Request> tooLarge ->
                    new RequestArrival.Malformed(tooLarge.startLineComplete() ? 431 : 414);
            case H1Connection.Incoming.Invalid<H1Request> invalid ->
                    new RequestArrival.Malformed(invalid.error().status(), invalid.head());
        };
        return new H1ClientStream(connection, request, arrival, startedAtMillis, startedNanos, first, errors);
    }

    /** The request in neutral terms; the line is taken for the log before the target is normalised, as HAProxy logs it. */
    private static IncomingRequest received(H1Request request) {
        String line = request.head().requestLine();
        TargetNormalization.normalize(request.head(), request.target());
        boolean http11 = request.head().version() == HttpVersion.HTTP_1_1;
        boolean asksClose = request.flags().contains(H1Flag.CONNECTION_CLOSE)
                || (!http11 && !request.flags().contains(H1Flag.CONNECTION_KEEP_ALIVE));
        return new IncomingRequest(request.head(), line, request.framing().hasBody(), asksClose,
                request.flags().contains(H1Flag.CLOSE_SERVER_AFTER), request.flags().contains(H1Flag.UPGRADE));
    }

    @Override
    public RequestArrival arrival() {
        return arrival;
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
    public long firstByteNanos() {
        return firstByteNanos == 0 ? startedNanos : firstByteNanos;
    }

    @Override
    public boolean firstOfConnection() {
        return first;
    }

    @Override
    public BodySource requestBody() {
        return new H1BodySource(connection, request.framing());
    }

    @Override
    public BufferedBody bufferRequestBody(long timeoutMillis, long atLeast) throws IOException {
        if (!(request.framing() instanceof BodyFraming.Length length) || length.length() == 0) {
            return BufferedBody.STREAMED;
        }
        if (request.flags().remove(H1Flag.EXPECT_CONTINUE)) {
            // The body is wanted now: answer the client's wait here rather than forward the expectation.
            request.head().headers().removeAll("Expect");
            connection.writeRaw(CONTINUE);
        }
        InputBuffer input = connection.input();
        if (length.length() > input.capacity()) {
            return BufferedBody.STREAMED;
        }
        long wanted = atLeast > 0 ? Math.min(atLeast, length.length()) : length.length();
        boolean complete = connection.bufferBody(wanted, timeoutMillis);
        // The body stays in the buffer for the server; the rules get a copy.
        int available = (int) Math.min(input.buffered(), length.length());
        return new BufferedBody(complete, Arrays.copyOfRange(input.array(), input.start(), input.start() + available));
    }

    @Override
    public void sendInterim(ResponseHead head) throws IOException {
        asHttp11(head);
        head.headers().lowerCaseNames();
        connection.writeResponseHead(head);
    }

    @Override
    public boolean responseNeedsClose(IncomingResponse response) {
        return output(response) == BodyForwarder.Output.UNTIL_CLOSE;
    }

    @Override
    public BodySink sendResponseHead(ResponseHead head, IncomingResponse response, boolean close, boolean trailers)
            throws IOException {
        BodyForwarder.Output output = output(response);
        asHttp11(head);
        ResponseFraming.prepare(head, framing(response), output, http11Client(), close);
        head.headers().lowerCaseNames();
        connection.writeResponseHead(head);
        return new H1BodySink(connection, output, null, trailers);
    }

    @Override
    public ClientFailureWatch watchFailure(Runnable onFailure) {
        return ClientFailureWatch.start(connection, onFailure);
    }

    @Override
    public ClientFailureWatch deferredFailureWatch(Runnable onFailure, boolean endsToo) {
        return ClientFailureWatch.deferred(connection, onFailure, endsToo);
    }

    @Override
    public void whenWaitSlow(long delayMillis, Runnable action) {
        connection.whenWaitSlow(delayMillis, action);
    }

    @Override
    public void waitNotSlow() {
        connection.responseNotSlow();
    }

    @Override
    public long sendReply(ErrorResponse message, boolean close) {
        byte[] bytes = H1ErrorPages.bytes(message, H1ErrorPages.ClientConnection.of(request.head().version(), close));
        writeQuietly(bytes);
        return bytes.length;
    }

    @Override
    public long sendReply(ResponseHead head, byte[] body, boolean close) {
        ConnectionHeader.rewriteResponse(head.headers(), head.version() == HttpVersion.HTTP_1_1, http11Client(), close);
        head.headers().lowerCaseNames();
        long before = connection.bytesWritten();
        try {
            connection.writeResponseHead(head);
            connection.output().write(body);
            connection.flush();
        } catch (IOException gone) {
            // the client left; the log still tells what was answered
        }
        return connection.bytesWritten() - before;
    }

    @Override
    public long sendErrorWithoutRequest(int status) {
        byte[] bytes = errors.connectionLevelBytes(status);
        writeQuietly(bytes);
        return bytes.length;
    }

    @Override
    public TunnelEnd switchToTunnel(ResponseHead head) throws IOException {
        if (head.version() == HttpVersion.HTTP_2) {
            addWebSocketAccept(head);
        }
        asHttp11(head);
        head.headers().lowerCaseNames();
        connection.writeResponseHead(head);
        return new TunnelEnd(connection.socket(), connection.input(), connection.output());
    }

    @Override
    public long bytesWritten() {
        return connection.bytesWritten();
    }

    @Override
    public long requestBytesRead() {
        return connection.requestBytesRead();
    }

    /**
     * The 101 an HTTP/2 server's answer to an extended CONNECT stands for carries no {@code
     * Sec-WebSocket-Accept} (RFC 8441 §5): it gets the one the client's key calls for (RFC 6455
     * §4.2.2), as HAProxy 3.5's HTTP/1 side adds it. (An HTTP/1.1 server's 101 has its own.)
     */
    private void addWebSocketAccept(ResponseHead head) {
        String key = request.head().headers().first("sec-websocket-key");
        if (head.status() == 101 && key != null && !head.headers().contains("sec-websocket-accept")
                && "websocket".equalsIgnoreCase(head.headers().first("upgrade"))) {
            head.headers().add("sec-websocket-accept", WebSocketAccept.of(key.strip()));
        }
    }

    private boolean http11Client() {
        return request.head().version() == HttpVersion.HTTP_1_1;
    }

    /**
     * A response keeps its framing, as HAProxy forwards it: a chunked one stays chunked for an
     * HTTP/1.1 client (an HTTP/1.0 one gets the bytes until close), a close-delimited one stays
     * close-delimited and closes the client connection.
     */
    private BodyForwarder.Output output(IncomingResponse response) {
        return switch (framing(response)) {
            case BodyFraming.None none -> BodyForwarder.Output.LENGTH;
            case BodyFraming.Length length -> BodyForwarder.Output.LENGTH;
            case BodyFraming.Chunked chunked -> http11Client() ? BodyForwarder.Output.CHUNKED
                    : BodyForwarder.Output.UNTIL_CLOSE;
            default -> BodyForwarder.Output.UNTIL_CLOSE;
        };
    }

    private static BodyFraming framing(IncomingResponse response) {
        return switch (response.body()) {
            case H1BodySource h1 -> h1.framing();
            case HeldBody held -> new BodyFraming.Length(held.bytes().length);
            case H2BodySource h2 -> h2.contentLength() >= 0 ? new BodyFraming.Length(h2.contentLength())
                    : BodyFraming.CHUNKED;
        };
    }

    /** A response an HTTP/2 server sent leaves as HTTP/1.1, the version an HTTP/1 client reads. */
    private static void asHttp11(ResponseHead head) {
        if (head.version() == HttpVersion.HTTP_2) {
            head.version(HttpVersion.HTTP_1_1);
        }
    }

    private void writeQuietly(byte[] bytes) {
        try {
            connection.writeRaw(bytes);
        } catch (IOException gone) {
            // the client left; the log still tells what was answered
        }
    }
}
