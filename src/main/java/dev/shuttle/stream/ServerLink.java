package dev.shuttle.stream;

import dev.shuttle.backend.Backend;
import dev.shuttle.backend.ServerConnection;
import dev.shuttle.mux.H1Connection;

/**
 * An HTTP/1.1 connection to a server, with the server slot it holds. Kept by a client connection
 * between its exchanges while both sides allow keep-alive.
 *
 * @param used whether it already carried an exchange (a reused connection may have been closed
 *             by the server in the meantime, which makes a retry safe)
 */
record ServerLink(Backend backend, ServerConnection connection, H1Connection http, boolean used) {
    ServerLink reused() {
        return new ServerLink(backend, connection, http, true);
    }

    void close() {
        http.close();
        connection.close();
    }
}
