package dev.shuttle.backend;

import dev.shuttle.sample.TlsConnection;
import dev.shuttle.server.Server;
import java.io.IOException;
import java.net.Socket;
import java.util.Optional;

/**
 * What a new connection to a server becomes once connected, before anything is sent on it: TLS for a
 * server declared with {@code ssl}, nothing for the others. Part of the connection attempt, as in
 * HAProxy, whose connection is established only once its handshake is done: a handshake that fails
 * is a failed attempt (retried, then a 503 with {@code SC}), and {@code timeout connect} bounds both.
 */
@FunctionalInterface
public interface ServerTransport {
    /** A connection ready for the exchange: its socket, its TLS if any, and what to do once it closes. */
    record Ready(Socket socket, Optional<TlsConnection> tls, Runnable onClose) {
        public static Ready plain(Socket socket) {
            return new Ready(socket, Optional.empty(), () -> { });
        }
    }

    /**
     * Makes {@code connected}, a new connection to {@code server}, ready within {@code timeoutMillis}
     * (0: no limit). On failure the caller closes {@code connected}.
     */
    Ready open(Server server, Socket connected, int timeoutMillis) throws IOException;

    /**
     * Opens the socket of a new connection to {@code server}: to its address (through its {@code
     * socks4} proxy if it has one), bound to its {@code source} if it has one. A transport that knows the request ({@link ServerTls}) also follows a
     * transparent server's destination and {@code set-bc-tos}.
     */
    default Socket dial(Server server, int clientPort, int timeoutMillis) throws IOException {
        return ServerDestinations.connect(server, ServerDestinations.address(server, null), clientPort, timeoutMillis,
                ServerDestinations.options(server, -1));
    }

    /** Connections used as they are. */
    ServerTransport PLAIN = (server, connected, timeoutMillis) -> Ready.plain(connected);
}
