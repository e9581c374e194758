package dev.shuttle.mux;

import dev.shuttle.http.RequestHead;
import dev.shuttle.sample.BackStream;
import java.io.IOException;

/**
 * The server side of one HTTP exchange, whatever the protocol: send the request head and its
 * body, receive the response heads (interim ones first), and hand over a tunnel. HTTP/1 implements
 * it as the one exchange its connection carries at a time ({@link H1ServerStream}); HTTP/2 implements
 * it as one stream of a connection ({@link H2ServerStream}).
 *
 * <p>Owned by the exchange's thread, but for the request body's sink, which an upload thread of
 * the exchange's writes while this one reads the response.
 */
public interface ServerStream {
    /** What the request head says about the server connection's persistence, on protocols where it says anything. */
    enum Announcement {
        /** The connection stays open for another request (HTTP/1.0: {@code Connection: keep-alive}). */
        KEEP_ALIVE,
        /** The connection closes after this exchange (HTTP/1.1: {@code Connection: close}). */
        CLOSE,
        /** Nothing either way: the client's {@code close}/{@code keep-alive} tokens are dropped. */
        NOTHING
    }

    /** Writes the request head (not flushed: the body or {@link #flush()} follows). */
    void sendRequestHead(RequestHead head, Announcement announcement) throws IOException;

    /**
     * Where the request body goes, framed as {@code body} needs on this protocol; without
     * {@code trailers}, its trailer fields are dropped ({@code option http-drop-request-trailers}).
     */
    BodySink requestBodySink(BodySource body, boolean trailers);

    /** Sends what was written so far. */
    void flush() throws IOException;

    /** Waits up to {@code timeoutMillis} (0: no limit) for the next response head to a request made with {@code method}. */
    ResponseArrival receiveResponse(String method, long timeoutMillis) throws IOException;

    /**
     * Runs {@code action} once, on another thread, if the response head has not come within
     * {@code delayMillis} of this call, unless {@link #responseNotSlow()} came first: what is worth
     * doing only while a server is slow to answer ({@link ClientFailureWatch}). Streams that cannot
     * tell (HTTP/2, TLS) never run it.
     */
    default void whenResponseSlow(long delayMillis, Runnable action) {}

    /** The action of {@link #whenResponseSlow} no longer runs (if it has not yet). */
    default void responseNotSlow() {}

    /** The server's side of a tunnel, once the response switched protocols. */
    TunnelEnd tunnelEnd();

    /**
     * Gives up the exchange from another thread (its request body broke, or its client left): a
     * wait for the response ends at once, as if the server had closed. The connection serves no
     * other exchange afterwards.
     */
    void abort();

    /**
     * Gives up reading the response body from another thread (its client reset the connection):
     * the body's wait ends at once, as if the server had closed. The connection serves no other
     * exchange afterwards.
     */
    default void abortResponseBody() {
        abort();
    }

    /** What the fetches read of this stream and its connection ({@code bc_nb_streams}, {@code bs.id}...). */
    default BackStream view() {
        return BackStream.HTTP1;
    }
}
