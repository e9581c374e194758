package dev.shuttle.stream;

import static dev.shuttle.sample.TerminationEvent.FD_RCV_ERR;
import static dev.shuttle.sample.TerminationEvent.FD_SHUTR;
import static dev.shuttle.sample.TerminationEvent.FD_SHUTW;
import static dev.shuttle.sample.TerminationEvent.MUXC_RCV_ERR;
import static dev.shuttle.sample.TerminationEvent.MUXC_SHUTR;
import static dev.shuttle.sample.TerminationEvent.MUXC_SHUTW;
import static dev.shuttle.sample.TerminationEvent.SE_EOS;
import static dev.shuttle.sample.TerminationEvent.SE_SHUTW;
import static dev.shuttle.sample.TerminationEvent.STRM_EOS;
import static dev.shuttle.sample.TerminationEvent.STRM_SHUTW;
import static dev.shuttle.sample.TerminationEvent.STRM_TOUT;
import static dev.shuttle.sample.TerminationEvent.STRM_TRUNCATED_EOS;

import dev.shuttle.mux.TcpTunnel;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.StreamTerminationEvents;
import dev.shuttle.sample.TerminationEvent;

/**
 * Reports the termination events of a TCP stream's tunnel where {@code term_events} reads them,
 * in the sequences HAProxy 3.5 logs (checked live, {@code difftest/log_cases.py}
 * {@code term-events-tcp-*}):
 *
 * <ul>
 * <li>the client closes its direction, then the server its own ({@code --}):
 *     {@code {f2f1,m2m1,e1,s2S1S2s1,E1,M1M2M1,F1F2}};
 * <li>the server closes first, then the client ({@code --}):
 *     {@code {f1f2,m1m2m1,e1,S2s1s2S1,E1,M2M1,F2F1}};
 * <li>the client resets the connection, or closes it leaving data unread ({@code CD}):
 *     {@code {f3,m3m1,e1,s5s1S1,E1,M1,F1}};
 * <li>the server resets the connection ({@code SD}): {@code {f1,m1,e1,S5S1s1,E1,M3M1,F3}}.
 * </ul>
 *
 * A timeout ends its direction and is passed on as a FIN, then the other direction ends
 * ({@link TcpTunnel}); 3.5's sequences, checked live:
 *
 * <ul>
 * <li>the client times out, then the server closes ({@code cD}):
 *     {@code {f1,m1,e1,s7S1S2s1,E1,M1M2M1,F1F2}};
 * <li>the server times out, then the client resets ({@code sD}):
 *     {@code {f1f3,m1m3m1,e1,S7s1s5S1,E1,M1,F1}};
 * <li>both time out together ({@code timeout tunnel}, {@code cD}): {@code {f1,m1,e1,s7S7S1s1,E1,M1,F1}}.
 * </ul>
 *
 * The other combinations (the server resets after the client's timeout, the client closes after
 * the server's...) are built by the same rule, side for side, not seen live; a timeout after a
 * FIN (the {@code client-fin}/{@code server-fin} time) leaves only the timeout and the closes. A
 * failed write is logged as the reset of the side written to (3.5's send errors were not seen live).
 */
final class TunnelEvents {
    private TunnelEvents() {}

    static void ended(SampleContext context, TcpTunnel.Result result, boolean clientEndedFirst) {
        StreamTerminationEvents events = context.terminationEvents();
        switch (result.ending()) {
            case CLOSED -> {
                if (!clientEndedFirst) {
                    serverClosedFirst(events);
                    return;
                }
                // The client's end of stream, passed on to the server...
                events.frontConnection(FD_SHUTR);
                events.frontMux(MUXC_SHUTR);
                events.stream(STRM_EOS, false);
                events.stream(STRM_SHUTW, true);
                events.backMux(MUXC_SHUTW);
                events.backConnection(FD_SHUTW);
                // ...then the server's, and both sides close.
                events.backConnection(FD_SHUTR);
                events.backMux(MUXC_SHUTR);
                events.stream(STRM_EOS, true);
                events.stream(STRM_SHUTW, false);
                events.frontEndpoint(SE_SHUTW);
                events.frontMux(MUXC_SHUTW);
                events.frontConnection(FD_SHUTW);
                events.backEndpoint(SE_SHUTW);
                events.backMux(MUXC_SHUTW);
            }
            case CLIENT_ABORT -> {
                events.frontConnection(FD_RCV_ERR);
                events.frontMux(MUXC_RCV_ERR);
                events.stream(STRM_TRUNCATED_EOS, false);
                events.stream(STRM_SHUTW, false);
                events.stream(STRM_SHUTW, true);
                events.frontMux(MUXC_SHUTW);
                events.frontConnectionClosedAfterFailure();
                events.frontEndpoint(SE_SHUTW);
                events.backEndpoint(SE_SHUTW);
                events.backMux(MUXC_SHUTW);
                events.backConnection(FD_SHUTW);
            }
            case SERVER_ABORT -> {
                events.backConnection(FD_RCV_ERR);
                events.backMux(MUXC_RCV_ERR);
                events.stream(STRM_TRUNCATED_EOS, true);
                events.stream(STRM_SHUTW, true);
                events.stream(STRM_SHUTW, false);
                events.backConnectionClosedAfterFailure();
                events.frontMux(MUXC_SHUTW);
                events.frontConnection(FD_SHUTW);
                events.frontEndpoint(SE_SHUTW);
                events.backEndpoint(SE_SHUTW);
                events.backMux(MUXC_SHUTW);
            }
            case CLIENT_TIMEOUT, SERVER_TIMEOUT -> timedOut(events, result, false);
        }
    }

    /**
     * An HTTP exchange's tunnel (WebSocket, CONNECT) that ended by a timeout: the TCP sequences,
     * with the stream endpoints of HAProxy's H1 mux, which shut at the half-close and see the
     * other peer's end of stream (3.5, checked live with a WebSocket: the client silent, then the
     * server closes: {@code {f1,m1,e1,s7S1S2s1,E1E2,M1M2M1,F1F2}}; the server silent, then the
     * client: {@code {f1f2,m1m2m1,e1e2,S7s1s2S1,E1,M1,F1}}; both: as in TCP). The exchange's own
     * end then adds nothing ({@link StreamTerminationEvents#closeReported}). Other endings are
     * left to the exchange's end, as before.
     */
    static void httpTunnelEnded(SampleContext context, TcpTunnel.Result result) {
        if (result.ending() != TcpTunnel.Ending.CLIENT_TIMEOUT && result.ending() != TcpTunnel.Ending.SERVER_TIMEOUT) {
            return;
        }
        StreamTerminationEvents events = context.terminationEvents();
        timedOut(events, result, true);
        events.closeReported();
    }

    /** One direction ran out of time (or both), then the tunnel closed; {@code http}: an HTTP exchange's tunnel. */
    private static void timedOut(StreamTerminationEvents events, TcpTunnel.Result result, boolean http) {
        boolean clientSide = result.ending() == TcpTunnel.Ending.CLIENT_TIMEOUT;
        events.stream(STRM_TOUT, !clientSide);
        if (result.bothTimedOut()) {
            events.stream(STRM_TOUT, true);
            closeSide(events, true);
            closeSide(events, false);
            return;
        }
        TcpTunnel.Ending after = result.afterTimeout();
        if (after != null) {
            // The end passed on to the other peer, then that peer's own end.
            boolean otherSide = clientSide; // true: the server side is the other one
            events.stream(STRM_SHUTW, otherSide);
            if (http) {
                endpoint(events, otherSide, SE_SHUTW);
            }
            mux(events, otherSide, MUXC_SHUTW);
            socket(events, otherSide, FD_SHUTW);
            switch (after) {
                case CLOSED -> {
                    socket(events, otherSide, FD_SHUTR);
                    mux(events, otherSide, MUXC_SHUTR);
                    events.stream(STRM_EOS, otherSide);
                    if (http) {
                        endpoint(events, otherSide, SE_EOS);
                    }
                }
                case CLIENT_ABORT, SERVER_ABORT -> {
                    socket(events, otherSide, FD_RCV_ERR);
                    mux(events, otherSide, MUXC_RCV_ERR);
                    events.stream(STRM_TRUNCATED_EOS, otherSide);
                }
                case CLIENT_TIMEOUT, SERVER_TIMEOUT -> events.stream(STRM_TOUT, otherSide);
            }
            closeSide(events, !otherSide);
            if (!http) {
                endpoint(events, otherSide, SE_SHUTW);
            }
            mux(events, otherSide, MUXC_SHUTW);
            return;
        }
        closeSide(events, !clientSide);
        closeSide(events, clientSide);
    }

    /** The stream shuts one side: its stream endpoint, mux and (unless it failed) socket. */
    private static void closeSide(StreamTerminationEvents events, boolean serverSide) {
        events.stream(STRM_SHUTW, serverSide);
        endpoint(events, serverSide, SE_SHUTW);
        mux(events, serverSide, MUXC_SHUTW);
        socket(events, serverSide, FD_SHUTW);
    }

    private static void endpoint(StreamTerminationEvents events, boolean serverSide, TerminationEvent event) {
        if (serverSide) {
            events.backEndpoint(event);
        } else {
            events.frontEndpoint(event);
        }
    }

    private static void mux(StreamTerminationEvents events, boolean serverSide, TerminationEvent event) {
        if (serverSide) {
            events.backMux(event);
        } else {
            events.frontMux(event);
        }
    }

    /** A socket event; no shutdown after the socket failed, as 3.5 reports none. */
    private static void socket(StreamTerminationEvents events, boolean serverSide, TerminationEvent event) {
        if (serverSide) {
            if (event != FD_SHUTW || !events.backConnectionFailed()) {
                events.backConnection(event);
            }
        } else if (event != FD_SHUTW || !events.frontConnectionFailed()) {
            events.frontConnection(event);
        }
    }

    /** The server's end of stream, passed on to the client; then the client's, and both sides close. */
    private static void serverClosedFirst(StreamTerminationEvents events) {
        events.backConnection(FD_SHUTR);
        events.backMux(MUXC_SHUTR);
        events.stream(STRM_EOS, true);
        events.stream(STRM_SHUTW, false);
        events.frontMux(MUXC_SHUTW);
        events.frontConnection(FD_SHUTW);
        events.frontConnection(FD_SHUTR);
        events.frontMux(MUXC_SHUTR);
        events.stream(STRM_EOS, false);
        events.stream(STRM_SHUTW, true);
        events.frontEndpoint(SE_SHUTW);
        events.frontMux(MUXC_SHUTW);
        events.backEndpoint(SE_SHUTW);
        events.backMux(MUXC_SHUTW);
        events.backConnection(FD_SHUTW);
    }
}
