package dev.shuttle.stream;

import static dev.shuttle.sample.TerminationEvent.FD_RCV_ERR;
import static dev.shuttle.sample.TerminationEvent.FD_SHUTR;
import static dev.shuttle.sample.TerminationEvent.FD_SHUTW;
import static dev.shuttle.sample.TerminationEvent.MUXC_RCV_ERR;
import static dev.shuttle.sample.TerminationEvent.MUXC_SHUTR;
import static dev.shuttle.sample.TerminationEvent.MUXC_SHUTW;
import static dev.shuttle.sample.TerminationEvent.SE_SHUTW;
import static dev.shuttle.sample.TerminationEvent.STRM_EOS;
import static dev.shuttle.sample.TerminationEvent.STRM_SHUTW;
import static dev.shuttle.sample.TerminationEvent.STRM_TRUNCATED_EOS;

import dev.shuttle.mux.TcpTunnel;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.StreamTerminationEvents;

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
 * A failed write is logged as the reset of the side written to (3.5's send errors were not seen
 * live). The timeouts are not reported yet:
 * their logs stay as the connect left them.
 */
final class TunnelEvents {
    private TunnelEvents() {}

    static void ended(SampleContext context, TcpTunnel.Ending ending, boolean clientEndedFirst) {
        StreamTerminationEvents events = context.terminationEvents();
        switch (ending) {
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
                events.frontMux(MUXC_SHUTW);
                events.frontConnection(FD_SHUTW);
                events.frontEndpoint(SE_SHUTW);
                events.backEndpoint(SE_SHUTW);
                events.backMux(MUXC_SHUTW);
            }
            case CLIENT_TIMEOUT, SERVER_TIMEOUT -> { }
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
