package dev.shuttle.stream;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.ProxyMode;
import dev.shuttle.listener.Frontend;
import dev.shuttle.sample.RewriteFailures;
import dev.shuttle.server.Server;
import dev.shuttle.stats.TrafficCounters;

/**
 * What the end of an HTTP exchange adds to the {@code show stat} counters of its frontend, backend
 * and server, as HAProxy's stream_free() does (stream.c: stream_process_counters(), the response
 * classes, stream_update_time_stats()): the bytes each way, the status class of the response sent
 * (frontend, and backend with its {@code req_tot}), the response class the server itself gave
 * (server, with its {@code req_tot}), a request that never completed ({@code ereq}), and the queue,
 * connect, response and total times of an exchange that reached a server's response.
 *
 * <p>Hot path: once per exchange; adders and compare-and-set only, nothing allocated.
 */
final class StreamCounters {
    private StreamCounters() {}

    /**
     * @param status         the status sent to the client, -1 or 0 if none
     * @param serverStatus   the status the server answered, -1 if it did not
     * @param requestParsed  whether a complete request head arrived
     * @param queueMillis    from the request to a server slot, -1 if never
     * @param connectMillis  from the slot to the connection, -1 if never
     * @param responseMillis from the connection to the response head, -1 if never
     * @param totalMillis    the whole exchange
     * @param listener       the counters of the listener that accepted the connection ({@code option
     *                       socket-stats}), or null: its bytes and request errors count there too
     */
    static void exchangeEnded(Frontend frontend, TrafficCounters listener, Backend backend, Server server, int status,
                              int serverStatus, boolean requestParsed, long bytesFromClient, long bytesToClient,
                              long queueMillis, long connectMillis, long responseMillis, long totalMillis,
                              TerminationState ending) {
        long toServer = connectMillis >= 0 ? bytesFromClient : 0;
        clientSide(frontend.counters(), requestParsed, bytesFromClient, bytesToClient, toServer);
        if (listener != null) {
            clientSide(listener, requestParsed, bytesFromClient, bytesToClient, toServer);
        }
        TrafficCounters fe = frontend.counters();
        if (status > 0 && frontend.config().mode() == ProxyMode.HTTP) {
            fe.responded(status);
        }
        if (backend == null) {
            return;
        }
        TrafficCounters be = backend.counters();
        be.addBytesIn(bytesFromClient);
        be.addBytesOut(bytesToClient);
        be.addBytesToServer(toServer);
        if (status > 0 && backend.config().mode() == ProxyMode.HTTP) {
            be.responded(status);
            be.requestReceived();
        }
        TrafficCounters srv = server == null ? null : server.counters();
        if (srv != null) {
            srv.addBytesIn(bytesFromClient);
            srv.addBytesOut(bytesToClient);
            srv.addBytesToServer(toServer);
            if (serverStatus > 0) {
                srv.responded(serverStatus);
                srv.requestReceived();
            }
        }
        countAbort(ending, be, srv);
        if (connectMillis < 0 || responseMillis < 0) {
            return; // stream_update_time_stats(): only an exchange that reached a response is timed
        }
        long queue = Math.max(queueMillis, 0);
        if (srv != null) {
            srv.timed(queue, connectMillis, responseMillis, totalMillis, srv.requests());
        }
        be.timed(queue, connectMillis, responseMillis, totalMillis, be.requests());
    }

    /**
     * The rewrites that failed ({@code wrew}: a frontend's and a listener's count each, a backend's
     * and a server's those made once they were chosen) and the internal error ({@code eint}) of a
     * failure that ended the exchange in strict mode (http_act.c, http_ana.c's return_int_err).
     */
    static void rewritesFailed(Frontend frontend, TrafficCounters listener, Backend backend, Server server,
                               RewriteFailures failures) {
        for (int i = 0; i < failures.total(); i++) {
            frontend.counters().rewriteFailed();
            if (listener != null) {
                listener.rewriteFailed();
            }
        }
        for (int i = 0; backend != null && i < failures.withBackend(); i++) {
            backend.counters().rewriteFailed();
        }
        for (int i = 0; server != null && i < failures.withServer(); i++) {
            server.counters().rewriteFailed();
        }
        if (failures.hasEndedExchange()) {
            frontend.counters().internalError();
            if (listener != null) {
                listener.internalError();
            }
        }
    }

    /** What a frontend and a listener count alike: the bytes each way, a request that never completed. */
    private static void clientSide(TrafficCounters counters, boolean requestParsed, long bytesFromClient,
                                   long bytesToClient, long toServer) {
        counters.addBytesIn(bytesFromClient);
        counters.addBytesOut(bytesToClient);
        counters.addBytesToServer(toServer);
        if (!requestParsed) {
            counters.requestFailed();
        }
    }

    /**
     * The aborts and response errors its termination state tells (http_ana.c): the client leaving
     * during the data phase ({@code cli_abrt}), the server leaving during it ({@code srv_abrt},
     * also an {@code eresp}), the server failing or timing out before a complete response head,
     * or sending an invalid one ({@code eresp}).
     */
    private static void countAbort(TerminationState ending, TrafficCounters be, TrafficCounters srv) {
        TerminationState.Cause cause = ending.cause();
        TerminationState.Phase phase = ending.phase();
        if (phase == TerminationState.Phase.DATA && cause == TerminationState.Cause.CLIENT_ABORT) {
            be.clientAborted();
            if (srv != null) {
                srv.clientAborted();
            }
        } else if (phase == TerminationState.Phase.DATA && cause == TerminationState.Cause.SERVER_ABORT) {
            be.serverAborted();
            be.responseFailed();
            if (srv != null) {
                srv.serverAborted();
                srv.responseFailed();
            }
        } else if (phase == TerminationState.Phase.HEADERS && (cause == TerminationState.Cause.SERVER_ABORT
                || cause == TerminationState.Cause.SERVER_TIMEOUT || cause == TerminationState.Cause.PROXY)) {
            be.responseFailed();
            if (srv != null) {
                srv.responseFailed();
            }
        }
    }
}
