package dev.shuttle.mux;

import dev.shuttle.session.Session;
import java.io.IOException;

/**
 * What serves the HTTP exchanges of client connections, implemented by {@code stream}: the mux
 * reads requests (or, for HTTP/2, streams) and hands each to the handler of its connection.
 */
public interface HttpStreamHandler {
    /**
     * A client connection's exchanges begin; the handler of its streams is closed when it ends.
     *
     * @param servers makes the muxes of the server connections its exchanges open
     */
    ConnectionStreams open(Session session, ServerMuxFactory servers);

    /**
     * A multiplexed connection's exchanges begin (HTTP/2): told once per connection, as {@link
     * #open} tells it; each stream then gets its own {@link #openStream}.
     */
    void started(Session connection);

    /**
     * The exchanges of one stream of a multiplexed connection, on its own session ({@link
     * Session#forStream()}): like {@link #open}, without announcing the connection again.
     */
    ConnectionStreams openStream(Session stream, ServerMuxFactory servers);

    /** The exchanges of one client connection. */
    interface ConnectionStreams extends AutoCloseable {
        /** Serves one exchange to its end; true when the client connection may carry another. */
        boolean serve(ClientStream stream) throws IOException;

        /** The client connection ends: whatever its exchanges still hold is closed. */
        @Override
        void close();
    }
}
