package dev.shuttle.stream;

import dev.shuttle.backend.Backend;
import dev.shuttle.backend.ServerConnection;
import dev.shuttle.mux.ServerMux;
import dev.shuttle.server.PooledConnection;

/**
 * An HTTP connection to a server: the connection (with its server slot while an exchange runs),
 * its mux, and what reuse needs to know of its history. Between exchanges it waits in
 * its server's idle pool, or with the client session that keeps it private.
 *
 * <p>Owned by one thread at a time: the exchange using it, or the pool's purger while it checks it.
 */
final class ServerLink extends PooledConnection {
    private final Backend backend;
    private final ServerConnection connection;
    private final ServerMux mux;
    private int exchanges;
    private boolean used;
    private boolean privateToSession;

    ServerLink(Backend backend, ServerConnection connection, ServerMux mux, long hash) {
        super(hash);
        this.backend = backend;
        this.connection = connection;
        this.mux = mux;
    }

    Backend backend() {
        return backend;
    }

    ServerConnection connection() {
        return connection;
    }

    ServerMux mux() {
        return mux;
    }

    /**
     * Whether the current exchange runs on a connection that already carried one: the server may
     * have closed it meanwhile, which makes a retry on a new connection safe.
     */
    boolean used() {
        return used;
    }

    /** Marks the start of an exchange on this connection. */
    void exchangeStarts() {
        used = exchanges > 0;
        exchanges++;
    }

    /** Exchanges carried so far, the current one included. */
    int exchanges() {
        return exchanges;
    }

    /**
     * Whether the connection serves its client session only: HAProxy makes a connection private
     * when the server authenticates the connection rather than the requests (NTLM, Negotiate).
     */
    boolean isPrivate() {
        return privateToSession;
    }

    void makePrivate() {
        privateToSession = true;
    }

    @Override
    public boolean stillUsable(long waitMillis) {
        return mux.looksReusable(waitMillis);
    }

    @Override
    public void close() {
        connection.closing();
        mux.close();
        connection.close();
    }
}
