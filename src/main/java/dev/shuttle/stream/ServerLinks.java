package dev.shuttle.stream;

import dev.shuttle.backend.Backend;
import dev.shuttle.backend.ServerConnection;
import dev.shuttle.backend.ServerConnector;
import dev.shuttle.h1.H1Settings;
import dev.shuttle.io.BufferPool;
import dev.shuttle.listener.Supervisor;
import dev.shuttle.mux.H1Connection;
import java.io.IOException;
import java.util.Optional;

/**
 * The "get a server connection" step of an HTTP exchange, behind one small class: today one kept
 * connection per client connection (reused for its next request to the same backend); server-wide
 * idle pools come later and replace only this class.
 */
final class ServerLinks implements AutoCloseable {
    private final Supervisor.Child child;
    private final H1Settings settings;
    private final BufferPool buffers;
    private ServerLink kept;

    ServerLinks(Supervisor.Child child, H1Settings settings, BufferPool buffers) {
        this.child = child;
        this.settings = settings;
        this.buffers = buffers;
    }

    /** The kept connection when it goes to {@code backend}; any other kept connection is closed. */
    Optional<ServerLink> reusable(Backend backend) {
        return reusable(backend, null);
    }

    /** The kept connection when it goes to {@code backend} and, unless null, to {@code server} ({@code use-server}). */
    Optional<ServerLink> reusable(Backend backend, dev.shuttle.server.Server server) {
        if (kept != null && kept.backend() == backend && !kept.http().isClosed()
                && (server == null || kept.connection().server() == server)) {
            return Optional.of(kept.reused());
        }
        closeKept();
        return Optional.empty();
    }

    /** Connects anew (with retries, queueing); the result says why when it fails. */
    Connected connect(Backend backend, int clientPort) throws IOException {
        return connect(backend, clientPort, null);
    }

    /** Connects anew, to {@code server} when not null ({@code use-server}). */
    Connected connect(Backend backend, int clientPort, dev.shuttle.server.Server server) throws IOException {
        ServerConnector.Result result = ServerConnector.connect(backend,
                backend.config().isOptionSet("redispatch"), clientPort, server);
        if (result.connection().isEmpty()) {
            return new Connected(Optional.empty(), result);
        }
        ServerConnection connection = result.connection().get();
        child.closeOnAbort(connection.socket());
        H1Connection http = new H1Connection(connection.socket(), settings, buffers);
        return new Connected(Optional.of(new ServerLink(backend, connection, http, false)), result);
    }

    /** The outcome of {@link #connect}. */
    record Connected(Optional<ServerLink> link, ServerConnector.Result result) {}

    /** Keeps {@code link} for the next exchange, its buffers back in the pool meanwhile. */
    void keep(ServerLink link) {
        link.http().idle();
        if (kept != null && kept.connection() != link.connection()) {
            closeKept();
        }
        kept = link;
    }

    /** Closes {@code link} (after an error, or when keep-alive is off). */
    void discard(ServerLink link) {
        child.forget(link.connection().socket());
        link.close();
        if (kept != null && kept.connection() == link.connection()) {
            kept = null;
        }
    }

    private void closeKept() {
        if (kept != null) {
            ServerLink link = kept;
            kept = null;
            discard(link);
        }
    }

    @Override
    public void close() {
        closeKept();
    }
}
