package dev.shuttle.stream;

import dev.shuttle.backend.ServerTls;
import dev.shuttle.backend.TlsServers;
import dev.shuttle.mux.HttpStreamHandler;
import dev.shuttle.mux.ServerMuxFactory;
import dev.shuttle.session.Session;

/** Serves the HTTP exchanges of every client connection of the process: one {@link HttpSession} per connection. */
public final class HttpSessions implements HttpStreamHandler {
    private final Routing routing;
    private final SessionObserver observer;
    private final TlsServers tls;

    public HttpSessions(Routing routing, SessionObserver observer) {
        this(routing, observer, TlsServers.NONE);
    }

    /** @param tls the TLS contexts of the {@code ssl} servers */
    public HttpSessions(Routing routing, SessionObserver observer, TlsServers tls) {
        this.routing = routing;
        this.observer = observer;
        this.tls = tls;
    }

    @Override
    public ConnectionStreams open(Session session, ServerMuxFactory servers) {
        started(session);
        return openStream(session, servers);
    }

    @Override
    public void started(Session connection) {
        observer.started(connection);
    }

    @Override
    public ConnectionStreams openStream(Session session, ServerMuxFactory servers) {
        ServerLinks links = new ServerLinks(session.child(), servers, new ServerTls(tls, session.context()),
                session.context(), session.connectionWide(SessionLinks.class, SessionLinks::new));
        session.live().serverSide(links::killByAdmin);
        return new HttpSession(session, links, routing, observer);
    }
}
