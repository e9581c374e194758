package dev.shuttle.stream;

import dev.shuttle.backend.Backend;
import dev.shuttle.server.Server;
import java.util.ArrayList;
import java.util.List;

/**
 * The server connections a client session keeps for itself between its exchanges (HAProxy's
 * {@code sess_priv_conns}, seed 000): private ones (the server authenticated the connection: NTLM,
 * Negotiate) and every connection under {@code http-reuse never}, indexed by their server, so that
 * a client going back and forth between two servers keeps a connection to each.
 *
 * <p>They are the session's, not their server's: no server counts them as used or idle, {@code show
 * servers conn} shows them apart ({@code idle_sess}), and the purge's estimate of what a server needs leaves them out
 * (seed 000: {@code conn_set_private} releases a connection from its server's accounting). A
 * session keeps at most {@value #MAX_KEPT} of them, HAProxy's default {@code max-session-srv-conns}:
 * a connection that would be one more is closed instead.
 *
 * <p>Owned by the client connection's thread; a handful of entries, searched in order.
 */
final class PrivateLinks {
    /** Connections a session keeps at most (HAProxy's MAX_SRV_LIST, the default of {@code max-session-srv-conns}). */
    static final int MAX_KEPT = 5;

    /** Oldest first: the last one is the connection the session used most recently. */
    private final List<ServerLink> links = new ArrayList<>(MAX_KEPT);

    boolean isEmpty() {
        return links.isEmpty();
    }

    int size() {
        return links.size();
    }

    /**
     * Takes out the session's connection for the next exchange to {@code backend}: the one to
     * {@code server} when a rule chose the server, else the one the session used last on that
     * backend (the kept connection chooses the server, as HAProxy's prefer-last-server does for a
     * private connection). Null when there is none.
     */
    ServerLink take(Backend backend, Server server) {
        for (int i = links.size() - 1; i >= 0; i--) {
            ServerLink link = links.get(i);
            if (link.backend() == backend && (server == null || link.connection().server() == server)) {
                counted(link, -1);
                return links.remove(i);
            }
        }
        return null;
    }

    /**
     * Keeps {@code link} for the session's later exchanges.
     *
     * @return the connection the caller must close: {@code link} itself when the session keeps
     *         {@value #MAX_KEPT} already, else an older one to the same server it replaces, else null
     */
    ServerLink keep(ServerLink link) {
        Server server = link.connection().server();
        for (int i = 0; i < links.size(); i++) {
            if (links.get(i).connection().server() == server) {
                ServerLink replaced = links.remove(i);
                links.add(link);
                counted(replaced, -1);
                counted(link, 1);
                return replaced;
            }
        }
        if (links.size() >= MAX_KEPT) {
            return link;
        }
        links.add(link);
        counted(link, 1);
        return null;
    }

    /** Forgets {@code link} if it is kept here; whether it was. */
    boolean remove(ServerLink link) {
        boolean was = links.remove(link);
        if (was) {
            counted(link, -1);
        }
        return was;
    }

    /** Takes them all out, for the session's end. */
    List<ServerLink> takeAll() {
        List<ServerLink> all = List.copyOf(links);
        links.clear();
        all.forEach(link -> counted(link, -1));
        return all;
    }

    /** Its server shows it as idle in a session ({@code idle_sess}) while it is kept here. */
    private static void counted(ServerLink link, int delta) {
        link.connection().server().idleConnections().privateIdleChanged(delta);
    }
}
