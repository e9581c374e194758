package dev.shuttle.stream;

import static dev.shuttle.stream.GeneratedReplies.isFinal;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.BalanceAlgorithm;
import dev.shuttle.config.HttpConnectionMode;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.TimeoutKind;
import dev.shuttle.http.HeaderList;
import dev.shuttle.http.HttpVersion;
import dev.shuttle.http.RequestHead;
import dev.shuttle.http.ResponseHead;
import dev.shuttle.listener.Frontend;
import dev.shuttle.mux.ClientStream;
import dev.shuttle.mux.IncomingRequest;
import dev.shuttle.mux.ServerStream;
import dev.shuttle.rules.MonitorRule;
import dev.shuttle.rules.RuleKind;
import dev.shuttle.rules.StatsPageRule;
import dev.shuttle.rules.Verdict;
import dev.shuttle.sample.Phase;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.StreamSettings;
import dev.shuttle.session.Session;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.Optional;

/**
 * The request's analysers, in HAProxy's order (http_ana.c): {@code monitor-uri}, {@code option
 * http-buffer-request}, the frontend's {@code tcp-request content} and {@code http-request} rules,
 * the backend choice ({@code use_backend}), the backend's rules, then the headers the request gets
 * on its way ({@code option forwardfor}...) and what becomes of the server connection after it. It
 * decides; it sends nothing but the {@code 100 Continue} a buffered body asks for.
 */
final class RequestAnalysis {
    /** The statistics page's name in the server's place in log lines, as HAProxy's applet is called. */
    private static final String STATS_APPLET = "<STATS>";
    /** The same for {@code use-service prometheus-exporter}, as 3.5 names its applet. */
    private static final String PROMETHEUS_APPLET = "<PROMEX>";
    /** The {@code waiting_entity} of a stream waiting for its body before the server is chosen (3.5's name). */
    private static final String HTTP_BUFFER_REQUEST = "http-buffer-request";

    private final Session session;
    private final ClientStream client;
    private final Routing routing;
    private final ExchangeLog log;
    private final Frontend frontend;
    private final SampleContext context;

    /** {@code option http-restrict-req-hdr-names reject}: a 403 counted as a denied request, as HAProxy's deny. */
    private static final Verdict.Respond RESTRICTED_NAME = new Verdict.Respond(403, Optional.empty(), null, 0, true);

    RequestAnalysis(Session session, ClientStream client, Routing routing, ExchangeLog log) {
        this.session = session;
        this.client = client;
        this.routing = routing;
        this.log = log;
        this.frontend = session.frontend();
        this.context = session.context();
    }

    RequestDecision analyse(IncomingRequest request) throws IOException {
        RequestHead head = request.head();
        context.beginExchange(head);
        context.phase(Phase.HTTP_REQUEST);
        frontend.config().rules().captures().capture(true, head.headers(), context.requestCaptures());
        context.requestBodyLoader(this::waitForBody);
        context.earlyHintSender(this::sendEarlyHints);
        Optional<MonitorRule> monitor = frontend.config().rules().monitor().filter(m -> m.matches(head));
        if (monitor.isPresent()) {
            // Monitor requests are answered before any rule and never logged (configuration.txt, "monitor-uri").
            context.settings().logLevel(StreamSettings.SILENT);
            int status = monitor.get().failing(context) ? 503 : 200;
            return new RequestDecision.Answer(new Verdict.Respond(status, Optional.empty(), null, 0, false));
        }
        if (frontend.config().http().bufferRequest() && !bufferRequestBody()) {
            return new RequestDecision.Refuse(408, TerminationState.CLIENT_TIMEOUT_REQUEST);
        }
        // In HTTP mode, tcp-request content rules run for each request, before the http-request ones.
        context.phase(Phase.REQUEST_CONTENT);
        Verdict content = frontend.config().rules().of(RuleKind.TCP_REQUEST_CONTENT).evaluate(context);
        context.phase(Phase.HTTP_REQUEST);
        if (content instanceof Verdict.Reject) {
            return RequestDecision.REJECT;
        }
        Verdict verdict = frontend.config().rules().of(RuleKind.HTTP_REQUEST).evaluate(context);
        if (isFinal(verdict)) {
            return byRule(verdict, frontend.config(), head);
        }
        if (RequestHeaders.restrictNames(head.headers(), frontend.config().http().headerNames())) {
            return byRule(RESTRICTED_NAME);
        }
        Optional<RequestDecision> page = statsPage(frontend.config(), head);
        if (page.isPresent()) {
            return page.get();
        }
        Optional<Backend> chosen = routing.select(frontend, context);
        if (chosen.isEmpty()) {
            return new RequestDecision.Refuse(503, TerminationState.SERVER_REFUSED);
        }
        Backend backend = chosen.get();
        backend.counters().sessionStarted(); // a stream on the backend: its cum_sess and be_sess_rate
        backend.counters().sessionsOpen(backend.currentConnections() + 1L); // its smax: this stream and those served
        context.backend(backend);
        log.backend(backend);
        // stream.c: force-persist and ignore-persist are decided as soon as the backend is known.
        PersistenceState persistence = PersistenceState.afterBackendChoice(backend, context);
        log.persistence(persistence);
        if (backend.config() != frontend.config()) {
            if (backend.config().http().bufferRequest() && context.requestBody().isEmpty() && !bufferRequestBody()) {
                return new RequestDecision.Refuse(408, TerminationState.CLIENT_TIMEOUT_REQUEST);
            }
            verdict = backend.config().rules().of(RuleKind.HTTP_REQUEST).evaluate(context);
            if (isFinal(verdict)) {
                return byRule(verdict, backend.config(), head);
            }
            if (RequestHeaders.restrictNames(head.headers(), backend.config().http().headerNames())) {
                return byRule(RESTRICTED_NAME);
            }
            page = statsPage(backend.config(), head);
            if (page.isPresent()) {
                return page.get();
            }
        }
        if (balancesOnPostedParameter(backend, request) && context.requestBody().isEmpty() && !bufferRequestBody()) {
            return new RequestDecision.Refuse(408, TerminationState.CLIENT_TIMEOUT_REQUEST);
        }
        return forward(request, backend, persistence);
    }

    /**
     * The proxy's statistics page, when the request is for it: HAProxy checks {@code stats uri}
     * once the proxy's {@code http-request} rules let the request through (http_ana.c), and the
     * page's answer ends the exchange, unless its {@code stats http-request} rules answer instead.
     * A body (an admin form) is read whole first.
     */
    private Optional<RequestDecision> statsPage(ProxyConfig proxy, RequestHead head) throws IOException {
        Optional<StatsPageRule> page = proxy.rules().statsPage();
        if (page.isEmpty() || !page.get().matches(head)) {
            return Optional.empty();
        }
        log.appletAssigned(STATS_APPLET);
        // http_ana.c: the "stats http-request" rules run once the URI selected the page; the first that
        // applies decides ("deny" and "auth" answer in the page's place, "allow" serves it).
        Verdict access = page.get().accessRules().evaluate(context);
        if (access instanceof Verdict.Respond refusal) {
            return Optional.of(new RequestDecision.Answer(refusal));
        }
        if (context.requestBody().isEmpty()) {
            bufferRequestBody();
        }
        context.servedByApplet();
        Verdict.Respond answer = routing.applets().statsPage(proxy, page.get(), head, context);
        if (answer.status() != 401) {
            // HAProxy challenges for 'stats auth' before its page's applet runs: no %Tr, no bytes then.
            log.appletAnswered();
        }
        return Optional.of(new RequestDecision.Answer(answer));
    }

    /**
     * {@code early-hint}: a 103 Early Hints response (RFC 8297) goes to the client at once; if it
     * cannot, the client is gone, which the exchange learns when it next reads or writes.
     */
    private void sendEarlyHints(HeaderList fields) {
        try {
            client.sendInterim(new ResponseHead(HttpVersion.HTTP_1_1, 103, "Early Hints", fields));
        } catch (IOException gone) {
            // noticed by the exchange's next read or write
        }
    }

    /** A final verdict of {@code proxy}'s rules: its answer, a service's ({@code use-service}), or a reject. */
    private RequestDecision byRule(Verdict verdict, ProxyConfig proxy, RequestHead head) {
        if (verdict instanceof Verdict.Serve serve) {
            context.servedByApplet();
            log.appletAssigned(PROMETHEUS_APPLET); // the one service the configuration accepts
            Verdict.Respond answer = routing.applets().service(serve.service(), proxy, head, context);
            log.appletAnswered();
            return new RequestDecision.Answer(answer);
        }
        return byRule(verdict);
    }

    private static RequestDecision byRule(Verdict verdict) {
        if (verdict instanceof Verdict.BodyMissing missing) {
            // wait-for-body: 3.5 answers 408 (cR) when the rule's time ran out, 400 (CR) when the client aborted.
            return missing.timedOut() ? new RequestDecision.Refuse(408, TerminationState.CLIENT_TIMEOUT_REQUEST)
                    : new RequestDecision.Refuse(400, TerminationState.CLIENT_ABORTED_REQUEST);
        }
        return verdict instanceof Verdict.Respond reply ? new RequestDecision.Answer(reply) : RequestDecision.REJECT;
    }

    /** The request goes to {@code backend}: its address headers, and the fate of the server connection after it. */
    private RequestDecision forward(IncomingRequest request, Backend backend, PersistenceState persistence) {
        ProxyConfig front = frontend.config();
        ProxyConfig back = backend.config();
        HttpConnectionMode mode = HttpConnectionMode.effective(front.http().connectionMode(), back.http().connectionMode());
        RequestHeaders.decorate(request.head(), front, back, effectiveClient(), session.frontendAddress(),
                session.tls().isPresent(), context);
        boolean closeServerAfter = mode != HttpConnectionMode.KEEP_ALIVE;
        boolean pretendKeepAlive = front.http().pretendKeepAlive() || back.http().pretendKeepAlive();
        ServerStream.Announcement announcement;
        if (request.closeServerAfter()) {
            // A body framed by Transfer-Encoding next to Content-Length, or in HTTP/1.0: the server
            // connection is not reused afterwards, but HAProxy announces nothing either way.
            closeServerAfter = true;
            announcement = ServerStream.Announcement.NOTHING;
        } else {
            announcement = closeServerAfter && !pretendKeepAlive
                    ? ServerStream.Announcement.CLOSE : ServerStream.Announcement.KEEP_ALIVE;
        }
        return new RequestDecision.Forward(backend, mode, closeServerAfter, announcement, persistence);
    }

    /**
     * Whether the backend's {@code balance url_param} may look for its parameter in this request's
     * body: a POST with one. HAProxy then waits for the body (up to a buffer) before choosing the
     * server, whether {@code check_post} is written or not (http_ana.c adds its body analyser for
     * any POST under {@code url_param}); so does Shuttle, with {@code timeout http-request}.
     */
    private static boolean balancesOnPostedParameter(Backend backend, IncomingRequest request) {
        return backend.config().balance() == BalanceAlgorithm.URL_PARAM && request.hasBody()
                && request.head().method().equals("POST");
    }

    /**
     * {@code option http-buffer-request}: wait for the whole body before choosing a server, when it
     * has a length and fits in the buffer (a chunked or larger body is streamed as usual).
     */
    private boolean bufferRequestBody() throws IOException {
        long timeout = frontend.config().timeouts().getOr(TimeoutKind.HTTP_REQUEST, TimeoutKind.CLIENT);
        // waiting_entity names the wait until it is over; a timeout or an abort leaves it for the log (3.5's WREQ_BODY).
        context.waitingEntity(HTTP_BUFFER_REQUEST);
        boolean received = bufferRequestBody(timeout, 0, false);
        if (received) {
            context.waitingEntity(null);
        }
        return received;
    }

    /**
     * Buffers the body, waiting up to {@code timeout} for all of it, or for its first {@code atLeast}
     * bytes when positive. Returns false when the time ran out first; with {@code keepPartial}, rules
     * then see what arrived.
     */
    private boolean bufferRequestBody(long timeout, long atLeast, boolean keepPartial) throws IOException {
        ClientStream.BufferedBody body = client.bufferRequestBody(timeout, atLeast);
        if (body.bytes() == null) {
            return true;
        }
        if (!body.complete() && !keepPartial) {
            return false;
        }
        context.requestBody(body.bytes());
        return body.complete();
    }

    /**
     * {@code http-request wait-for-body}: whether the body (or its first {@code atLeast} bytes) came
     * in time; the rules see what arrived either way.
     */
    private SampleContext.BodyWait waitForBody(long timeout, long atLeast) {
        try {
            return bufferRequestBody(timeout, atLeast, true) ? SampleContext.BodyWait.RECEIVED
                    : SampleContext.BodyWait.TIMED_OUT;
        } catch (IOException e) {
            return SampleContext.BodyWait.CLIENT_ABORTED;
        }
    }

    /** The client address as rules left it ({@code set-src}), for {@code X-Forwarded-For}. */
    private SocketAddress effectiveClient() {
        return context.source().<SocketAddress>map(a -> a).orElse(session.clientAddress());
    }
}
