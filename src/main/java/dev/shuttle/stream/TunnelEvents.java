package dev.shuttle.stream;

import static dev.shuttle.sample.TerminationEvent.FD_RCV_ERR;
import static dev.shuttle.sample.TerminationEvent.FD_SHUTR;
import static dev.shuttle.sample.TerminationEvent.FD_SHUTW;
import static dev.shuttle.sample.TerminationEvent.MUXC_RCV_ERR;
import static dev.shuttle.sample.TerminationEvent.MUXC_SHUTR;
import static dev.shuttle.sample.TerminationEvent.MUXC_SHUTW;
import static dev.shuttle.sample.TerminationEvent.SE_EOS;
import static dev.shuttle.sample.TerminationEvent.SE_RCV_ERR;
import static dev.shuttle.sample.TerminationEvent.SE_SHUTW;
import static dev.shuttle.sample.TerminationEvent.STRM_EOS;
import static dev.shuttle.sample.TerminationEvent.STRM_SHUTW;
import static dev.shuttle.sample.TerminationEvent.STRM_TOUT;
import static dev.shuttle.sample.TerminationEvent.STRM_TRUNCATED_EOS;
import static dev.shuttle.sample.TerminationEvent.STRM_TRUNCATED_RCV_ERR;

import dev.shuttle.mux.TcpTunnel;
import dev.shuttle.sample.ConnectionError;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.SocketErrors;
import dev.shuttle.sample.StreamTerminationEvents;
import dev.shuttle.sample.TerminationEvent;
import java.util.Optional;
import javax.net.ssl.SSLException;

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
        ended(context.terminationEvents(), result, clientEndedFirst, false);
        abortCauseReported(context, result);
    }

    /**
     * An HTTP exchange's tunnel (WebSocket, CONNECT) ended: the TCP sequences, with the stream
     * endpoints of HAProxy's H1 mux, which shut at the half-close and see their peer's end of
     * stream or error, and a stream that takes a side's reset as that side's end of stream
     * ({@code s2}/{@code S2}, where a TCP stream says truncated, {@code s5}/{@code S5}). HAProxy
     * 3.5's sequences, checked live with a WebSocket and a CONNECT (the same for both; log difftest
     * {@code term-events-websocket-*}, {@code term-events-connect-*}):
     *
     * <ul>
     * <li>the client closes, then the server ({@code --}): {@code {f2f1,m2m1,e2e1,s2S1S2s1,E1E2,M1M2M1,F1F2}};
     * <li>the server closes, then the client ({@code --}): {@code {f1f2,m1m2m1,e1e2,S2s1s2S1,E2E1,M2M1,F2F1}};
     * <li>the client resets ({@code CD}, {@code fc_err} {@code ERESET}): {@code {f3,m3m1,e3e1,s2s1S1,E1,M1,F1}};
     * <li>the server resets ({@code SD}, {@code bc_err} {@code ERESET}): {@code {f1,m1,e1,S2S1s1,E3E1,M3M1,F3}};
     * <li>the client silent, then the server closes ({@code cD}): {@code {f1,m1,e1,s7S1S2s1,E1E2,M1M2M1,F1F2}};
     *     the server silent, then the client: {@code {f1f2,m1m2m1,e1e2,S7s1s2S1,E1,M1,F1}}; both: as in TCP.
     * </ul>
     *
     * The exchange's own end then adds nothing ({@link StreamTerminationEvents#closeReported}).
     */
    static void httpTunnelEnded(SampleContext context, TcpTunnel.Result result, boolean clientEndedFirst) {
        StreamTerminationEvents events = context.terminationEvents();
        ended(events, result, clientEndedFirst, true);
        abortCauseReported(context, result);
        events.closeReported();
    }

    /**
     * The error behind an abort, as the side's {@code fc_err}/{@code bc_err}: 3.5, checked live,
     * logs {@code ERESET} for a side that resets (TCP and HTTP tunnels alike; log difftest
     * {@code term-events-*-resets}, {@code term-events-tls-server-tcp-reset}) and {@code SSL_FATAL}
     * for a TLS record that does not decrypt ({@code term-events-tls-tcp-bad-record}).
     */
    private static void abortCauseReported(SampleContext context, TcpTunnel.Result result) {
        if (result.abortCause() == null) {
            return;
        }
        Optional<ConnectionError> error = SocketErrors.of(result.abortCause());
        if (result.ending() == TcpTunnel.Ending.CLIENT_ABORT) {
            error.ifPresent(e -> context.frontError(e, 0, ""));
        } else if (result.ending() == TcpTunnel.Ending.SERVER_ABORT) {
            error.ifPresent(context::backFailed);
        }
    }

    /**
     * Whether a side's abort is an error of its TLS layer alone (a record that does not decrypt, an
     * alert), not of its socket: 3.5's stream then sees a receive error without an end of stream
     * ({@code s6}/{@code S6}, checked live for a TLS client, log difftest
     * {@code term-events-tls-tcp-bad-record}), where a reset is a truncated end of stream ({@code s5}).
     */
    private static boolean tlsLayerError(TcpTunnel.Result result) {
        return result.abortCause() instanceof SSLException;
    }

    private static void ended(StreamTerminationEvents events, TcpTunnel.Result result, boolean clientEndedFirst,
                              boolean http) {
        switch (result.ending()) {
            case CLOSED -> {
                // The first end of stream, passed on to the other peer; then the other's, and both sides close.
                boolean firstServer = !clientEndedFirst;
                endOfStream(events, firstServer, http);
                passedOn(events, firstServer, http);
                endOfStream(events, !firstServer, http);
                events.stream(STRM_SHUTW, firstServer);
                // 3.5 then shuts the client side, then the server side (a socket shut once only).
                if (firstServer) {
                    mux(events, false, MUXC_SHUTW);
                    if (!http) {
                        endpoint(events, false, SE_SHUTW);
                    }
                    endpoint(events, true, SE_SHUTW);
                    mux(events, true, MUXC_SHUTW);
                    socket(events, true, FD_SHUTW);
                } else {
                    endpoint(events, false, SE_SHUTW);
                    mux(events, false, MUXC_SHUTW);
                    socket(events, false, FD_SHUTW);
                    if (!http) {
                        endpoint(events, true, SE_SHUTW);
                    }
                    mux(events, true, MUXC_SHUTW);
                }
            }
            case CLIENT_ABORT -> aborted(events, false, http, tlsLayerError(result));
            case SERVER_ABORT -> aborted(events, true, http, tlsLayerError(result));
            case CLIENT_TIMEOUT, SERVER_TIMEOUT -> timedOut(events, result, http);
        }
    }

    /** A side's end of stream: its socket, its mux, the stream (and, in HTTP, its stream endpoint) see it. */
    private static void endOfStream(StreamTerminationEvents events, boolean serverSide, boolean http) {
        socket(events, serverSide, FD_SHUTR);
        mux(events, serverSide, MUXC_SHUTR);
        events.stream(STRM_EOS, serverSide);
        if (http) {
            endpoint(events, serverSide, SE_EOS);
        }
    }

    /** The stream passes a side's end on to the other side (serverSide: the one that ended). */
    private static void passedOn(StreamTerminationEvents events, boolean serverSide, boolean http) {
        events.stream(STRM_SHUTW, !serverSide);
        if (http) {
            endpoint(events, !serverSide, SE_SHUTW);
        }
        mux(events, !serverSide, MUXC_SHUTW);
        socket(events, !serverSide, FD_SHUTW);
    }

    /**
     * A side's socket failed (a reset, read or written): both sides shut at once. TCP's stream
     * calls that end truncated; HTTP's takes it as the side's end of stream, and the failed
     * side's endpoint reports the error.
     */
    private static void aborted(StreamTerminationEvents events, boolean serverSide, boolean http,
                                boolean tlsLayerError) {
        socket(events, serverSide, FD_RCV_ERR);
        mux(events, serverSide, MUXC_RCV_ERR);
        if (http) {
            endpoint(events, serverSide, SE_RCV_ERR);
            events.stream(STRM_EOS, serverSide);
        } else {
            events.stream(tlsLayerError ? STRM_TRUNCATED_RCV_ERR : STRM_TRUNCATED_EOS, serverSide);
        }
        events.stream(STRM_SHUTW, serverSide);
        events.stream(STRM_SHUTW, !serverSide);
        if (serverSide) {
            events.backConnectionClosedAfterFailure(); // over TLS: X1 then the socket's error (3.5: F3X3X1FA)
        }
        mux(events, false, MUXC_SHUTW);
        if (serverSide) {
            socket(events, false, FD_SHUTW);
        } else {
            events.frontConnectionClosedAfterFailure();
        }
        endpoint(events, false, SE_SHUTW);
        endpoint(events, true, SE_SHUTW);
        mux(events, true, MUXC_SHUTW);
        socket(events, true, FD_SHUTW);
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
}
