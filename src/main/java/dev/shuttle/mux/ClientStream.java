package dev.shuttle.mux;

import dev.shuttle.http.ErrorResponse;
import dev.shuttle.http.ResponseHead;
import java.io.IOException;

/**
 * The client side of one HTTP exchange, whatever the protocol: what arrived where a request was
 * awaited, the request's body, and the ways an answer goes back (interim responses, a response
 * head and its body, a reply Shuttle makes itself, a tunnel). HTTP/1 implements it over one
 * connection ({@link H1ClientStream}); HTTP/2 will implement it as one stream of a multiplexed
 * connection. The wire forms (status lines, {@code Connection} headers, chunked framing, error
 * pages as bytes) are the implementation's: the exchange never writes bytes itself.
 *
 * <p>Owned by the exchange's thread; the request body may be read by an upload thread of the
 * exchange's while this one sends interim responses and the response.
 */
public interface ClientStream {
    /** What came: a request, or why none did. */
    RequestArrival arrival();

    /** When the wait for this request began ({@code %tr}), a {@link System#currentTimeMillis()} value. */
    long startedAtMillis();

    /** The same instant, a {@link System#nanoTime()} value, for the timers. */
    long startedNanos();

    /** When the request's first byte arrived ({@link System#nanoTime()}): the idle time before it is {@code %Ti}. */
    default long firstByteNanos() {
        return startedNanos();
    }

    /** Whether this is the first request of the client connection. */
    boolean firstOfConnection();

    /** The request body; read it once, by forwarding it to a server's sink. */
    BodySource requestBody();

    /**
     * Reads the request body into memory ({@code option http-buffer-request}, {@code wait-for-body}),
     * answering {@code Expect: 100-continue} first: for its first {@code atLeast} bytes when positive,
     * else whole, waiting at most {@code timeoutMillis} (0: no limit). A body that cannot be held
     * (none, not delimited by a length, larger than a buffer) is left to be streamed.
     */
    BufferedBody bufferRequestBody(long timeoutMillis, long atLeast) throws IOException;

    /** Sends an interim (1xx) response head at once. */
    void sendInterim(ResponseHead head) throws IOException;

    /**
     * Whether sending {@code response} to this client ends the connection whatever was decided:
     * HTTP/1 cannot delimit a body that ends with the server's close, nor a chunked one for an
     * HTTP/1.0 client, other than by closing.
     */
    boolean responseNeedsClose(IncomingResponse response);

    /**
     * Sends the head of {@code response} (as rules left it, in {@code head}), framed for its body, and
     * returns where the body goes. {@code close}: the client connection ends after this exchange,
     * which the head says; without {@code trailers}, the body's trailer fields are dropped
     * ({@code option http-drop-response-trailers}).
     */
    BodySink sendResponseHead(ResponseHead head, IncomingResponse response, boolean close, boolean trailers)
            throws IOException;

    /**
     * Sends a reply Shuttle made itself (an error page, a {@code return}, a redirect) and flushes it.
     * {@code close}: the client connection ends after it. Returns the bytes sent.
     */
    long sendReply(ErrorResponse message, boolean close) throws IOException;

    /**
     * Sends a reply whose head {@code http-after-response} rules rewrote: {@code head}, then {@code
     * body}. Returns the bytes sent.
     */
    long sendReply(ResponseHead head, byte[] body, boolean close) throws IOException;

    /**
     * Answers {@code status} where no request could be read (a bad or late head): the connection
     * layer's own page, as HAProxy's H1 layer sends it. Returns the bytes sent.
     */
    long sendErrorWithoutRequest(int status) throws IOException;

    /** Sends {@code head} (a 101, or a 2xx to CONNECT) as it is and hands over the client's side of a tunnel. */
    TunnelEnd switchToTunnel(ResponseHead head) throws IOException;

    /**
     * Until the returned watch closes, runs {@code onFailure} once, on another thread, if the client
     * resets its connection: the exchange then stops waiting on the server ({@link ClientFailureWatch}).
     * Streams that cannot tell return {@link ClientFailureWatch#NEVER}.
     */
    default ClientFailureWatch watchFailure(Runnable onFailure) {
        return ClientFailureWatch.NEVER;
    }

    /**
     * As {@link #watchFailure}, but the watch starts only with {@link ClientFailureWatch#start()},
     * which may come from another thread while the exchange's thread waits on the server and
     * nothing else reads the client. With {@code endsToo} ({@code option abortonclose}), an HTTP/1
     * client's close of its sending side (a FIN) fires it too; an HTTP/2 stream's end of its request
     * is no such thing (its connection's close already fires the watch).
     */
    default ClientFailureWatch deferredFailureWatch(Runnable onFailure, boolean endsToo) {
        return ClientFailureWatch.NEVER;
    }

    /**
     * Runs {@code action} once, on the read-deadline watcher's thread, unless {@link #waitNotSlow()}
     * comes within {@code delayMillis}: for what is worth doing only when the wait for a server slot
     * or connection lasts (starting a {@link #deferredFailureWatch}). Streams that cannot tell never
     * run it.
     */
    default void whenWaitSlow(long delayMillis, Runnable action) {}

    /** The action of {@link #whenWaitSlow} no longer runs (if it has not yet). */
    default void waitNotSlow() {}

    /** Whether this is one stream of a multiplexed connection (HTTP/2), which outlives it. */
    default boolean multiplexed() {
        return false;
    }

    /** Bytes sent to the client on this stream so far, heads included. */
    long bytesWritten();

    /** Bytes of this stream's request read from the client so far, head included ({@code %U}). */
    default long requestBytesRead() {
        return 0;
    }

    /**
     * A request body read into memory.
     *
     * @param complete whether the whole body (or the {@code atLeast} bytes asked for) arrived; true
     *                 also when there was nothing to hold
     * @param bytes    what arrived, for the rules ({@code req.body}); null when the body cannot be
     *                 held and is streamed as usual
     */
    record BufferedBody(boolean complete, byte[] bytes) {
        /** No body to hold, or one that cannot be held: it is streamed as usual. */
        public static final BufferedBody STREAMED = new BufferedBody(true, null);
    }
}
