package dev.shuttle.mux;

import dev.shuttle.http.RequestHead;
import java.io.IOException;

/**
 * A connection to a server speaking HTTP/2, as the exchanges and the pools see it ({@link
 * ServerMux}): each exchange opens a stream of its own on it, and the stream leaves the connection
 * when the exchange ends. The connection is dead only when it really is (seed 004: HAProxy 3.4
 * closed connections that had lost their owner, halving its reuse ratio at one stream at a time):
 * closed, or told to go away by the server.
 */
final class H2ServerMux implements ServerMux {
    private final H2ServerConnection connection;
    /** The stream of the exchange using the connection now, or null (the exchange's thread). */
    private H2ServerStream current;

    H2ServerMux(H2ServerConnection connection) {
        this.connection = connection;
    }

    @Override
    public ServerStream openStream() {
        if (current != null) {
            current.finish();
        }
        current = connection.openStream();
        return current != null ? current : new RefusedStream();
    }

    @Override
    public void idle() {
        if (current != null) {
            current.finish();
            current = null;
        }
    }

    @Override
    public boolean looksReusable(long waitMillis) {
        return connection.canOpenStream();
    }

    @Override
    public boolean isClosed() {
        return connection.isClosed() || connection.goingAway();
    }

    @Override
    public void close() {
        if (current != null) {
            connection.forget(current);
            current = null;
        }
        connection.close();
    }

    /** The stream of a connection that can open none: the request fails before anything is sent, to be tried elsewhere. */
    private static final class RefusedStream implements ServerStream {
        @Override
        public void sendRequestHead(RequestHead head, Announcement announcement) throws IOException {
            throw new StreamRefused("the HTTP/2 connection opens no more streams");
        }

        @Override
        public BodySink requestBodySink(BodySource body, boolean trailers) {
            throw new IllegalStateException("no stream");
        }

        @Override
        public void flush() throws IOException {
            throw new StreamRefused("the HTTP/2 connection opens no more streams");
        }

        @Override
        public ResponseArrival receiveResponse(String method, long timeoutMillis) {
            return new ResponseArrival.Absent(false, false, new StreamRefused("no stream"));
        }

        @Override
        public TunnelEnd tunnelEnd() {
            throw new IllegalStateException("no stream");
        }

        @Override
        public void abort() {
            // nothing was sent
        }
    }
}
