package dev.shuttle.stream;

import dev.shuttle.backend.Backend;
import dev.shuttle.mux.MalformedHead;
import dev.shuttle.net.SocketAddresses;
import dev.shuttle.server.Server;
import dev.shuttle.session.Session;
import dev.shuttle.stats.ErrorSnapshot;

/**
 * Keeps a refused message for {@code show errors}, as HAProxy captures it (management.txt): a
 * request by its frontend, a response by its backend, with the session's client and the proxies
 * and server involved. Runs on the error path only.
 */
final class ErrorCapture {
    private ErrorCapture() {}

    /** A request the parser refused: the frontend keeps it; no backend or server was chosen yet. */
    static void request(Session session, MalformedHead head) {
        if (head == null) {
            return;
        }
        session.frontend().errors().capture(new ErrorSnapshot(ErrorSnapshot.nextEvent(), System.currentTimeMillis(),
                true, null, -1, null, -1, SocketAddresses.describe(session.clientAddress()), head.bytes(),
                head.position(), head.bufferSize(), head.reason()));
    }

    /** A response the parser refused: its backend keeps it, with the frontend and the server. */
    static void response(Session session, Backend backend, Server server, MalformedHead head) {
        if (head == null) {
            return;
        }
        backend.errors().capture(new ErrorSnapshot(ErrorSnapshot.nextEvent(), System.currentTimeMillis(), false,
                session.frontend().name(), session.frontend().config().id(), server.name(), server.config().id(),
                SocketAddresses.describe(session.clientAddress()), head.bytes(), head.position(), head.bufferSize(),
                head.reason()));
    }
}
