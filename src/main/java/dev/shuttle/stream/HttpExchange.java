package dev.shuttle.stream;

import static dev.shuttle.stream.ExchangeFraming.awaitQuietly;
import static dev.shuttle.stream.ExchangeFraming.isFinal;
import static dev.shuttle.stream.ExchangeFraming.peer;
import static dev.shuttle.stream.ExchangeFraming.requestOutput;
import static dev.shuttle.stream.ExchangeFraming.responseOutput;

import dev.shuttle.backend.Backend;
import dev.shuttle.backend.ServerConnector;
import dev.shuttle.config.HttpConnectionMode;
import dev.shuttle.config.TimeoutKind;
import dev.shuttle.h1.H1Flag;
import dev.shuttle.h1.H1Request;
import dev.shuttle.h1.H1Response;
import dev.shuttle.http.BodyFraming;
import dev.shuttle.http.ErrorResponse;
import dev.shuttle.http.HttpVersion;
import dev.shuttle.http.RequestHead;
import dev.shuttle.http.ResponseHead;
import dev.shuttle.listener.Frontend;
import dev.shuttle.mux.BodyForwarder;
import dev.shuttle.mux.H1Connection;
import dev.shuttle.mux.TcpTunnel;
import dev.shuttle.net.SocketAddresses;
import dev.shuttle.rules.MonitorRule;
import dev.shuttle.rules.RuleKind;
import dev.shuttle.rules.Verdict;
import dev.shuttle.sample.Phase;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.StreamSettings;
import dev.shuttle.server.Server;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Optional;

/**
 * One HTTP exchange on a client connection: analyse the request, pick the backend, get a server
 * connection, forward the request and its body, read the response (through 1xx interim ones),
 * forward it, and decide whether each side stays open (HAProxy's http_ana.c, in order).
 *
 * <p>Errors become HAProxy's responses: 400 for a bad request, 408 when it is not complete in
 * time, 503 when no server can be had, 502 for a bad or missing response, 504 when the server
 * does not answer within {@code timeout server}. After any error the client connection closes.
 */
final class HttpExchange {
    private final Frontend frontend;
    private final H1Connection client;
    private final ServerLinks servers;
    private final SampleContext context;
    private final SocketAddress clientAddress;
    private final SocketAddress frontendAddress;
    private final SessionObserver observer;
    private final boolean firstOfConnection;
    private final ExchangeLog log;

    HttpExchange(Frontend frontend, H1Connection client, ServerLinks servers, SampleContext context,
                 SocketAddress clientAddress,
                 SocketAddress frontendAddress, long requestDateMillis, long startNanos, SessionObserver observer,
                 boolean firstOfConnection) {
        this.frontend = frontend;
        this.client = client;
        this.servers = servers;
        this.context = context;
        this.clientAddress = clientAddress;
        this.frontendAddress = frontendAddress;
        this.observer = observer;
        this.firstOfConnection = firstOfConnection;
        this.log = new ExchangeLog(frontend, clientAddress, requestDateMillis, startNanos);
    }

    /** Runs the exchange; returns whether the client connection may carry another one. */
    boolean run(H1Connection.Incoming<H1Request> incoming) throws IOException {
        return switch (incoming) {
            case H1Connection.Incoming.Message<H1Request> message -> serve(message.message());
            case H1Connection.Incoming.Gone<H1Request> gone -> clientGone(gone);
            case H1Connection.Incoming.TooLarge<H1Request> tooLarge -> refuse(400, "PR", null);
            case H1Connection.Incoming.Invalid<H1Request> invalid -> refuse(invalid.error().status(), "PR", null);
        };
    }

    /** No complete request: a silent end between requests, or HAProxy's 408/400 for a started or first one. */
    private boolean clientGone(H1Connection.Incoming.Gone<H1Request> gone) throws IOException {
        boolean probe = !gone.anyByte() && (firstOfConnection
                ? frontend.config().http().ignoreProbes() : true);
        if (!gone.anyByte() && !firstOfConnection) {
            return false;
        }
        if (gone.timedOut()) {
            if (probe) {
                return false;
            }
            return refuse(408, "cR", null);
        }
        if (gone.anyByte()) {
            log.finish(-1, "CR");
            report();
            return false;
        }
        if (!probe) {
            log.finish(-1, "CR");
            report();
        }
        return false;
    }

    private boolean serve(H1Request request) throws IOException {
        requestVersion = request.head().version();
        requestParsed = true;
        log.requestReceived(request.head());
        frontend.counters().requestReceived();
        RequestHeaders.normalize(request.head(), request.target());
        context.beginExchange(request.head());
        context.phase(Phase.HTTP_REQUEST);
        frontend.config().rules().captures().capture(true, request.head().headers(), context.requestCaptures());
        context.requestBodyLoader((timeout, atLeast) -> waitForBody(request, timeout, atLeast));
        Optional<MonitorRule> monitor = frontend.config().rules().monitor().filter(m -> m.matches(request.head()));
        if (monitor.isPresent()) {
            // Monitor requests are answered before any rule and never logged (configuration.txt, "monitor-uri").
            context.settings().logLevel(StreamSettings.SILENT);
            int status = monitor.get().failing(context) ? 503 : 200;
            return answer(new Verdict.Respond(status, Optional.empty(), null, "PR", 0, false), request);
        }
        if (frontend.config().http().bufferRequest() && !bufferRequestBody(request)) {
            return refuse(408, "cR", request);
        }
        // In HTTP mode, tcp-request content rules run for each request, before the http-request ones.
        context.phase(Phase.REQUEST_CONTENT);
        Verdict content = frontend.config().rules().of(RuleKind.TCP_REQUEST_CONTENT).evaluate(context);
        context.phase(Phase.HTTP_REQUEST);
        if (content instanceof Verdict.Reject) {
            return answer(content, request);
        }
        Verdict verdict = frontend.config().rules().of(RuleKind.HTTP_REQUEST).evaluate(context);
        if (isFinal(verdict)) {
            return answer(verdict, request);
        }
        Optional<Backend> chosen = frontend.selectBackend(context);
        if (chosen.isEmpty()) {
            return refuse(503, "SC", request);
        }
        Backend backend = chosen.get();
        context.backend(backend);
        log.backend(backend);
        if (backend.config() != frontend.config()) {
            if (backend.config().http().bufferRequest() && context.requestBody().isEmpty()
                    && !bufferRequestBody(request)) {
                return refuse(408, "cR", request);
            }
            verdict = backend.config().rules().of(RuleKind.HTTP_REQUEST).evaluate(context);
            if (isFinal(verdict)) {
                return answer(verdict, request);
            }
        }
        HttpConnectionMode mode = HttpConnectionMode.effective(frontend.config().http().connectionMode(),
                backend.config().http().connectionMode());
        RequestHeaders.decorate(request.head(), frontend.config(), backend.config(), effectiveClient(), frontendAddress);
        request.head().headers().lowerCaseNames();
        boolean closeServerAfter = mode != HttpConnectionMode.KEEP_ALIVE;
        boolean pretendKeepAlive = frontend.config().http().pretendKeepAlive() || backend.config().http().pretendKeepAlive();
        if (request.flags().contains(H1Flag.CLOSE_SERVER_AFTER)) {
            // A body framed by Transfer-Encoding next to Content-Length, or in HTTP/1.0: the server
            // connection is not reused afterwards, but HAProxy announces nothing either way.
            closeServerAfter = true;
            RequestHeaders.setServerConnection(request.head(), request.head().version() != HttpVersion.HTTP_1_1);
        } else {
            RequestHeaders.setServerConnection(request.head(), closeServerAfter && !pretendKeepAlive);
        }
        return forward(request, backend, mode, closeServerAfter);
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

    /**
     * Ends the exchange as a rule decided: {@code reject} closes without a word; a reply
     * ({@code deny}, {@code return}, {@code redirect}, {@code auth}, {@code tarpit}) is sent and
     * the connection persists when the request had no body left unread, as with HAProxy.
     */
    private boolean answer(Verdict verdict, H1Request request) throws IOException {
        if (verdict instanceof Verdict.Reject) {
            frontend.counters().connectionDenied();
            log.finish(-1, "PR");
            report();
            return false;
        }
        Verdict.Respond reply = (Verdict.Respond) verdict;
        if (reply.denied()) {
            frontend.counters().connectionDenied();
        }
        if (reply.tarpitMillis() != 0) {
            tarpit(reply.tarpitMillis());
        }
        ErrorResponse message = reply.message().orElseGet(() -> errorFor(reply.status()));
        if (reply.extraHeader() != null) {
            message = message.withHeader(reply.extraHeader()[0], reply.extraHeader()[1]);
        }
        boolean uploaded = outcome != null && outcome.upload() != null
                && outcome.upload().outcomeIfDone() == Upload.Outcome.COMPLETE;
        boolean bodyLeft = request.framing().hasBody() && context.requestBody().isEmpty() && !uploaded;
        boolean keepAlive = !bodyLeft && !message.closesConnection() && clientMayPersist(request);
        sendGenerated(message, request, !keepAlive);
        log.finish(reply.status(), reply.terminationState());
        report();
        return keepAlive;
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
    }

    /** Whether the client asked, or its HTTP version implies, that its connection persists. */
    private boolean clientMayPersist(H1Request request) {
        boolean http11 = request.head().version() == HttpVersion.HTTP_1_1;
        return !request.flags().contains(H1Flag.CONNECTION_CLOSE)
                && (http11 || request.flags().contains(H1Flag.CONNECTION_KEEP_ALIVE))
                && frontend.config().http().connectionMode() != HttpConnectionMode.CLOSE;
    }

    /**
     * Sends a response Shuttle made itself, through the {@code http-after-response} rules when there
     * are any (they see it as a response like the server's).
     */
    private void sendGenerated(ErrorResponse message, H1Request request, boolean close) throws IOException {
        ErrorResponse.ClientConnection peer = peer(request, close);
        if (!hasAfterResponseRules()) {
            writeQuietly(message.toHttp1Bytes(peer));
            log.status(message.status());
            log.bytes(message.toHttp1Bytes(peer).length);
            return;
        }
        ResponseHead head = message.head();
        context.response(head);
        applyAfterResponseRules();
        ConnectionHeader.rewriteResponse(head.headers(), head.version() == HttpVersion.HTTP_1_1,
                request.head().version() == HttpVersion.HTTP_1_1, close);
        head.headers().lowerCaseNames();
        long before = client.bytesWritten();
        try {
            client.writeResponseHead(head);
            client.output().write(message.body());
            client.flush();
        } catch (IOException gone) {
            // the client left; the log still tells what happened
        }
        log.status(head.status());
        log.bytes(client.bytesWritten() - before);
    }

    private boolean hasAfterResponseRules() {
        return !frontend.config().rules().of(RuleKind.HTTP_AFTER_RESPONSE).isEmpty()
                || log.backendConfig().map(b -> !b.rules().of(RuleKind.HTTP_AFTER_RESPONSE).isEmpty()).orElse(false);
    }

    /** {@code http-after-response}: the backend's rules, then the frontend's; only {@code allow} can stop them. */
    private void applyAfterResponseRules() {
        context.phase(Phase.HTTP_AFTER_RESPONSE);
        log.backendConfig().filter(b -> b != frontend.config())
                .ifPresent(b -> b.rules().of(RuleKind.HTTP_AFTER_RESPONSE).evaluate(context));
        frontend.config().rules().of(RuleKind.HTTP_AFTER_RESPONSE).evaluate(context);
    }

    private void writeQuietly(byte[] bytes) {
        try {
            client.writeRaw(bytes);
        } catch (IOException gone) {
            // the client left; the log still tells what happened
        }
    }

    /**
     * {@code option http-buffer-request}: wait for the whole body before choosing a server, when it
     * has a length and fits in the buffer (a chunked or larger body is streamed as usual). An
     * {@code Expect: 100-continue} is answered here, since the body is wanted now.
     */
    private boolean bufferRequestBody(H1Request request) throws IOException {
        long timeout = frontend.config().timeouts().getOr(TimeoutKind.HTTP_REQUEST, TimeoutKind.CLIENT);
        return bufferRequestBody(request, timeout, 0, false);
    }

    /**
     * Buffers the body as {@link #bufferRequestBody(H1Request)} does, waiting up to {@code timeout}
     * for the whole body, or for its first {@code atLeast} bytes when positive. Returns false when
     * the time ran out first; with {@code keepPartial}, rules then see what arrived.
     */
    private boolean bufferRequestBody(H1Request request, long timeout, long atLeast, boolean keepPartial)
            throws IOException {
        if (!(request.framing() instanceof BodyFraming.Length length) || length.length() == 0) {
            return true;
        }
        if (request.flags().remove(H1Flag.EXPECT_CONTINUE)) {
            request.head().headers().removeAll("Expect");
            client.writeRaw("HTTP/1.1 100 Continue\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        if (length.length() > client.input().capacity()) {
            return true;
        }
        long wanted = atLeast > 0 ? Math.min(atLeast, length.length()) : length.length();
        boolean complete = client.bufferBody(wanted, timeout);
        if (!complete && !keepPartial) {
            return false;
        }
        // The body stays in the buffer for the server; rules see a copy ({@code req.body}).
        int available = (int) Math.min(client.input().buffered(), length.length());
        context.requestBody(java.util.Arrays.copyOfRange(client.input().array(), client.input().start(),
                client.input().start() + available));
        return complete;
    }

    /** {@code http-request wait-for-body}: a body that does not come in time leaves the rules with what arrived. */
    private void waitForBody(H1Request request, long timeout, long atLeast) {
        try {
            bufferRequestBody(request, timeout, atLeast, true);
        } catch (IOException e) {
            // The client left or broke its body: forwarding it will find out and end the exchange.
        }
    }

    /** The client address as rules left it ({@code set-src}), for the log and {@code X-Forwarded-For}. */
    private SocketAddress effectiveClient() {
        return context.source().<SocketAddress>map(a -> a).orElse(clientAddress);
    }

    private boolean forward(H1Request request, Backend backend, HttpConnectionMode mode, boolean closeServerAfter)
            throws IOException {
        Server chosen = ServerChoice.forced(backend, context).orElse(null);
        int clientPort = SocketAddresses.port(frontendAddress);
        ServerLinks.Connected connected = servers.get(backend, clientPort, chosen, firstOfConnection);
        while (true) {
            ServerConnector.Result result = connected.result();
            log.connected(result, result.reused() ? 0
                    : connected.link().map(l -> l.connection().connectMillis()).orElse(-1L));
            if (connected.link().isEmpty()) {
                String state = result.failure() == ServerConnector.Failure.QUEUE_TIMEOUT ? "sQ"
                        : result.failure() == ServerConnector.Failure.CONNECT_TIMEOUT ? "sC" : "SC";
                return refuse(503, state, request);
            }
            ServerLink link = connected.link().get();
            log.server(link.connection().server());
            Attempt attempt = attempt(request, link, backend);
            if (attempt == Attempt.RETRY_ON_NEW_CONNECTION) {
                servers.discard(link);
                connected = servers.connectNew(backend, clientPort);
                continue;
            }
            return finishExchange(attempt, request, link, mode, closeServerAfter);
        }
    }

    /** The outcome of sending the request and reading the response head on one server connection. */
    private enum Attempt { RESPONDED, RETRY_ON_NEW_CONNECTION, FAILED }

    /** How long a finished response waits for its request body's upload to note that it is done. */
    private static final long UPLOAD_GRACE_MILLIS = 200;

    private ResponseOutcome outcome;
    private HttpVersion requestVersion = HttpVersion.HTTP_1_1;
    private boolean requestParsed;

    /** What the server answered, kept between {@link #attempt} and {@link #finishExchange}. */
    private record ResponseOutcome(H1Response response, Upload upload) {}

    /**
     * Sends the request and reads the response head. A body goes up on its own thread
     * ({@link Upload}) while this one waits for the answer, so interim responses, early answers
     * and slow uploads all behave as with HAProxy.
     */
    private Attempt attempt(H1Request request, ServerLink link, Backend backend) throws IOException {
        H1Connection server = link.http();
        long serverTimeout = context.settings().serverTimeout()
                .orElse(backend.config().timeouts().get(TimeoutKind.SERVER));
        long clientTimeout = context.settings().clientTimeout()
                .orElse(frontend.config().timeouts().get(TimeoutKind.CLIENT));
        long sentAt = System.nanoTime();
        Upload upload = null;
        try {
            server.writeRequestHead(request.head());
            if (request.framing().hasBody()) {
                upload = Upload.start(client, server, request.framing(), requestOutput(request.framing()), clientTimeout);
            } else {
                server.flush();
            }
            while (true) {
                H1Connection.Incoming<H1Response> incoming = server.readResponse(request.head().method(), serverTimeout);
                if (!(incoming instanceof H1Connection.Incoming.Message<H1Response> message)) {
                    return serverFailed(incoming, link, request, upload);
                }
                H1Response response = message.message();
                if (response.head().isInterim() && response.head().status() != 101) {
                    response.head().headers().lowerCaseNames();
                    client.writeResponseHead(response.head());
                    continue;
                }
                log.responseReceived(sentAt);
                outcome = new ResponseOutcome(response, upload);
                return Attempt.RESPONDED;
            }
        } catch (IOException e) {
            if (link.used() && upload == null) {
                return Attempt.RETRY_ON_NEW_CONNECTION;
            }
            return uploadFailed(link, request, upload);
        }
    }

    /**
     * No response came: a reused connection that the server had closed is retried once (when
     * nothing of a body was sent); a broken upload explains itself; else it is a 502 or 504.
     */
    private Attempt serverFailed(H1Connection.Incoming<H1Response> incoming, ServerLink link, H1Request request,
                                 Upload upload) throws IOException {
        if (incoming instanceof H1Connection.Incoming.Gone<H1Response> gone && !gone.timedOut() && !gone.anyByte()
                && link.used() && upload == null) {
            return Attempt.RETRY_ON_NEW_CONNECTION;
        }
        Upload.Outcome uploaded = upload == null ? null : upload.outcomeIfDone();
        if (uploaded == Upload.Outcome.INVALID_BODY || uploaded == Upload.Outcome.CLIENT_CLOSED) {
            return uploadFailed(link, request, upload);
        }
        servers.discard(link);
        switch (incoming) {
            case H1Connection.Incoming.Gone<H1Response> gone when gone.timedOut() -> refuse(504, "sH", request);
            case H1Connection.Incoming.Gone<H1Response> gone -> refuse(502, "SH", request);
            default -> refuse(502, "PH", request);
        }
        return Attempt.FAILED;
    }

    /** The request body could not be delivered: a 400 for a broken body, silence for a client that left. */
    private Attempt uploadFailed(ServerLink link, H1Request request, Upload upload) throws IOException {
        servers.discard(link);
        Upload.Outcome uploaded = awaitQuietly(upload);
        if (uploaded == Upload.Outcome.INVALID_BODY) {
            refuse(400, "PD", request);
        } else {
            log.finish(-1, uploaded == Upload.Outcome.CLIENT_TIMEOUT ? "cD" : "CD");
            report();
        }
        return Attempt.FAILED;
    }

    private boolean finishExchange(Attempt attempt, H1Request request, ServerLink link, HttpConnectionMode mode,
                                   boolean closeServerAfter) throws IOException {
        if (attempt == Attempt.FAILED) {
            return false;
        }
        H1Response response = outcome.response();
        ResponseHead head = response.head();
        BodyFraming framing = response.framing();
        if (framing instanceof BodyFraming.Tunnel) {
            return tunnel(request, response, link);
        }
        context.server(link.connection().server());
        context.response(head);
        context.phase(Phase.HTTP_RESPONSE);
        frontend.config().rules().captures().capture(false, head.headers(), context.responseCaptures());
        Verdict verdict = responseRules(link);
        if (isFinal(verdict)) {
            // The server's answer is dropped unread, so its connection cannot serve again.
            servers.discard(link);
            awaitQuietly(outcome.upload());
            return answer(verdict, request);
        }
        if (hasAfterResponseRules()) {
            applyAfterResponseRules();
        }
        boolean http11Client = request.head().version() == HttpVersion.HTTP_1_1;
        boolean clientWantsClose = mode == HttpConnectionMode.CLOSE
                || request.flags().contains(H1Flag.CONNECTION_CLOSE)
                || request.flags().contains(H1Flag.CLOSE_SERVER_AFTER)
                || (!http11Client && !request.flags().contains(H1Flag.CONNECTION_KEEP_ALIVE));
        BodyForwarder.Output output = responseOutput(framing, requestVersion);
        boolean closeClient = clientWantsClose || output == BodyForwarder.Output.UNTIL_CLOSE;
        ResponseHeaders.prepare(head, request.head(), framing, output, closeClient);
        head.headers().lowerCaseNames();
        log.status(head.status());
        long bytesBefore = client.bytesWritten();
        try {
            client.writeResponseHead(head);
            long serverTimeout = context.settings().serverTimeout()
                    .orElse(link.backend().config().timeouts().get(TimeoutKind.SERVER));
            client.forwardBodyFrom(link.http(), framing, output, serverTimeout);
            client.flush();
        } catch (IOException e) {
            servers.discard(link);
            awaitQuietly(outcome.upload());
            log.finish(head.status(), e instanceof SocketTimeoutException ? "sD" : "SD");
            report();
            return false;
        }
        log.bytes(client.bytesWritten() - bytesBefore);
        boolean uploadComplete = outcome.upload() == null || uploadEnded(outcome.upload()) == Upload.Outcome.COMPLETE;
        boolean serverKeepsAlive = uploadComplete && !closeServerAfter && !(framing instanceof BodyFraming.UntilClose)
                && !response.flags().contains(H1Flag.CONNECTION_CLOSE);
        if (serverKeepsAlive) {
            if (ConnectionAuthentication.bindsConnection(head)) {
                link.makePrivate();
            }
            servers.keep(link);
        } else {
            // An upload still running ends here: closing its server connection makes it fail at once.
            servers.discard(link);
            awaitQuietly(outcome.upload());
        }
        log.finish(head.status(), "--");
        report();
        return !closeClient && uploadComplete;
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
    private boolean tunnel(H1Request request, H1Response response, ServerLink link) throws IOException {
        boolean askedForUpgrade = request.flags().contains(H1Flag.UPGRADE) || request.head().isMethod("CONNECT");
        if (!askedForUpgrade) {
            servers.discard(link);
            return refuse(502, "PH", request);
        }
        long bytesBefore = client.bytesWritten();
        response.head().headers().lowerCaseNames();
        client.writeResponseHead(response.head());
        TunnelBytes.flushBuffered(link.http(), client);
        TunnelBytes.flushBuffered(client, link.http());
        log.bytes(client.bytesWritten() - bytesBefore);
        log.status(response.head().status());
        long tunnelTimeout = context.settings().tunnelTimeout()
                .orElse(link.backend().config().timeouts().get(TimeoutKind.TUNNEL));
        long clientTimeout = tunnelTimeout > 0 ? tunnelTimeout : frontend.config().timeouts().get(TimeoutKind.CLIENT);
        long serverTimeout = tunnelTimeout > 0 ? tunnelTimeout : link.backend().config().timeouts().get(TimeoutKind.SERVER);
        try {
            TcpTunnel.Result result = new TcpTunnel(client.socket(), link.http().socket(),
                    new TcpTunnel.Timeouts(clientTimeout, serverTimeout,
                            frontend.config().timeouts().get(TimeoutKind.CLIENT_FIN),
                            link.backend().config().timeouts().get(TimeoutKind.SERVER_FIN))).run();
            log.bytes(result.bytesToClient());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        servers.discard(link);
        log.finish(response.head().status(), "--");
        report();
        return false;
    }

    /**
     * Answers with the proxy's error response for {@code status} and ends the connection. An error
     * found before a request exists (an unparsable or late head) is written as HAProxy's connection
     * layer writes it: the built-in text as is; later ones go through the exchange, which sends
     * lower-case header names and its own {@code connection: close}.
     */
    private boolean refuse(int status, String terminationState, H1Request request) throws IOException {
        if (request == null) {
            byte[] bytes = frontend.config().errors().connectionLevelBytes(status);
            writeQuietly(bytes);
            log.status(status);
            log.bytes(bytes.length);
        } else {
            sendGenerated(errorFor(status), request, true);
        }
        log.finish(status, terminationState);
        report();
        return false;
    }

    /** The backend's own error message, else the frontend's, else the built-in one, as HAProxy looks them up. */
    private ErrorResponse errorFor(int status) {
        return log.backendConfig().flatMap(b -> b.errors().custom(status))
                .orElseGet(() -> frontend.config().errors().forStatus(status));
    }

    private void report() {
        // A request that never parsed leaves the context as the previous exchange left it: none of it is logged.
        if (requestParsed) {
            log.stream(effectiveClient(), frontend.config().rules().captures(), context.requestCaptures(),
                    context.responseCaptures(), context.settings().logLevel());
        } else {
            log.stream(effectiveClient(), frontend.config().rules().captures(), List.of(), List.of(), Optional.empty());
        }
        observer.exchangeEnded(log.record());
    }

    Server server() {
        return log.server();
    }
}
