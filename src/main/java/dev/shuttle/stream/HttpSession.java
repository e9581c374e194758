package dev.shuttle.stream;

import dev.shuttle.mux.ClientStream;
import dev.shuttle.mux.HttpStreamHandler;
import dev.shuttle.session.Session;
import java.io.IOException;

/**
 * The exchanges of one client connection in HTTP mode: each stream the mux reads becomes an
 * {@link HttpExchange}; the server connections they leave for the next one are kept in a {@link
 * ServerLinks} that lives as long as the client connection.
 */
final class HttpSession implements HttpStreamHandler.ConnectionStreams {
    private final Session session;
    private final ServerLinks servers;
    private final Routing routing;
    private final SessionObserver observer;

    HttpSession(Session session, ServerLinks servers, Routing routing, SessionObserver observer) {
        this.session = session;
        this.servers = servers;
        this.routing = routing;
        this.observer = observer;
    }

    @Override
    public boolean serve(ClientStream stream) throws IOException {
        boolean more = new HttpExchange(session, stream, servers, routing, observer).run();
        if (more) {
            // What the exchange left in the context goes: an idle connection holds its session's state only.
            session.context().endExchange();
        }
        return more;
    }

    @Override
    public void close() {
        servers.close();
    }
}
