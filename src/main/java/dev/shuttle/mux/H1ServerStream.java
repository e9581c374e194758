package dev.shuttle.mux;

import dev.shuttle.h1.BodyFraming;
import dev.shuttle.h1.ConnectionHeader;
import dev.shuttle.h1.H1Flag;
import dev.shuttle.h1.H1Response;
import dev.shuttle.h1.TeHeader;
import dev.shuttle.h1.WebSocketAccept;
import dev.shuttle.http.HttpVersion;
import dev.shuttle.http.RequestHead;
import dev.shuttle.io.Activity;
import dev.shuttle.sample.BackStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The exchange an HTTP/1 server connection carries: the request head with the {@code Connection}
 * header that says what the connection does after it, the body framed as it came (a chunked body
 * stays chunked), the response heads.
 */
final class H1ServerStream implements ServerStream {
    private final H1Connection connection;
    /** The request body's writes, while one goes up: the wait for the response counts from the last. */
    private Activity upload;
    /**
     * Whether the exchange waits for its final response head: until then (and only then) {@link
     * #abort()} may end the wait. Set by the exchange's thread, taken by whichever of the two comes
     * first: the head, or an abort from the upload's thread.
     */
    private final AtomicBoolean awaitingResponse = new AtomicBoolean();
    /** The accept value a WebSocket answer must carry when the proxy made the request's key, else null. */
    private String expectedAccept;
    /**
     * The request heads sent on the connection so far: the next exchange's {@code bs.id}, which
     * HAProxy 3.5's HTTP/1 mux answers with its connection's request count (0 for the first).
     */
    private long requestsSent;

    H1ServerStream(H1Connection connection) {
        this.connection = connection;
    }

    @Override
    public void sendRequestHead(RequestHead head, Announcement announcement) throws IOException {
        upload = null;
        awaitingResponse.set(true);
        head.headers().lowerCaseNames();
        boolean http11 = head.version() != HttpVersion.HTTP_1_0; // HTTP/2 requests leave as HTTP/1.1
        // RFC 9112 §9.3: close and keep-alive tokens are hop-by-hop; other tokens (upgrade) stay.
        boolean close = switch (announcement) {
            case KEEP_ALIVE -> false;
            case CLOSE -> true;
            case NOTHING -> !http11; // the version's default: no token at all
        };
        ConnectionHeader.rewrite(head.headers(), http11, close);
        TeHeader.reduce(head.headers());
        String key = head.generatedWebSocketKey();
        expectedAccept = key != null && key.equals(head.headers().first("sec-websocket-key"))
                ? WebSocketAccept.of(key) : null;
        connection.writeRequestHead(head);
        requestsSent++;
    }

    @Override
    public BodySink requestBodySink(BodySource body, boolean trailers) {
        BodyFraming framing = switch (body) {
            case H1BodySource h1 -> h1.framing();
            case HeldBody held -> new BodyFraming.Length(held.bytes().length);
            case H2BodySource h2 -> h2.contentLength() >= 0 ? new BodyFraming.Length(h2.contentLength())
                    : BodyFraming.CHUNKED;
        };
        upload = new Activity();
        return new H1BodySink(connection, framing instanceof BodyFraming.Chunked
                ? BodyForwarder.Output.CHUNKED : BodyForwarder.Output.LENGTH, upload, trailers);
    }

    @Override
    public void flush() throws IOException {
        connection.flush();
    }

    @Override
    public ResponseArrival receiveResponse(String method, long timeoutMillis) throws IOException {
        return switch (connection.readResponse(method, timeoutMillis, upload, expectedAccept)) {
            case H1Connection.Incoming.Message<H1Response> message -> received(message.message());
            case H1Connection.Incoming.Gone<H1Response> gone ->
                    new ResponseArrival.Absent(gone.timedOut(), gone.anyByte(), gone.failure());
            case H1Connection.Incoming.TooLarge<H1Response> tooLarge -> new ResponseArrival.Malformed();
            case H1Connection.Incoming.Invalid<H1Response> invalid -> new ResponseArrival.Malformed(invalid.head());
        };
    }

    @Override
    public void whenResponseSlow(long delayMillis, Runnable action) {
        connection.whenResponseSlow(delayMillis, action);
    }

    @Override
    public void responseNotSlow() {
        connection.responseNotSlow();
    }

    private ResponseArrival received(H1Response response) {
        if (!response.head().isInterim() || response.head().status() == 101) {
            if (!awaitingResponse.compareAndSet(true, false)) {
                // Aborted as the head came: its body cannot be read any more.
                return new ResponseArrival.Absent(false, false);
            }
        }
        BodyFraming framing = response.framing();
        boolean mayPersist = !(framing instanceof BodyFraming.UntilClose)
                && !response.flags().contains(H1Flag.CONNECTION_CLOSE);
        return new ResponseArrival.Received(new IncomingResponse(response.head(), new H1BodySource(connection, framing),
                framing instanceof BodyFraming.Tunnel, mayPersist));
    }

    @Override
    public void abort() {
        if (awaitingResponse.compareAndSet(true, false)) {
            connection.shutdownInput();
        }
    }

    /** The body's read sees the end of the stream at once: its input is shut. */
    @Override
    public void abortResponseBody() {
        awaitingResponse.set(false);
        connection.shutdownInput();
    }

    @Override
    public TunnelEnd tunnelEnd() {
        return new TunnelEnd(connection.socket(), connection.input(), connection.output());
    }

    /** Called before the exchange's request head goes: its {@code bs.id} is the count sent before it. */
    @Override
    public BackStream view() {
        return BackStream.http1(requestsSent);
    }
}
