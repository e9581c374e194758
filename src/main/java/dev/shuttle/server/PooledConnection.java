package dev.shuttle.server;

/**
 * A server connection as its server's {@link IdleConnectionPool} accounts for it. The pool keeps,
 * for each connection, the one counter it is counted in: that record, not whether the connection
 * sits in a list, is what a pool's counters follow. HAProxy learned this the hard way (a fix of
 * 2024, "connections: permit to permanently remove an idle conn", cleared the flags that said a
 * connection was accounted while removing it from a list, and the server's counters wrapped).
 *
 * <p>Locking: {@link #accounting} and {@link #idleOrder} are guarded by the lock of the pool
 * the connection belongs to; the other state belongs to the thread that owns the connection.
 */
public abstract class PooledConnection {
    /** The counter a connection is counted in. */
    public enum Accounting {
        /** Not counted: not yet registered, private to a client session, or closed. */
        NONE,
        /** Owned by one user (an exchange); a connection a client session keeps private is not counted at all. */
        USED,
        /** In the idle list: it carried one complete exchange. */
        IDLE,
        /** In the safe list: it was reused at least once. */
        SAFE
    }

    private final long hash;
    // Guarded by: the owning pool's lock
    Accounting accounting = Accounting.NONE;
    // Guarded by: the owning pool's lock (the pool's sequence number when it entered its list)
    long idleOrder;

    protected PooledConnection(long hash) {
        this.hash = hash;
    }

    /** The {@link ConnectionHash} of the connection's parameters. */
    public final long hash() {
        return hash;
    }

    /**
     * Whether the connection still looks usable after waiting idle: no byte arrived and the server
     * did not close it. Called by the pool's owner without the pool lock, on a connection it
     * took out of the pool; may wait up to {@code waitMillis} for an end of stream to show.
     */
    public abstract boolean stillUsable(long waitMillis);

    /** Closes the socket. Called without any pool lock, by whoever removed it from the pool. */
    public abstract void close();
}
