package dev.shuttle.backend;

import dev.shuttle.server.Server;
import java.io.IOException;
import java.net.Socket;

/**
 * An established connection to a server, holding one of the server's slots until it is closed.
 * Owned by the one thread that opened it.
 */
public final class ServerConnection implements AutoCloseable {
    private final Backend backend;
    private final Server server;
    private final Socket socket;
    private final long connectMillis;
    private boolean closed;

    ServerConnection(Backend backend, Server server, Socket socket, long connectMillis) {
        this.backend = backend;
        this.server = server;
        this.socket = socket;
        this.connectMillis = connectMillis;
    }

    public Server server() {
        return server;
    }

    public Socket socket() {
        return socket;
    }

    /** How long the TCP (or UNIX) connection took to establish, for logs ({@code %Tc}). */
    public long connectMillis() {
        return connectMillis;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket that failed already: nothing left to release
        }
        backend.release(server);
    }
}
