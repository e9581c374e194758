package dev.shuttle.stream;

import static dev.shuttle.stream.GeneratedReplies.isFinal;

import dev.shuttle.config.HttpConnectionMode;
import dev.shuttle.config.PersistenceCookie;
import dev.shuttle.config.TimeoutKind;
import dev.shuttle.http.KeepAlive;
import dev.shuttle.http.ResponseHead;
import dev.shuttle.listener.Frontend;
import dev.shuttle.mux.BodySink;
import dev.shuttle.mux.BodyTransferException;
import dev.shuttle.mux.ClientFailureWatch;
import dev.shuttle.mux.ClientStream;
import dev.shuttle.mux.IncomingRequest;
import dev.shuttle.mux.IncomingResponse;
import dev.shuttle.mux.TcpTunnel;
import dev.shuttle.rules.RuleKind;
import dev.shuttle.rules.Verdict;
import dev.shuttle.sample.Phase;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.TerminationEvent;
import java.io.IOException;
import java.util.Optional;

/**
 * The response's way back (HAProxy's http_ana.c response analysers and the data phase): the
 * {@code http-response} rules, then the head and body to the client, or a tunnel after a 101 or a
 * CONNECT; then whether each connection persists ({@link KeepAlive}), and the server connection
 * goes back to its pool or closes.
 */
final class ResponseForwarding {
    /** How long a finished response waits for its request body's upload to note that it is done. */
    private static final long UPLOAD_GRACE_MILLIS = 200;

    private final Frontend frontend;
    private final ClientStream client;
    private final SampleContext context;
    private final ServerLinks servers;
    private final GeneratedReplies replies;
    private final ExchangeLog log;

    ResponseForwarding(Frontend frontend, ClientStream client, SampleContext context, ServerLinks servers,
                       GeneratedReplies replies, ExchangeLog log) {
        this.frontend = frontend;
        this.client = client;
        this.context = context;
        this.servers = servers;
        this.replies = replies;
        this.log = log;
    }

    ExchangeEnding forward(IncomingRequest request, RequestDecision.Forward plan, AttemptResult.Responded responded)
            throws IOException {
        IncomingResponse response = responded.response();
        ServerLink link = responded.link();
        Upload upload = responded.upload();
        if (response.tunnel()) {
            return tunnel(request, responded);
        }
        ResponseHead head = response.head();
        context.server(link.connection().server());
        context.response(head);
        context.phase(Phase.HTTP_RESPONSE);
        frontend.config().rules().captures().capture(false, head.headers(), context.responseCaptures());
        context.responseBodyLoader((timeoutMillis, atLeast) -> bufferResponseBody(response, timeoutMillis, atLeast));
        Verdict verdict = responseRules(link);
        if (isFinal(verdict)) {
            // The server's answer is dropped unread, so its connection cannot serve again.
            context.terminationEvents().stream(TerminationEvent.STRM_INTERCEPTED, true);
            servers.discard(link);
            Upload.awaitQuietly(upload);
            return replies.byRule(verdict, request, upload);
        }
        Optional<PersistenceCookie> cookie = plan.backend().config().http().cookie();
        if (cookie.isPresent() && head.status() >= 200) {
            SetCookiePersistence.onResponse(request.head().method(), head, cookie.get(), link.connection().server(),
                    plan.persistence(), System.currentTimeMillis() / 1000);
        }
        if (replies.hasAfterResponseRules()) {
            replies.applyAfterResponseRules();
        }
        // During a soft stop every response closes its client connection, as HAProxy's do.
        boolean closeClient = KeepAlive.clientCloses(plan.mode() == HttpConnectionMode.CLOSE || context.process().isStopping(),
                request.clientAsksClose(), request.closeServerAfter(), client.responseNeedsClose(response));
        log.status(head.status());
        log.responseCookies(head.headers());
        long bytesBefore = client.bytesWritten();
        // A client that resets while the body waits on the server ends the wait (CD), as HAProxy
        // reads the reset at once; without the watch, the server's timeout would end it (sD). A
        // body that arrived with its head (most small responses) never waits: nothing to watch.
        ClientFailureWatch clientFailure = response.body().arrived() ? ClientFailureWatch.NEVER
                : client.watchFailure(responded.server()::abortResponseBody);
        try {
            BodySink toClient = client.sendResponseHead(head, response, closeClient,
                    !frontend.config().http().dropResponseTrailers());
            log.responseHeadSent(client.bytesWritten() - bytesBefore);
            long serverTimeout = context.settings().serverTimeout()
                    .orElse(link.backend().config().timeouts().get(TimeoutKind.SERVER));
            response.body().forwardTo(toClient, serverTimeout);
        } catch (IOException e) {
            clientFailure.close();
            TerminationState state;
            if (clientFailure.fired()) {
                ClientSideEvents.responseWriteFailed(context, clientFailure.failure().orElse(e));
                state = TerminationState.CLIENT_ABORTED_DATA;
                Upload.awaitQuietly(upload);
            } else {
                if (writingToClientFailed(e)) {
                    ClientSideEvents.responseWriteFailed(context, e);
                } else {
                    ServerSideEvents.responseBodyBroken(context, e);
                }
                state = dataFailure(e, Upload.awaitQuietly(upload));
            }
            servers.discard(link);
            log.bytes(client.bytesWritten() - bytesBefore); // what reached the client is logged, as HAProxy does
            return ExchangeEnding.closing(head.status(), state);
        } finally {
            clientFailure.close();
        }
        log.bytes(client.bytesWritten() - bytesBefore);
        boolean uploadComplete = upload == null || uploadEnded(upload) == Upload.Outcome.COMPLETE;
        if (clientFailure.fired()) {
            // The client reset as the body ended: its input shut, the server connection serves no more.
            servers.discard(link);
        } else if (KeepAlive.serverReusable(uploadComplete, plan.closeServerAfter(), response.serverMayPersist())) {
            if (ConnectionAuthentication.bindsConnection(head)) {
                servers.bindToSession(link);
            }
            servers.keep(link);
        } else {
            if (response.body().endsWithConnection()) {
                ServerSideEvents.closedAfterBody(context);
            }
            // An upload still running ends here: closing its server connection makes it fail at once,
            // unless it waits on the client, whose end then says how the exchange ended.
            servers.discard(link);
            Upload.Outcome uploaded = Upload.awaitQuietly(upload);
            if (uploaded == Upload.Outcome.CLIENT_TIMEOUT || uploaded == Upload.Outcome.CLIENT_CLOSED) {
                return ExchangeEnding.closing(head.status(), uploaded == Upload.Outcome.CLIENT_TIMEOUT
                        ? TerminationState.CLIENT_TIMEOUT_LAST_DATA : TerminationState.CLIENT_ABORTED_LAST_DATA);
            }
        }
        return ExchangeEnding.logged(head.status(), TerminationState.NORMAL,
                KeepAlive.clientPersists(closeClient, uploadComplete));
    }

    /** Whether the response's head or body could not be written to the client (rather than read from the server). */
    private static boolean writingToClientFailed(IOException failure) {
        return !(failure instanceof BodyTransferException transfer)
                || transfer.failure() == BodyTransferException.Failure.SINK_FAILED;
    }

    /**
     * Who broke the response's data phase (configuration.txt §8.5): the client when its upload
     * broke first ({@code cD} for a silent one, {@code CD} for one that left) or when writing to it
     * failed ({@code CD}), or could not go out within {@code timeout client} ({@code cD}: an HTTP/2
     * client that stopped reading); else the server ({@code sD} silent, {@code SD} closed).
     */
    private static TerminationState dataFailure(IOException failure, Upload.Outcome uploaded) {
        if (failure instanceof BodyTransferException timeout
                && timeout.failure() == BodyTransferException.Failure.SINK_TIMEOUT) {
            return TerminationState.CLIENT_TIMEOUT_DATA; // the client took nothing for timeout client
        }
        if (uploaded == Upload.Outcome.CLIENT_TIMEOUT) {
            return TerminationState.CLIENT_TIMEOUT_DATA;
        }
        if (uploaded == Upload.Outcome.CLIENT_CLOSED) {
            return TerminationState.CLIENT_ABORTED_DATA;
        }
        if (!(failure instanceof BodyTransferException transfer)
                || transfer.failure() == BodyTransferException.Failure.SINK_FAILED) {
            return TerminationState.CLIENT_ABORTED_DATA; // the response head or body could not be written
        }
        return transfer.failure() == BodyTransferException.Failure.SOURCE_TIMEOUT
                ? TerminationState.SERVER_TIMEOUT_DATA : TerminationState.SERVER_ABORTED_DATA;
    }

    /**
     * {@code http-response wait-for-body}: the response body, when it has a length that fits a
     * buffer, is read into memory for the rules ({@code res.body}) and stays buffered for the
     * client; a server that breaks it leaves the rules with what arrived, and the forwarding fails
     * as it would have.
     */
    private void bufferResponseBody(IncomingResponse response, long timeoutMillis, long atLeast) {
        try {
            byte[] bytes = response.body().buffer(timeoutMillis, atLeast).bytes();
            if (bytes != null) {
                context.responseBody(bytes);
            }
        } catch (IOException e) {
            // noticed again when the body is forwarded
        }
    }

    /** {@code http-response}: the backend's rules, then the frontend's, as HAProxy runs them. */
    private Verdict responseRules(ServerLink link) {
        Verdict verdict = Verdict.CONTINUE;
        if (link.backend().config() != frontend.config()) {
            verdict = link.backend().config().rules().of(RuleKind.HTTP_RESPONSE).evaluate(context);
        }
        if (!isFinal(verdict)) {
            verdict = frontend.config().rules().of(RuleKind.HTTP_RESPONSE).evaluate(context);
        }
        return verdict;
    }

    /** The upload's outcome once the response is through, allowing it a moment to finish; null if it still runs. */
    private static Upload.Outcome uploadEnded(Upload upload) {
        try {
            return upload.awaitBriefly(UPLOAD_GRACE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** 101 Switching Protocols or a 2xx to CONNECT: both connections become one byte tunnel. */
    private ExchangeEnding tunnel(IncomingRequest request, AttemptResult.Responded responded) throws IOException {
        ServerLink link = responded.link();
        ResponseHead head = responded.response().head();
        boolean askedForUpgrade = request.asksUpgrade() || request.head().isMethod("CONNECT");
        if (!askedForUpgrade) {
            servers.discard(link);
            return replies.refuse(502, TerminationState.PROXY_HEADERS, request, responded.upload());
        }
        long bytesBefore = client.bytesWritten();
        TcpTunnel tunnel = new TcpTunnel(client.switchToTunnel(head), responded.server().tunnelEnd(),
                timeouts(link));
        // %B counts the head as HAProxy does, in its internal form (checked live: 132 for a 101 of 129 bytes).
        log.responseHeadSent(client.bytesWritten() - bytesBefore);
        log.status(head.status());
        TerminationState state = TerminationState.NORMAL;
        try {
            TcpTunnel.Result result = tunnel.run();
            log.bytes(result.bytesToClient());
            // How the tunnel ended is the exchange's state, as in TCP mode (cD, sD, CD, SD).
            state = TcpSession.tunnelEnding(result.ending());
            TunnelEvents.httpTunnelEnded(context, result, tunnel.clientEndedFirst());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The head and what the server had already sent went through the client stream before the tunnel.
        log.bytes(client.bytesWritten() - bytesBefore);
        if (link.mux().multiplexed()) {
            // The tunnel was one stream (RFC 8441, RFC 9113 §8.5): it ended, the connection serves others.
            servers.keep(link);
        } else {
            servers.discard(link);
        }
        return ExchangeEnding.closing(head.status(), state);
    }

    /** {@code timeout tunnel} (a rule's {@code set-timeout tunnel} first) for both sides, else client and server. */
    private TcpTunnel.Timeouts timeouts(ServerLink link) {
        long tunnelTimeout = context.settings().tunnelTimeout()
                .orElse(link.backend().config().timeouts().get(TimeoutKind.TUNNEL));
        long clientTimeout = tunnelTimeout > 0 ? tunnelTimeout : frontend.config().timeouts().get(TimeoutKind.CLIENT);
        long serverTimeout = tunnelTimeout > 0 ? tunnelTimeout : link.backend().config().timeouts().get(TimeoutKind.SERVER);
        return new TcpTunnel.Timeouts(clientTimeout, serverTimeout,
                frontend.config().timeouts().get(TimeoutKind.CLIENT_FIN),
                link.backend().config().timeouts().get(TimeoutKind.SERVER_FIN));
    }
}
