package dev.shuttle.stream;

import static dev.shuttle.sample.TerminationEvent.FD_RCV_ERR;
import static dev.shuttle.sample.TerminationEvent.FD_SHUTR;
import static dev.shuttle.sample.TerminationEvent.FD_SHUTW;
import static dev.shuttle.sample.TerminationEvent.MUXC_OTHER_ERR;
import static dev.shuttle.sample.TerminationEvent.MUXC_PROTO_ERR;
import static dev.shuttle.sample.TerminationEvent.MUXC_RCV_ERR;
import static dev.shuttle.sample.TerminationEvent.MUXC_SHUTR;
import static dev.shuttle.sample.TerminationEvent.MUXC_SHUTW;
import static dev.shuttle.sample.TerminationEvent.MUXC_TRUNCATED_RCV_ERR;
import static dev.shuttle.sample.TerminationEvent.MUXC_TRUNCATED_SHUTR;
import static dev.shuttle.sample.TerminationEvent.SE_EOS;
import static dev.shuttle.sample.TerminationEvent.SE_RCV_ERR;
import static dev.shuttle.sample.TerminationEvent.SE_RST_RCVD;
import static dev.shuttle.sample.TerminationEvent.SE_SHUTW;
import static dev.shuttle.sample.TerminationEvent.SE_TRUNCATED_EOS;
import static dev.shuttle.sample.TerminationEvent.SE_TRUNCATED_RCV_ERR;
import static dev.shuttle.sample.TerminationEvent.STRM_EOS;
import static dev.shuttle.sample.TerminationEvent.STRM_INTERCEPTED;
import static dev.shuttle.sample.TerminationEvent.STRM_RCV_ERR;
import static dev.shuttle.sample.TerminationEvent.STRM_SHUTW;
import static dev.shuttle.sample.TerminationEvent.STRM_TRUNCATED_EOS;

import dev.shuttle.mux.H2StreamReset;
import dev.shuttle.mux.RequestArrival;
import dev.shuttle.sample.ConnectionError;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.SocketErrors;
import dev.shuttle.sample.StreamTerminationEvents;
import java.io.IOException;
import java.util.Optional;

/**
 * Reports what happened on the client side of an HTTP exchange where the fetches read it: the
 * client connection's error ({@code fc_err}, {@link SocketErrors}) and the termination events of
 * the client socket, client mux, client stream and stream ({@code term_events}). The sequences are
 * HAProxy 3.5's, checked live with {@code %[term_events]} in its log lines:
 *
 * <ul>
 * <li>the client closes in its request head ({@code CR}): {@code {f2,m5,-,-,-,-,-}} (no stream
 *     exists yet);
 * <li>the client resets the connection there ({@code CR}): {@code {f3,m6,-,-,-,-,-}}, {@code fc_err}
 *     48 {@code ERESET};
 * <li>the request head does not come in time ({@code cR}): {@code {,,-,-,-,-,-}};
 * <li>a malformed request head ({@code PR}, 400): {@code {,m9,-,-,-,-,-}};
 * <li>an exchange served on a keep-alive connection: {@code {,,e1,s1S1,E1,,}}; on one that closes
 *     after it: {@code {f1,m1,e1,s1S1,E1,,}};
 * <li>a request a rule answered ({@code deny}): {@code {,,e1,s8S1s1,,-,-}}.
 * </ul>
 */
final class ClientSideEvents {
    private ClientSideEvents() {}

    /** No complete request head came: no stream exists; a close or a reset is the client connection's. */
    static void requestMissing(SampleContext context, RequestArrival.Absent gone) {
        StreamTerminationEvents events = context.terminationEvents();
        events.noStream();
        if (gone.timedOut()) {
            return;
        }
        if (gone.failure() != null) {
            SocketErrors.of(gone.failure()).ifPresent(error -> context.frontError(error, 0, ""));
            events.frontConnection(FD_RCV_ERR);
            events.frontMux(gone.anyByte() ? MUXC_TRUNCATED_RCV_ERR : MUXC_RCV_ERR);
        } else {
            events.frontConnection(FD_SHUTR);
            events.frontMux(gone.anyByte() ? MUXC_TRUNCATED_SHUTR : MUXC_SHUTR);
        }
    }

    /**
     * The client closed or reset its connection in the middle of its request body, before any
     * response (400 {@code CH}): the client socket, mux and stream see a truncated end, and the
     * server connection, which can no longer be used, is closed. 3.5, checked live: a reset gives
     * {@code {f3,m6m1,e6e1,s5s1S1,E1,M1,F1}} and {@code fc_err} {@code ERESET}; a close
     * {@code {f2f1,m5m1,e5e1,s5s1S1,E1,M1,F1}}.
     */
    static void requestBodyBroken(SampleContext context, IOException failure) {
        StreamTerminationEvents events = context.terminationEvents();
        Optional<ConnectionError> error = failure == null ? Optional.empty() : SocketErrors.of(failure);
        if (error.isPresent()) {
            context.frontError(error.get(), 0, "");
            events.frontConnection(FD_RCV_ERR);
            events.frontMux(MUXC_TRUNCATED_RCV_ERR);
            events.frontEndpoint(SE_TRUNCATED_RCV_ERR);
        } else {
            events.frontConnection(FD_SHUTR);
            events.frontMux(MUXC_TRUNCATED_SHUTR);
            events.frontEndpoint(SE_TRUNCATED_EOS);
        }
        events.stream(STRM_TRUNCATED_EOS, false);
        serverConnectionClosed(events);
    }

    /**
     * Writing the response to the client failed: it left while the response was on its way
     * ({@code CD}). HAProxy 3.5 finds out by reading the client's reset (a client that closes with
     * the response unread resets too), checked live: {@code {f3,m1,e1,s3s1S1,E1,M1,F1}},
     * {@code fc_err} {@code ERESET}. Java learns it from the failed write; the error is the one
     * the write reports ({@link SocketErrors}), so a {@code EPIPE} may stand where 3.5 says
     * {@code ERESET} when the reset came before the write.
     */
    static void responseWriteFailed(SampleContext context, IOException failure) {
        StreamTerminationEvents events = context.terminationEvents();
        SocketErrors.of(failure).ifPresent(error -> context.frontError(error, 0, ""));
        events.frontConnection(FD_RCV_ERR);
        events.stream(STRM_RCV_ERR, false);
        serverConnectionClosed(events);
    }

    /**
     * An HTTP/2 client left its stream while the response head was awaited, as 3.5 reports it
     * (checked live, the server silent): a RST_STREAM, 400 {@code CD} {@code {,,e8e2e1,s2s1S1,E1,M1,F1}};
     * the connection reset, 400 {@code CD} {@code {f3,m6,e3e1,s2s1S1,E1,M1,F1}}, {@code fc_err}
     * {@code ERESET}; the connection closed, 400 {@code CH} {@code {f2,m5,e2e1,s2S1s1,E1,M1,F1}}.
     * Returns the state to log. (The exchange's end adds {@code e1}, {@code s1}, and {@code S1},
     * {@code E1} when the server side was not shut yet.)
     */
    static TerminationState h2StreamLeft(SampleContext context, IOException failure) {
        StreamTerminationEvents events = context.terminationEvents();
        H2StreamReset.Cause why = failure instanceof H2StreamReset reset ? reset.why() : null;
        if (why == H2StreamReset.Cause.STREAM_RESET) {
            events.frontEndpoint(SE_RST_RCVD);
            events.frontEndpoint(SE_EOS);
        } else if (why == H2StreamReset.Cause.CONNECTION_CLOSED) {
            events.frontConnection(FD_SHUTR);
            events.frontMux(MUXC_TRUNCATED_SHUTR);
            events.frontEndpoint(SE_EOS);
        } else {
            SocketErrors.of(failure).ifPresent(error -> context.frontError(error, 0, ""));
            events.frontConnection(FD_RCV_ERR);
            events.frontMux(MUXC_TRUNCATED_RCV_ERR);
            events.frontEndpoint(SE_RCV_ERR);
        }
        events.stream(STRM_EOS, false);
        serverConnectionClosed(events);
        if (why == H2StreamReset.Cause.CONNECTION_CLOSED) {
            events.stream(STRM_SHUTW, true);
            events.backEndpoint(SE_SHUTW);
            return TerminationState.CLIENT_ABORTED_HEADERS;
        }
        return TerminationState.CLIENT_ABORTED_DATA;
    }

    /**
     * An HTTP/1 client closed its sending side (a FIN) while its request waited, and {@code option
     * abortonclose} ended the stream: 3.5, checked live, logs {@code {f2f1,m2m1,e2e1,s2S1s1,E1,M1,F1}}
     * whether the request waited for its response head (400 {@code CH}) or for its connect (-1
     * {@code CC}); with no server connection open (queued, -1 {@code CQ}; or between two connect
     * retries, {@code CC}), {@code {f2f1,m2m1,e2e1,s2S1s1,,-,-}}. {@code serverConnection}: whether
     * a server connection was open (it is closed). (The exchange's end adds {@code f1}, {@code m1},
     * {@code e1}, {@code s1}.)
     */
    static void clientLeftWhileWaiting(SampleContext context, IOException failure, boolean serverConnection) {
        if (failure != null) {
            // A reset: 3.5, checked live, {f3,m1,e1,s3s1S1,E1,M1,F1} fc_err ERESET when connecting, as
            // for a reset during the response; queued, {f3,m1,e1,s3s1S1,,-,-} (Shuttle adds E1 there).
            responseWriteFailed(context, failure);
            return;
        }
        StreamTerminationEvents events = context.terminationEvents();
        events.frontConnection(FD_SHUTR);
        events.frontMux(MUXC_SHUTR);
        events.frontEndpoint(SE_EOS);
        events.stream(STRM_EOS, false);
        if (serverConnection) {
            serverConnectionClosed(events);
        }
        events.stream(STRM_SHUTW, true);
        if (serverConnection) {
            events.backEndpoint(SE_SHUTW);
        }
    }

    /**
     * An HTTP/1 client closed its sending side (a FIN) while the response head was awaited, under
     * {@code no option abortonclose}: the wait went on, and 3.5 (checked live, a server timeout:
     * 504 {@code sH} {@code {f2f1,m2m1,e2e1,s2S7S1s1,E1,M1,F1}}) shows the end it read before the rest.
     */
    static void clientEnded(SampleContext context) {
        StreamTerminationEvents events = context.terminationEvents();
        events.frontConnection(FD_SHUTR);
        events.frontMux(MUXC_SHUTR);
        events.frontEndpoint(SE_EOS);
        events.stream(STRM_EOS, false);
    }

    /** The unfinished exchange's server connection is closed: its mux and socket shut. */
    private static void serverConnectionClosed(StreamTerminationEvents events) {
        events.backMux(MUXC_SHUTW);
        events.backConnection(FD_SHUTW);
    }

    /**
     * The client mux refused what came as a request head with {@code status}: 3.5's mux_h1 reports,
     * before any stream exists, a protocol error ({@code m9}) for a head it could not parse, and
     * "another error" (11, written {@code mB}) for one it does not implement (501).
     */
    static void requestRefused(SampleContext context, int status) {
        StreamTerminationEvents events = context.terminationEvents();
        events.noStream();
        events.frontMux(status == 501 ? MUXC_OTHER_ERR : MUXC_PROTO_ERR);
    }

    /** Something that is not a request came: no stream was made for it. */
    static void requestMalformed(SampleContext context) {
        context.terminationEvents().noStream();
    }

    /** A rule answered the request itself: the stream intercepted it. */
    static void intercepted(SampleContext context) {
        context.terminationEvents().stream(STRM_INTERCEPTED, false);
    }

    /**
     * The exchange ends: its client stream and both sides of the stream shut (the server side first
     * when the proxy answered, as it had no server to wait for; not again when a failure ended it),
     * the server stream detaches, and the client connection shuts when it does not carry another
     * exchange. At log time HAProxy 3.5 shows, for a refused connect, {@code {,,e1,S1s1,,,F7}}; for
     * a server timeout, {@code {,,e1,S7S1s1,E1,M1,F1}}; for a close before the head,
     * {@code {,,e1,S5s1,E5E1,M5M1,F2F1}}.
     */
    static void exchangeEnded(SampleContext context, boolean clientCloses) {
        StreamTerminationEvents events = context.terminationEvents();
        if (events.isCloseReported()) {
            return; // a tunnel's end said it all (TunnelEvents)
        }
        if (clientCloses) {
            if (!events.frontConnectionFailed()) { // no shutdown is reported on a socket that failed
                events.frontConnection(FD_SHUTW);
            }
            events.frontMux(MUXC_SHUTW);
        }
        events.frontEndpoint(SE_SHUTW);
        if (events.streamIntercepted()) {
            events.stream(STRM_SHUTW, true);
            events.stream(STRM_SHUTW, false);
        } else {
            events.stream(STRM_SHUTW, false);
            if (!events.serverSideEnded()) { // a failure already ended it (S1 after S7, S5, F7...)
                events.stream(STRM_SHUTW, true);
                events.backEndpoint(SE_SHUTW);
            }
        }
    }
}
