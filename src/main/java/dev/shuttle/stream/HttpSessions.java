package dev.shuttle.stream;

import dev.shuttle.mux.HttpStreamHandler;
import dev.shuttle.mux.ServerMuxFactory;
import dev.shuttle.session.Session;

/** Serves the HTTP exchanges of every client connection of the process: one {@link HttpSession} per connection. */
public final class HttpSessions implements HttpStreamHandler {
    private final Routing routing;
    private final SessionObserver observer;

    public HttpSessions(Routing routing, SessionObserver observer) {
        this.routing = routing;
        this.observer = observer;
    }

    @Override
    public ConnectionStreams open(Session session, ServerMuxFactory servers) {
        observer.started(session);
        return new HttpSession(session, new ServerLinks(session.child(), servers), routing, observer);
    }
}
