package dev.shuttle.stream;

import dev.shuttle.server.IdleConnectionPool;
import dev.shuttle.server.Server;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The multiplexed server connections a client session has attached to itself while they are in
 * use (configuration.txt, "http-reuse safe"; 3.5's session.c {@code session_add_conn()} and
 * backend.c {@code be_reuse_connection()}, which looks at the session's connections first). Under
 * {@code safe} an HTTP/2 server connection is not put on its server's available list, for the
 * head-of-line risk another client's streams would run; the session's own streams share it
 * instead, within its free stream slots, and a second client connection does not see it. It
 * leaves the session when the last of the session's exchanges on it ends (3.5's {@code
 * h2_detach()}, {@code session_unown_conn()}), to go back to its server's lists as any connection.
 * The session's private multiplexed connections in use ({@code http-reuse never}, and those a
 * server authenticated) are shared by its streams the same way (3.5's session_get_conn() returns
 * any of the session's connections with a free stream); their server does not count them, so
 * their exchanges are counted here.
 *
 * <p>One per client connection, shared by its streams (an HTTP/2 client's run each on its own
 * thread): every method takes {@link #lock}, and a stream leaving a connection ({@link #leave})
 * does so under it too, so that no stream joins a connection its last user is putting back.
 * Lock order: this lock, then the server pool's.
 *
 * <p>An HTTP/1 client's session never attaches a connection (its server connections are not
 * multiplexed), yet each of its exchanges looks here twice ({@link #join}, {@link #leave}): while
 * nothing is attached, both answer from {@link #attachedCount} without the lock (a lock and a
 * hash lookup fewer per request; docs/benchmarks.md, "Keep-alive CPU per request"). A link the
 * caller uses is attached only if the count says so, since a link leaves only through
 * {@link #leave}.
 */
final class SessionLinks {
    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by: lock
    private final List<ServerLink> attached = new ArrayList<>();
    /** The exchanges on each attached private connection, which no server pool counts. */
    // Guarded by: lock
    private final Map<ServerLink, Integer> privateUsers = new HashMap<>();
    /** {@code attached.size()}, written under {@link #lock}, read without it to skip an empty session. */
    private volatile int attachedCount;

    /** Attaches {@code link}, which the caller's exchange uses now, to the session. */
    void add(ServerLink link) {
        lock.lock();
        try {
            if (!attached.contains(link)) {
                attached.add(link);
                attachedCount = attached.size();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Attaches {@code link}, a private connection the caller's exchange uses now, to the session,
     * counting that exchange; nothing when it is attached already (its exchanges joined it).
     */
    void addPrivate(ServerLink link) {
        lock.lock();
        try {
            if (!attached.contains(link)) {
                attached.add(link);
                attachedCount = attached.size();
                privateUsers.put(link, 1);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * One more exchange on a connection of the session's to {@code server} with the pool key
     * {@code hash} that has a free stream slot, counted as one more user in its server's pool;
     * null when there is none.
     */
    ServerLink join(Server server, long hash) {
        if (attachedCount == 0) {
            return null;
        }
        lock.lock();
        try {
            for (ServerLink link : attached) {
                if (link.connection().server() != server || link.mux().isClosed()) {
                    continue;
                }
                Integer users = privateUsers.get(link);
                if (users != null) {
                    // A private connection is the session's whatever its key (3.5 keys it by the same hash,
                    // but a never connection here has none: the session's own are looked up by server).
                    if (link.freeStreams(users, link.exchanges()) > 0) {
                        privateUsers.put(link, users + 1);
                        return link;
                    }
                } else if (link.hash() == hash && server.idleConnections().join(link)) {
                    return link;
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The caller's exchange leaves {@code link} (counted here when private, else {@link
     * IdleConnectionPool#detach}). True when it was the last one on it: the connection is then no
     * longer attached to the session, and the caller puts it back, keeps it or closes it as for
     * any connection. False while other exchanges use it.
     */
    boolean leave(ServerLink link) {
        if (attachedCount == 0) {
            // Not attached, so not counted here, and no other stream can join it through the session.
            return link.connection().server().idleConnections().detach(link);
        }
        lock.lock();
        try {
            Integer users = privateUsers.get(link);
            if (users != null) {
                if (users > 1) {
                    privateUsers.put(link, users - 1);
                    return false;
                }
                privateUsers.remove(link);
                attached.remove(link);
                attachedCount = attached.size();
                return true;
            }
            boolean last = link.connection().server().idleConnections().detach(link);
            if (last) {
                attached.remove(link);
                attachedCount = attached.size();
            }
            return last;
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@code link} is attached to the session now. */
    boolean holds(ServerLink link) {
        lock.lock();
        try {
            return attached.contains(link);
        } finally {
            lock.unlock();
        }
    }

    /** How many connections the session has attached now. */
    int size() {
        lock.lock();
        try {
            return attached.size();
        } finally {
            lock.unlock();
        }
    }
}
