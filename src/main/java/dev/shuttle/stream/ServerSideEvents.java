package dev.shuttle.stream;

import static dev.shuttle.sample.TerminationEvent.FD_RCV_ERR;
import static dev.shuttle.sample.TerminationEvent.FD_SHUTR;
import static dev.shuttle.sample.TerminationEvent.FD_SHUTW;
import static dev.shuttle.sample.TerminationEvent.FD_SND_ERR;
import static dev.shuttle.sample.TerminationEvent.MUXC_SHUTR;
import static dev.shuttle.sample.TerminationEvent.MUXC_SHUTW;
import static dev.shuttle.sample.TerminationEvent.MUXC_SND_ERR;
import static dev.shuttle.sample.TerminationEvent.MUXC_TRUNCATED_RCV_ERR;
import static dev.shuttle.sample.TerminationEvent.MUXC_TRUNCATED_SHUTR;
import static dev.shuttle.sample.TerminationEvent.SE_EOS;
import static dev.shuttle.sample.TerminationEvent.SE_SHUTW;
import static dev.shuttle.sample.TerminationEvent.SE_SND_ERR;
import static dev.shuttle.sample.TerminationEvent.SE_TRUNCATED_EOS;
import static dev.shuttle.sample.TerminationEvent.SE_TRUNCATED_RCV_ERR;
import static dev.shuttle.sample.TerminationEvent.STRM_EOS;
import static dev.shuttle.sample.TerminationEvent.STRM_SHUTW;
import static dev.shuttle.sample.TerminationEvent.STRM_SND_ERR;
import static dev.shuttle.sample.TerminationEvent.STRM_TOUT;
import static dev.shuttle.sample.TerminationEvent.STRM_TRUNCATED_EOS;

import dev.shuttle.backend.ServerConnector;
import dev.shuttle.mux.BodyTransferException;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.SocketErrors;
import dev.shuttle.sample.StreamTerminationEvents;
import java.io.EOFException;
import java.io.IOException;

/**
 * Reports what happened on the server side of an exchange where the fetches read it: the server
 * connection's error ({@code bc_err}, {@link SocketErrors}) and the termination events of the
 * stream's server side, server stream, server mux and server socket ({@code term_events}, see
 * {@link StreamTerminationEvents} for how HAProxy's entities map onto Shuttle's). The sequences are
 * HAProxy 3.5's, checked live with {@code http-after-response set-header x %[term_events]} on the
 * answer each failure gets:
 *
 * <ul>
 * <li>a refused connect (503, {@code SC}): {@code {,,,S1,,,F7}}, {@code bc_err} 47 {@code EREFUSED};
 * <li>a connect that does not complete within {@code timeout connect} (503, {@code sC}):
 *     {@code {,,,S1,,,}}, and {@code bc_err} finds nothing;
 * <li>no response head within {@code timeout server} (504, {@code sH}): {@code {,,,S7S1,E1,M1,F1}};
 * <li>the server closed before its head (502, {@code SH}): {@code {,,,S5,E5E1,M5M1,F2F1}};
 * <li>the server reset the connection before its head (502, {@code SH}):
 *     {@code {,,,S5,E6E1,M6M1,F3}}, {@code bc_err} 48 {@code ERESET}.
 * </ul>
 *
 * Not checked against 3.5 (no exchange reaches it reliably): a failed send ({@code S4}, {@code E4},
 * {@code M4}, {@code F4} by analogy with the receive side).
 */
final class ServerSideEvents {
    private ServerSideEvents() {}

    /** The connector's outcome: a server connection exists from a connect on (failed or not). */
    static void connected(SampleContext context, ServerConnector.Result result) {
        if (!result.connectTried()) {
            return; // queue timeout, no server: HAProxy never made a server connection either
        }
        StreamTerminationEvents events = context.terminationEvents();
        events.backConnectionOpened();
        boolean timedOut = result.connection().isEmpty() && result.failure() == ServerConnector.Failure.CONNECT_TIMEOUT;
        if (!timedOut || result.error().isPresent()) {
            // A connect still pending when its time ran out has no error yet: bc_err finds nothing.
            context.backConnection(result.error().orElse(null));
        }
        if (result.connection().isPresent() || result.failure().interrupted()) {
            return; // an interrupted connect is no server's failure (the client's leaving says the rest)
        }
        if (!timedOut) {
            events.backConnection(events.backConnectFailure()); // F7, or the TLS handshake's H6 (ServerTls)
        }
        events.stream(STRM_SHUTW, true);
    }

    /** {@code timeout server} passed before the response head: the stream times out and closes its server side. */
    static void timedOut(SampleContext context) {
        StreamTerminationEvents events = context.terminationEvents();
        events.stream(STRM_TOUT, true);
        events.stream(STRM_SHUTW, true);
        closed(events, true);
    }

    /**
     * The server ended the connection before a complete response head: cleanly ({@code failure}
     * null) or with a read error (a reset), which becomes {@code bc_err}.
     */
    static void closedEarly(SampleContext context, IOException failure) {
        StreamTerminationEvents events = context.terminationEvents();
        if (failure == null) {
            events.backConnection(FD_SHUTR);
            events.backMux(MUXC_TRUNCATED_SHUTR);
            events.backEndpoint(SE_TRUNCATED_EOS);
        } else {
            context.backFailed(SocketErrors.of(failure).orElse(null));
            events.backConnection(FD_RCV_ERR);
            events.backMux(MUXC_TRUNCATED_RCV_ERR);
            events.backEndpoint(SE_TRUNCATED_RCV_ERR);
        }
        events.stream(STRM_TRUNCATED_EOS, true);
        closed(events, failure == null);
    }

    /**
     * The response body broke on the server's side after its head was forwarded: the same events
     * as a server that closes or resets before its head (3.5, checked live: a clean close mid-body
     * gives {@code {f1,m1,e1,S5s1,E5E1,M5M1,F2F1}}, a reset {@code {f1,m1,e1,S5s1,E6E1,M6M1,F3}}),
     * and a silent server the events of {@code timeout server}. A failure to write to the client is
     * not the server's: nothing is reported here for it.
     */
    static void responseBodyBroken(SampleContext context, IOException failure) {
        if (!(failure instanceof BodyTransferException transfer)) {
            return;
        }
        switch (transfer.failure()) {
            case SOURCE_CLOSED -> closedEarly(context, transfer.getCause() instanceof EOFException
                    || transfer.getCause() == null ? null : (IOException) transfer.getCause());
            case SOURCE_TIMEOUT -> timedOut(context);
            case INVALID_BODY, SINK_FAILED, SINK_TIMEOUT -> { }
        }
    }

    /**
     * The response body ended with the server's close (it had no length): the server side reads its
     * end, then Shuttle closes the connection. 3.5, checked live with a TLS server that ends such a
     * body with a close_notify: {@code {f1,m1,e1,S2s1,E2E1,M2M1,X2X1F1}} (log difftest
     * term-events-tls-server-http-close); over plain TCP the socket's {@code F2F1} by the same rule.
     */
    static void closedAfterBody(SampleContext context) {
        StreamTerminationEvents events = context.terminationEvents();
        events.backConnection(FD_SHUTR);
        events.backMux(MUXC_SHUTR);
        events.backEndpoint(SE_EOS);
        events.stream(STRM_EOS, true);
        closed(events, true);
    }

    /** Writing the request to the server failed. */
    static void sendFailed(SampleContext context, IOException failure) {
        StreamTerminationEvents events = context.terminationEvents();
        context.backFailed(SocketErrors.of(failure).orElse(null));
        events.backConnection(FD_SND_ERR);
        events.backMux(MUXC_SND_ERR);
        events.backEndpoint(SE_SND_ERR);
        events.stream(STRM_SND_ERR, true);
        closed(events, false);
    }

    /** Shuttle closes the server connection: its stream and mux shut, and its socket unless it failed. */
    private static void closed(StreamTerminationEvents events, boolean socketWorks) {
        events.backEndpoint(SE_SHUTW);
        events.backMux(MUXC_SHUTW);
        if (socketWorks) {
            events.backConnection(FD_SHUTW);
        }
    }
}
