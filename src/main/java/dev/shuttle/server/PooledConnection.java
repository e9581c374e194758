package dev.shuttle.server;

/**
 * A server connection as its server's {@link IdleConnectionPool} accounts for it. The pool keeps,
 * for each connection, the one counter it is counted in: that record, not whether the connection
 * sits in a list, is what a pool's counters follow. HAProxy learned this the hard way (a fix of
 * 2024, "connections: permit to permanently remove an idle conn", cleared the flags that said a
 * connection was accounted while removing it from a list, and the server's counters wrapped).
 *
 * <p>A multiplexed connection (HTTP/2) may be used by several exchanges at once: while it has
 * free stream slots it also sits in its server's "available" list (HAProxy's {@code
 * srv->per_thr[].avail_conns}), where other exchanges attach to it.
 *
 * <p>Locking: {@link #accounting}, {@link #idleOrder}, {@link #users}, {@link #started},
 * {@link #available} and {@link #shared} are guarded by the lock of the pool the connection belongs
 * to; the other state belongs to the thread that owns the connection (the threads of its exchanges
 * for a shared one).
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
    // Guarded by: the owning pool's lock (exchanges using it now: one, or several when multiplexed)
    int users;
    // Guarded by: the owning pool's lock (exchanges started on it since it opened, for max-reuse)
    int started;
    // Guarded by: the owning pool's lock (whether it sits in its server's available list now)
    boolean available;
    // Guarded by: the owning pool's lock (whether other exchanges may attach while it is in use)
    boolean shared;

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

    /**
     * How many more exchanges could attach to the connection now, with {@code users} using it and
     * {@code started} exchanges started on it since it opened (HAProxy's mux avail_streams(): the
     * stream limits, the identifiers left, {@code max-reuse}); 0 for a connection that carries one
     * exchange at a time, which is never shared. Called under the pool's lock: must not block.
     */
    protected int freeStreams(int users, int started) {
        return 0;
    }

    /**
     * Whether the connection carries one exchange at a time for its whole life (HTTP/1): then
     * {@link #freeStreams} is always 0, so the pool never shares it, never lists it as available
     * and never attaches a second user to it. Fixed when the connection is made: read without the
     * pool's lock. False unless a subclass knows (the pool then takes its lock as for any).
     */
    protected boolean oneExchangeAtATime() {
        return false;
    }

    /** Closes the socket. Called without any pool lock, by whoever removed it from the pool. */
    public abstract void close();
}
