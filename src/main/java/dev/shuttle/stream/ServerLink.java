package dev.shuttle.stream;

import dev.shuttle.backend.Backend;
import dev.shuttle.backend.ServerConnection;
import dev.shuttle.mux.ServerMux;
import dev.shuttle.server.PooledConnection;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP connection to a server: the connection (with its server slot while an exchange runs),
 * its mux, and what reuse needs to know of its history. Between exchanges it waits in
 * its server's idle pool, or with the client session that keeps it private.
 *
 * <p>Owned by one thread at a time (the exchange using it, or the pool's purger while it checks
 * it), but for a multiplexed connection its server shares: then the exchanges attached to it use it
 * at once, each on a stream of its own, and only what is atomic or the pool's here is shared.
 */
final class ServerLink extends PooledConnection {
    private final Backend backend;
    private final ServerConnection connection;
    private final ServerMux mux;
    /** Exchanges carried so far (atomic: the exchanges of a shared connection start from their own threads). */
    private final AtomicInteger exchanges = new AtomicInteger();
    private volatile boolean privateToSession;

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
     * Marks the start of an exchange on this connection; returns whether the connection carried
     * one before (the server may have closed it meanwhile, which makes a retry on a new connection
     * safe).
     */
    boolean exchangeStarts() {
        return exchanges.getAndIncrement() > 0;
    }

    /** Exchanges carried so far, the current ones included. */
    int exchanges() {
        return exchanges.get();
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

    /**
     * HAProxy's h2_avail_streams(): what the mux can carry at once less what is in flight, and no
     * more than {@code max-reuse} lets start (a connection carries {@code max-reuse + 1} exchanges
     * at most); 0 for HTTP/1, which never shares a connection.
     */
    @Override
    protected int freeStreams(int users, int started) {
        if (!mux.multiplexed()) {
            return 0;
        }
        long free = (long) mux.streamCapacity() - users;
        int maxReuse = connection.server().config().pooling().maxReuse();
        if (maxReuse >= 0) {
            free = Math.min(free, (long) maxReuse + 1 - started);
        }
        return (int) Math.max(0, free);
    }

    @Override
    protected boolean oneExchangeAtATime() {
        return !mux.multiplexed();
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
