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

    H2ServerMux(H2ServerConnection connection) {
        this.connection = connection;
    }

    /** A stream of its own for the calling exchange; other exchanges may hold streams of the same connection. */
    @Override
    public ServerStream openStream() {
        H2ServerStream stream = connection.openStream();
        return stream != null ? stream : new RefusedStream();
    }

    @Override
    public void streamEnded(ServerStream stream) {
        if (stream instanceof H2ServerStream own) {
            own.finish();
        }
    }

    @Override
    public void idle() {
        // Each exchange ends its own stream (streamEnded): nothing is the connection's to drop here.
    }

    @Override
    public boolean multiplexed() {
        return true;
    }

    @Override
    public int streamCapacity() {
        return connection.streamCapacity();
    }

    @Override
    public boolean looksReusable(long waitMillis) {
        return connection.canOpenStream();
    }

    @Override
    public boolean isClosed() {
        return connection.isClosed() || connection.goingAway();
    }

    /** Closes the connection: the streams still on it fail with it (its reader tells them). */
    @Override
    public void close() {
        connection.close();
    }

    /** The stream of a connection that can open none: the request fails before anything is sent, to be tried elsewhere. */
    private static final class RefusedStream implements ServerStream {
        @Override
        public void sendRequestHead(RequestHead head, Announcement announcement) throws IOException {
            throw StreamRefused.beforeSending("the HTTP/2 connection opens no more streams");
        }

        @Override
        public BodySink requestBodySink(BodySource body, boolean trailers) {
            throw new IllegalStateException("no stream");
        }

        @Override
        public void flush() throws IOException {
            throw StreamRefused.beforeSending("the HTTP/2 connection opens no more streams");
        }

        @Override
        public ResponseArrival receiveResponse(String method, long timeoutMillis) {
            return new ResponseArrival.Absent(false, false, StreamRefused.beforeSending("no stream"));
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
