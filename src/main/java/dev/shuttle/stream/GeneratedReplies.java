package dev.shuttle.stream;

import dev.shuttle.config.HttpConnectionMode;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.TimeoutKind;
import dev.shuttle.http.ErrorResponse;
import dev.shuttle.http.KeepAlive;
import dev.shuttle.http.ResponseHead;
import dev.shuttle.listener.Frontend;
import dev.shuttle.stats.TrafficCounters;
import dev.shuttle.mux.ClientStream;
import dev.shuttle.mux.IncomingRequest;
import dev.shuttle.rules.ReplyTemplate;
import dev.shuttle.rules.RuleKind;
import dev.shuttle.rules.Verdict;
import dev.shuttle.sample.Phase;
import dev.shuttle.sample.SampleContext;
import java.io.IOException;
import java.util.Optional;

/**
 * The responses an exchange makes itself (HAProxy's http_reply and error paths): what rules answer
 * ({@code return}, {@code deny}, {@code redirect}, {@code auth}, {@code tarpit}), the proxy's error
 * pages, and the {@code http-after-response} rules they go through. Each method sends its answer
 * and says how the exchange ends; none writes the log line.
 */
final class GeneratedReplies {
    /** How long an error reply waits for its request body's upload to note how it ended. */
    private static final long UPLOAD_GRACE_MILLIS = 200;

    private final Frontend frontend;
    private final TrafficCounters listenerCounters;
    private final ClientStream client;
    private final SampleContext context;
    private final ExchangeLog log;

    /**
     * @param listenerCounters the counters of the listener that accepted the connection ({@code option
     *                         socket-stats}), or null: its denied requests count there too
     */
    GeneratedReplies(Frontend frontend, TrafficCounters listenerCounters, ClientStream client, SampleContext context,
                     ExchangeLog log) {
        this.frontend = frontend;
        this.listenerCounters = listenerCounters;
        this.client = client;
        this.context = context;
        this.log = log;
    }

    /** Ends the exchange as a final rule verdict said: a reply, or a silent close. */
    ExchangeEnding byRule(Verdict verdict, IncomingRequest request, Upload upload) throws IOException {
        return switch (verdict) {
            case Verdict.Respond reply -> answer(reply, request, upload);
            case Verdict.Reject reject -> reject();
            case Verdict.Continue notFinal -> throw new IllegalArgumentException("a rule set went on: " + verdict);
            case Verdict.Stop notFinal -> throw new IllegalArgumentException("a rule set went on: " + verdict);
            case Verdict.Serve service -> throw new IllegalArgumentException("a service answers in RequestAnalysis: " + verdict);
            case Verdict.BodyMissing missing -> throw new IllegalArgumentException("RequestAnalysis refuses: " + verdict);
        };
    }

    /** A request denied ({@code dreq}): its frontend's, and its listener's when it counts on its own. */
    private void countDenied() {
        frontend.counters().requestDenied();
        if (listenerCounters != null) {
            listenerCounters.requestDenied();
        }
    }

    /** Whether a rule set's verdict ends the exchange here (an answer or a rejection). */
    static boolean isFinal(Verdict verdict) {
        return verdict instanceof Verdict.Respond || verdict instanceof Verdict.Reject || verdict instanceof Verdict.Serve
                || verdict instanceof Verdict.BodyMissing;
    }

    /** {@code reject}: the connection closes without a word, and the request counts as denied. */
    ExchangeEnding reject() {
        countDenied();
        return ExchangeEnding.closing(-1, TerminationState.PROXY_REQUEST);
    }

    /**
     * A rule's reply ({@code deny}, {@code return}, {@code redirect}, {@code auth}, {@code tarpit}) is
     * sent; the connection persists when no part of the request body was left unread, as with
     * HAProxy.
     *
     * @param upload the request body's upload when the request was forwarded, else null
     */
    ExchangeEnding answer(Verdict.Respond reply, IncomingRequest request, Upload upload) throws IOException {
        if (reply.denied()) {
            countDenied();
        }
        if (reply.tarpit()) {
            tarpit(reply.tarpitMillis());
        }
        ErrorResponse message = reply.message().orElseGet(() -> errorFor(reply.status()));
        if (reply.extraHeader() != null) {
            message = message.withHeader(reply.extraHeader()[0], reply.extraHeader()[1]);
        }
        boolean keepAlive = persists(message, request, upload);
        send(message, !keepAlive);
        return ExchangeEnding.logged(reply.status(),
                reply.tarpit() ? TerminationState.PROXY_TARPIT
                        : reply.local() ? TerminationState.LOCAL_REQUEST : TerminationState.PROXY_REQUEST, keepAlive);
    }

    /**
     * The proxy's error page for {@code status} (no server, a server that failed, a broken body).
     * As after a rule's reply, the client connection persists when the request was read whole and
     * the page does not close it (HAProxy's 502, 503 and 504 keep it; 400 and 408 say close).
     *
     * @param upload the request body's upload when the request was forwarded, else null
     */
    ExchangeEnding refuse(int status, TerminationState state, IncomingRequest request, Upload upload)
            throws IOException {
        ErrorResponse message = errorFor(status);
        boolean keepAlive = persists(message, request, upload);
        send(message, !keepAlive);
        return ExchangeEnding.logged(status, state, keepAlive);
    }

    /** Whether the client connection carries another exchange after {@code message}: nothing of the request is left unread. */
    private boolean persists(ErrorResponse message, IncomingRequest request, Upload upload) {
        // A server that fails as the body goes up (a reset) can be noticed before the upload's own
        // thread notes that the body went out whole: it gets a moment, as after a response.
        boolean uploaded = upload != null && upload.outcomeWithin(UPLOAD_GRACE_MILLIS) == Upload.Outcome.COMPLETE;
        boolean bodyLeft = request.hasBody() && context.requestBody().isEmpty() && !uploaded;
        return KeepAlive.persistsAfterReply(bodyLeft, message.closesConnection(), request.clientAsksClose(),
                frontend.config().http().connectionMode() == HttpConnectionMode.CLOSE || context.process().isStopping());
    }

    /**
     * An error found before a request exists (an unparsable or late head): written as HAProxy's
     * connection layer writes it, the built-in page as is; the connection closes.
     */
    ExchangeEnding refuseWithoutRequest(int status, TerminationState state) throws IOException {
        client.sendErrorWithoutRequest(status);
        log.status(status);
        return ExchangeEnding.closing(status, state);
    }

    /** {@code tarpit}: hold the client for {@code timeout tarpit} (else {@code timeout connect}) before answering. */
    private void tarpit(long millis) {
        long wait = millis > 0 ? millis : log.backendConfig().orElse(frontend.config()).timeouts()
                .getOr(TimeoutKind.TARPIT, TimeoutKind.CONNECT);
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.tarpitted();
    }

    /**
     * Sends a response the proxy made, through the {@code http-after-response} rules when there are
     * any (they see it as a response like the server's).
     */
    private void send(ErrorResponse message, boolean close) throws IOException {
        if (!hasAfterResponseRules()) {
            log.replySent(message.head(), message.body().length);
            client.sendReply(message, close);
            log.status(message.status());
            countAppletReply(message.head(), message.body().length);
            return;
        }
        ResponseHead head = message.head();
        context.response(head);
        applyAfterResponseRules();
        log.replySent(head, message.body().length);
        client.sendReply(head, message.body(), close);
        log.status(head.status());
        countAppletReply(head, message.body().length);
    }

    /**
     * A service's reply (the stats page, the Prometheus exporter) counts in {@code %B} as a server's
     * would; a rule's reply ({@code return}, an error page) does not, as in HAProxy 3.5 (checked live).
     */
    private void countAppletReply(ResponseHead head, int bodyBytes) {
        if (log.servedByApplet()) {
            log.appletReplySent(head, bodyBytes);
        }
    }

    boolean hasAfterResponseRules() {
        return !frontend.config().rules().of(RuleKind.HTTP_AFTER_RESPONSE).isEmpty()
                || log.backendConfig().map(b -> !b.rules().of(RuleKind.HTTP_AFTER_RESPONSE).isEmpty()).orElse(false);
    }

    /** {@code http-after-response}: the backend's rules, then the frontend's; only {@code allow} can stop them. */
    void applyAfterResponseRules() {
        context.phase(Phase.HTTP_AFTER_RESPONSE);
        log.backendConfig().filter(b -> b != frontend.config())
                .ifPresent(b -> b.rules().of(RuleKind.HTTP_AFTER_RESPONSE).evaluate(context));
        frontend.config().rules().of(RuleKind.HTTP_AFTER_RESPONSE).evaluate(context);
    }

    /**
     * The backend's own error message, else the frontend's, else the built-in one, as HAProxy looks
     * them up; one made per exchange ({@code http-error ... lf-string}) is made now.
     */
    private ErrorResponse errorFor(int status) {
        Optional<ProxyConfig> backend = log.backendConfig()
                .filter(b -> b.errors().custom(status).isPresent() || b.errorTemplates().containsKey(status));
        ProxyConfig source = backend.orElse(frontend.config());
        ReplyTemplate template = source.errorTemplates().get(status);
        if (template != null) {
            return template.render(context);
        }
        return backend.flatMap(b -> b.errors().custom(status)).orElseGet(() -> frontend.config().errors().forStatus(status));
    }
}
