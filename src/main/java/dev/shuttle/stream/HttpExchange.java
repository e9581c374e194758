package dev.shuttle.stream;

import dev.shuttle.config.LogSettings;
import dev.shuttle.config.LogStep;
import dev.shuttle.config.ProxyMode;
import dev.shuttle.http.ErrorResponse;
import dev.shuttle.listener.Frontend;
import dev.shuttle.listener.StreamPhase;
import dev.shuttle.mux.ClientStream;
import dev.shuttle.mux.IncomingRequest;
import dev.shuttle.mux.RequestArrival;
import dev.shuttle.rules.Verdict;
import dev.shuttle.sample.LogFormat;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.session.Session;
import dev.shuttle.server.ShutdownCause;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * One HTTP exchange on a client stream, HAProxy's http_ana.c in four parts: the request's analysis
 * ({@link RequestAnalysis}: rules, the backend choice), the server side ({@link ServerAttempt}:
 * queue, connect or reuse, send, retry), the response's way back ({@link ResponseForwarding}), and
 * the replies the proxy makes itself ({@link GeneratedReplies}). Each part says how the exchange
 * ended ({@link ExchangeEnding}); the log line is finished in one place, {@link #finish}.
 *
 * <p>Errors become HAProxy's responses: 400 for a bad request, 408 when it is not complete in
 * time, 503 when no server can be had, 502 for a bad or missing response, 504 when the server
 * does not answer within {@code timeout server}. After any error the client connection closes.
 */
final class HttpExchange {
    private final Session session;
    private final Frontend frontend;
    private final ClientStream client;
    private final ServerLinks servers;
    private final Routing routing;
    private final SampleContext context;
    private final SessionObserver observer;
    private final ExchangeLog log;
    private final GeneratedReplies replies;
    /** Whether the line already left with the response head (see {@link #logsWithResponseHead}). */
    private boolean loggedEarly;

    HttpExchange(Session session, ClientStream client, ServerLinks servers, Routing routing, SessionObserver observer) {
        this.session = session;
        this.frontend = session.frontend();
        this.client = client;
        this.servers = servers;
        this.routing = routing;
        this.context = session.context();
        this.observer = observer;
        this.log = new ExchangeLog(session, client);
        log.tls(session.tls());
        context.logFacts(log);
        Optional<LogFormat> uniqueIdFormat = frontend.config().logging().uniqueIdFormat();
        if (uniqueIdFormat.isPresent()) { // no bound method reference made per exchange when there is none
            context.uniqueIdFormat(uniqueIdFormat.get());
        }
        // log-steps and do-log: the stream is logged where it stands at each of its steps.
        log.onStep(step -> observer.logStep(step, frontend, log, context, httpBackend()));
        context.stepLogger((step, profile) -> LogStep.fromKeyword(step)
                .ifPresent(reached -> observer.logStep(reached, frontend, log, context, httpBackend(),
                        profile.map(frontend.config().logging().profiles()::get))));
        if (logsWithResponseHead(frontend.config().logging())) {
            log.onResponseHeadSent(() -> {
                loggedEarly = true;
                report();
            });
        }
        this.replies = new GeneratedReplies(frontend, session.listenerCounters(), client, context, log);
    }

    /** Runs the exchange; returns whether the client connection may carry another one. */
    boolean run() throws IOException {
        ExchangeEnding ending = switch (client.arrival()) {
            case RequestArrival.Received received -> {
                // HAProxy makes the stream once a request head is there: its accept step is then.
                context.terminationEvents().beginStream();
                observer.logStep(LogStep.ACCEPT, frontend, log, context, httpBackend());
                yield serve(received.request());
            }
            case RequestArrival.Absent absent -> clientGone(absent);
            case RequestArrival.Malformed malformed -> {
                ErrorCapture.request(session, malformed.head());
                ClientSideEvents.requestRefused(context, malformed.status());
                yield replies.refuseWithoutRequest(malformed.status(), TerminationState.PROXY_REQUEST);
            }
        };
        return finish(ending);
    }

    /** No complete request: a silent end between requests, or HAProxy's 408 or a log line for a started or first one. */
    private ExchangeEnding clientGone(RequestArrival.Absent gone) throws IOException {
        ClientSideEvents.requestMissing(context, gone);
        boolean first = client.firstOfConnection();
        boolean probe = !gone.anyByte() && (!first || frontend.config().http().ignoreProbes());
        if (!gone.anyByte() && !first) {
            return ExchangeEnding.UNLOGGED;
        }
        if (gone.timedOut()) {
            return probe ? ExchangeEnding.UNLOGGED
                    : replies.refuseWithoutRequest(408, TerminationState.CLIENT_TIMEOUT_REQUEST);
        }
        if (!gone.anyByte() && frontend.config().isOptionSet("dontlognull")) {
            return ExchangeEnding.UNLOGGED; // configuration.txt, "option dontlognull": nothing came, nothing logged
        }
        // HAProxy 3.5 logs a 400 for it (checked live), though the client is not there to get one.
        return gone.anyByte() || !probe ? ExchangeEnding.closing(400, TerminationState.CLIENT_ABORTED_REQUEST)
                : ExchangeEnding.UNLOGGED;
    }

    private ExchangeEnding serve(IncomingRequest request) throws IOException {
        session.live().requestStarted(request.head().target());
        log.requestReceived(request.receivedLine(), request.head());
        log.requestCookies(request.head().headers());
        observer.logStep(LogStep.REQUEST, frontend, log, context, httpBackend());
        frontend.counters().requestReceived();
        RequestDecision decision = new RequestAnalysis(session, client, routing, log).analyse(request);
        if (decision instanceof RequestDecision.Answer || decision instanceof RequestDecision.Reject) {
            ClientSideEvents.intercepted(context);
        }
        if (decision instanceof RequestDecision.Answer answer && !answer.reply().denied()) {
            frontend.counters().requestIntercepted(); // a return or redirect: the stats' intercepted
        }
        return switch (decision) {
            case RequestDecision.Answer answer -> replies.answer(answer.reply(), request, null);
            case RequestDecision.Reject reject -> replies.reject();
            case RequestDecision.Refuse refuse -> replies.refuse(refuse.status(), refuse.state(), request, null);
            case RequestDecision.Forward forward -> forward(request, forward);
        };
    }

    private ExchangeEnding forward(IncomingRequest request, RequestDecision.Forward plan) throws IOException {
        AttemptResult attempt = new ServerAttempt(session, client, servers, log).run(request, plan);
        if (servers.shutdownPending() && !(attempt instanceof AttemptResult.Responded)) {
            return ExchangeEnding.closing(500, TerminationState.NORMAL); // no reply: the stream was ended (see finish)
        }
        if (attempt instanceof AttemptResult.Responded responded) {
            session.live().phase(responded.response().tunnel() ? StreamPhase.TUNNEL : StreamPhase.SENDING_BODY);
        }
        return switch (attempt) {
            case AttemptResult.Responded responded ->
                    new ResponseForwarding(frontend, client, context, servers, replies, log)
                            .forward(request, plan, responded);
            case AttemptResult.NoConnection none -> replies.refuse(503, none.state(), request, null);
            case AttemptResult.NoResponse none -> replies.refuse(none.status(), none.state(), request, none.upload());
            case AttemptResult.ClientGone gone -> ExchangeEnding.closing(-1, TerminationState.CLIENT_ABORTED_HEADERS);
            case AttemptResult.ClientReset reset when client.multiplexed() ->
                    // The HTTP/2 connection goes on (its other streams): nothing of it is shut here.
                    ExchangeEnding.logged(400, ClientSideEvents.h2StreamLeft(context, reset.failure()), true);
            case AttemptResult.ClientReset reset -> {
                // 3.5, checked live: 400 CD, {f3,m1,e1,s3s1S1,E1,M1,F1}, fc_err ERESET, as when
                // the reset comes during the response body (log difftest term-client-resets-response-head).
                ClientSideEvents.responseWriteFailed(context, reset.failure());
                yield ExchangeEnding.closing(400, TerminationState.CLIENT_ABORTED_DATA);
            }
            case AttemptResult.ClientLeftWaiting left -> clientLeftWaiting(left, request);
            case AttemptResult.Redirected redirected -> redirect(redirected.location(), request);
            case AttemptResult.UploadFailed failed -> uploadFailed(failed, request);
        };
    }

    /**
     * The client left while its request waited ({@code option abortonclose}): 3.5, checked live,
     * answers a 400 when the response head was awaited ({@code CH}, counted in the backend's and
     * server's {@code cli_abrt}), nothing when queued ({@code CQ}) or connecting ({@code CC}), and
     * closes.
     */
    private ExchangeEnding clientLeftWaiting(AttemptResult.ClientLeftWaiting left, IncomingRequest request)
            throws IOException {
        ClientSideEvents.clientLeftWhileWaiting(context, left.failure(), left.serverConnection());
        if (left.status() < 0) {
            return ExchangeEnding.closing(-1, left.state());
        }
        left.backend().counters().clientAborted();
        if (left.server() != null) {
            left.server().counters().clientAborted();
        }
        return replies.refuse(left.status(), left.state(), request, null); // the 400 page closes the connection
    }

    /** A server's {@code redir}: HAProxy's 302 to the location, logged as a local answer in the connect phase. */
    private ExchangeEnding redirect(String location, IncomingRequest request) throws IOException {
        Verdict.Respond found = new Verdict.Respond(302, Optional.of(ErrorResponse.redirect(302, location)), null, 0,
                false);
        ExchangeEnding answered = replies.answer(found, request, null);
        return ExchangeEnding.logged(302, TerminationState.LOCAL_CONNECT, answered.clientPersists());
    }

    /**
     * The client broke its request body before any response: HAProxy 3.5 logs a 400 in each case,
     * answers it to a broken body ({@code PD}) and to a silent client ({@code cH}), and closes on
     * a client that left ({@code CH}, nothing to answer).
     */
    private ExchangeEnding uploadFailed(AttemptResult.UploadFailed failed, IncomingRequest request) throws IOException {
        if (failed.outcome() == Upload.Outcome.CLIENT_CLOSED) {
            ClientSideEvents.requestBodyBroken(context, failed.clientFailure());
        }
        return switch (failed.outcome()) {
            case INVALID_BODY -> replies.refuse(400, TerminationState.PROXY_DATA, request, null);
            case CLIENT_TIMEOUT -> replies.refuse(400, TerminationState.CLIENT_TIMEOUT_HEADERS, request, null);
            case null, default -> ExchangeEnding.closing(400, TerminationState.CLIENT_ABORTED_HEADERS);
        };
    }

    /** The one place an exchange's log line is finished and reported (unless it left early, {@code logasap}). */
    private boolean finish(ExchangeEnding ending) {
        ShutdownCause shutdown = servers.exchangeEnded();
        if (shutdown != null) {
            // An action on its server ended the stream (on-marked-down/up): the client connection
            // closes, and the line says so with the status 500 HAProxy 3.5 logs for it.
            ending = ExchangeEnding.closing(500, TerminationState.shutDownBy(shutdown));
        }
        if (!ending.logged()) {
            return ending.clientPersists();
        }
        if (log.requestParsed()) {
            ClientSideEvents.exchangeEnded(context, !ending.clientPersists());
        } else {
            ClientSideEvents.requestMalformed(context);
        }
        log.finish(ending.status(), ending.state());
        log.count();
        if (!loggedEarly) {
            report();
        }
        return ending.clientPersists();
    }

    /**
     * Whether the stream's line leaves with the server's response head rather than at the end, as
     * 3.5's response analyser sends it ({@code %OG} {@code txn_response}): with {@code option
     * logasap} (configuration.txt §8.3.2, totals marked '+'), and for a format without any item
     * that waits for the end (the bytes, the timers, the state: HAProxy's {@code LW_BYTES}), unless
     * {@code log-steps} names the steps. A reply the proxy makes itself is logged at the end.
     */
    private static boolean logsWithResponseHead(LogSettings logging) {
        if (logging.logAsap()) {
            return true;
        }
        return logging.steps().isEmpty() && logging.format().isPresent() && !logging.format().get().needsStreamEnd();
    }

    /** Reports the line as the exchange stands. */
    private void report() {
        // A request that never parsed leaves the context as the previous exchange left it: none of it is logged.
        if (log.requestParsed()) {
            log.stream(effectiveClient(), frontend.config().rules().captures(), context.requestCaptures(),
                    context.responseCaptures(), context.settings().logLevel());
        } else {
            log.stream(effectiveClient(), frontend.config().rules().captures(), List.of(), List.of(), Optional.empty());
        }
        observer.exchangeEnded(log.record(context));
    }

    /** Whether the stream's backend (its frontend until one is chosen) is in HTTP mode, for {@code %Td}. */
    private boolean httpBackend() {
        return log.backendConfig().orElse(frontend.config()).mode() == ProxyMode.HTTP;
    }

    /** The client address as rules left it ({@code set-src}), for the log. */
    private SocketAddress effectiveClient() {
        return context.source().<SocketAddress>map(a -> a).orElse(session.clientAddress());
    }
}
