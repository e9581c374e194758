package dev.shuttle.stream;

import dev.shuttle.backend.Backend;
import dev.shuttle.backend.ServerConnector;
import dev.shuttle.config.RetryOn;
import dev.shuttle.config.PersistenceCookie;
import dev.shuttle.config.TimeoutKind;
import dev.shuttle.listener.Frontend;
import dev.shuttle.listener.StreamPhase;
import dev.shuttle.mux.BodySource;
import dev.shuttle.mux.ClientFailureWatch;
import dev.shuttle.mux.ClientStream;
import dev.shuttle.mux.HeldBody;
import dev.shuttle.mux.IncomingRequest;
import dev.shuttle.mux.IncomingResponse;
import dev.shuttle.mux.ResponseArrival;
import dev.shuttle.mux.ServerStream;
import dev.shuttle.mux.StreamRefused;
import dev.shuttle.mux.UpgradeRefused;
import dev.shuttle.net.SocketAddresses;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.server.HealthEvent;
import dev.shuttle.server.Server;
import dev.shuttle.session.Session;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * The server side of an exchange (HAProxy's backend.c and the response-waiting analyser): a slot
 * and a connection (queued, reused or new, with the connector's retries), the request sent with
 * its body on an {@link Upload} of its own, and the response heads read, interim ones passed on to
 * the client. A reused connection that the server had closed meanwhile is tried again once on a
 * new one, when nothing of a body was sent. A response (or its absence) that {@code retry-on} names
 * is tried again on a new connection when the request may be replayed ({@link LayerSevenRetries}).
 */
final class ServerAttempt {
    /**
     * What one try on one connection came to: a result; a retry on a new connection because a
     * reused one had been closed; or a retry the server's answer called for ({@code retry-on}).
     */
    private sealed interface Try {
        record Done(AttemptResult result) implements Try {}

        record Retry() implements Try {}

        record RetryOnAnswer(RetryOn condition) implements Try {}

        Try RETRY = new Retry();
    }

    /** How long an answer that asks for a retry waits for the attempt's upload to end (it is under a buffer's size). */
    private static final long UPLOAD_SETTLE_MILLIS = 1000;
    /** How long a response head is awaited before the client is watched for its reset. */
    private static final long CLIENT_WATCH_DELAY_MILLIS = 50;
    private final Session session;
    private final ClientStream client;
    private final ServerLinks servers;
    private final ExchangeLog log;
    private final Frontend frontend;
    private final SampleContext context;
    /** Whether an interim response went to the client: the request may not be tried again after that. */
    private boolean interimSent;
    /** Whether the client's body went up on an attempt already: a later attempt sends {@link #held}. */
    private boolean clientBodySent;
    /** A copy of a body that was whole in memory when first sent, which an L7 retry sends again; else null. */
    private HeldBody held;
    /** Whether a stream an HTTP/2 connection could not open was tried again already: once only. */
    private boolean refusedRetried;
    /** The watch that saw the client leave while the request waited for a server connection; null while it stays. */
    private ClientFailureWatch leftWhileConnecting;

    ServerAttempt(Session session, ClientStream client, ServerLinks servers, ExchangeLog log) {
        this.session = session;
        this.client = client;
        this.servers = servers;
        this.log = log;
        this.frontend = session.frontend();
        this.context = session.context();
    }

    AttemptResult run(IncomingRequest request, RequestDecision.Forward plan) throws IOException {
        Backend backend = plan.backend();
        PersistenceState persistence = plan.persistence();
        Server chosen = ServerChoice.forced(backend, context, persistence.mayReachDown()).orElse(null);
        Optional<PersistenceCookie> cookie = backend.config().http().cookie();
        if (cookie.isPresent()) {
            chosen = CookiePersistence.onRequest(request.head().headers(), cookie.get(), backend.servers(),
                    backend.config().servers(), chosen, persistence, System.currentTimeMillis() / 1000);
        }
        if (chosen == null && ServerRedirect.redirectable(request.head()) && ServerRedirect.anyIn(backend)) {
            chosen = balancedFirst(backend);
        }
        if (chosen != null) {
            Optional<String> redirect = ServerRedirect.location(chosen, request.head());
            if (redirect.isPresent()) {
                log.assignedWithoutConnection(chosen);
                return new AttemptResult.Redirected(redirect.get());
            }
        }
        int clientPort = SocketAddresses.port(session.frontendAddress());
        session.live().gettingServer(backend.name());
        Server named = chosen;
        ServerLinks.Connected connected = unlessClientLeaves(backend, request,
                () -> servers.get(backend, clientPort, named, persistence, client.firstOfConnection()));
        while (true) {
            ServerConnector.Result result = connected.result();
            ServerSideEvents.connected(context, result);
            log.connected(result, result.reused() ? 0
                    : connected.link().map(l -> l.connection().connectMillis()).orElse(-1L));
            if (leftWhileConnecting != null) {
                return clientLeftConnecting(backend, connected);
            }
            if (connected.link().isEmpty()) {
                return new AttemptResult.NoConnection(connectFailure(result.failure()));
            }
            ServerLink link = connected.link().get();
            Server server = link.connection().server();
            log.server(server);
            session.live().server(server.name());
            // HAProxy redirects once the load balancer assigned the server, before connecting; here the
            // connection came with the slot, and goes back unused.
            Optional<String> redirect = ServerRedirect.location(server, request.head());
            if (redirect.isPresent()) {
                servers.discard(link);
                return new AttemptResult.Redirected(redirect.get());
            }
            if (held == null && !clientBodySent && request.hasBody() && !interimSent
                    && backend.config().retryPolicy().hasLayer7Retries()) {
                // HAProxy copies a request whose body is whole in its buffer when it first sends it.
                held = client.requestBody().copyIfWhole().map(HeldBody::new).orElse(null);
            }
            LayerSevenRetries retries = LayerSevenRetries.of(backend.config(), request, held != null, context,
                    interimSent, result.retries(), servers.maxRetries(backend));
            switch (attempt(request, plan, link, retries)) {
                case Try.Done done -> {
                    return done.result();
                }
                case Try.Retry retry -> {
                    servers.discard(link);
                    connected = unlessClientLeaves(backend, request,
                            () -> servers.connectNew(backend, clientPort, link.connection().server()));
                }
                case Try.RetryOnAnswer again -> {
                    servers.discard(link);
                    backend.counters().retried();
                    server.counters().retried();
                    ServerConnector.Attempts attempts = new ServerConnector.Attempts(servers.priority(),
                            servers.maxRetries(backend), result.retries() + 1, server, named != null,
                            result.redispatched(), servers.balanceKey(backend), false);
                    connected = unlessClientLeaves(backend, request,
                            () -> servers.connectAfter(backend, clientPort, attempts));
                }
            }
        }
    }

    /** A wait for a server slot and connection ({@link ServerLinks}). */
    @FunctionalInterface
    private interface Connecting {
        ServerLinks.Connected connect() throws IOException;
    }

    /**
     * Gets a server connection, unless the client leaves meanwhile: under {@code option
     * abortonclose} an HTTP/1 client's FIN (or reset) interrupts the wait for a slot, the connect
     * and the pause between retries ({@link ConnectWaitWatch}); {@link #leftWhileConnecting} then
     * holds the watch that saw it. As for the response head, the client is watched only once the
     * wait lasted {@value #CLIENT_WATCH_DELAY_MILLIS} ms: a quick connect makes no registration.
     */
    private ServerLinks.Connected unlessClientLeaves(Backend backend, IncomingRequest request, Connecting connecting)
            throws IOException {
        // A request with a body is not watched: its client's FIN may wait behind body bytes a buffer
        // would not hold, which HAProxy does not read before it connects.
        if (!backend.config().http().abortOnClose() || request.hasBody()) {
            return connecting.connect();
        }
        ConnectWaitWatch wait = new ConnectWaitWatch(client);
        client.whenWaitSlow(CLIENT_WATCH_DELAY_MILLIS, wait);
        try {
            return connecting.connect();
        } finally {
            client.waitNotSlow();
            leftWhileConnecting = wait.end();
        }
    }

    /**
     * The client left while its request waited for a server slot ({@code CQ}) or connection
     * ({@code CC}): 3.5 answers nothing and closes (-1); a connection had meanwhile is closed.
     */
    private AttemptResult clientLeftConnecting(Backend backend, ServerLinks.Connected connected) {
        ServerConnector.Result result = connected.result();
        connected.link().ifPresent(servers::discard);
        TerminationState state = result.failure() == ServerConnector.Failure.ABORTED
                || result.failure() == ServerConnector.Failure.QUEUE_TIMEOUT
                ? TerminationState.CLIENT_ABORTED_QUEUE : TerminationState.CLIENT_ABORTED_CONNECT;
        IOException failure = leftWhileConnecting.closedOnly() ? null : leftWhileConnecting.failure().orElse(null);
        return new AttemptResult.ClientLeftWaiting(state, failure, result.connectTried(), backend,
                result.lastServer().orElse(null));
    }

    /**
     * In a backend with {@code redir} servers, the load balancer's choice for a GET or HEAD is asked
     * for first, so that a server with a prefix is never connected to, as in HAProxy (its slot is
     * given back at once; the request then waits for that server as a named one). Null when no
     * server is usable: the connection attempt then tells why.
     */
    private static Server balancedFirst(Backend backend) {
        long queueTimeout = backend.config().timeouts().getOr(TimeoutKind.QUEUE, TimeoutKind.CONNECT);
        try {
            Optional<Server> slot = backend.acquire(Set.of(), queueTimeout);
            slot.ifPresent(backend::release);
            return slot.orElse(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** How an HTTP exchange that got no server connection is logged (it is answered with a 503). */
    private static TerminationState connectFailure(ServerConnector.Failure failure) {
        return switch (failure) {
            case QUEUE_TIMEOUT -> TerminationState.QUEUE_TIMEOUT;
            case QUEUE_FULL -> TerminationState.QUEUE_REFUSED;
            case CONNECT_TIMEOUT -> TerminationState.CONNECT_TIMEOUT;
            case NO_SERVER, CONNECT_FAILED, ABORTED, ABORTED_CONNECTING, ABORTED_BETWEEN_RETRIES ->
                    TerminationState.SERVER_REFUSED;
        };
    }

    /**
     * Sends the request and reads the response head. A body goes up on its own thread
     * ({@link Upload}) while this one waits for the answer, so interim responses, early answers and
     * slow uploads all behave as with HAProxy.
     */
    private Try attempt(IncomingRequest request, RequestDecision.Forward plan, ServerLink link,
                        LayerSevenRetries retries) throws IOException {
        ServerStream server = servers.openStream(link);
        context.backStream(server.view());
        long serverTimeout = context.settings().serverTimeout()
                .orElse(plan.backend().config().timeouts().get(TimeoutKind.SERVER));
        long clientTimeout = context.settings().clientTimeout()
                .orElse(frontend.config().timeouts().get(TimeoutKind.CLIENT));
        long sentAt = System.nanoTime();
        Upload upload = null;
        session.live().phase(StreamPhase.WAITING_RESPONSE);
        try {
            server.sendRequestHead(request.head(), plan.announcement());
            if (request.hasBody()) {
                BodySource body = clientBodySent ? held : client.requestBody();
                clientBodySent = true;
                // A body the client breaks ends the wait for the response at once: it cannot come.
                boolean trailers = !plan.backend().config().http().dropRequestTrailers();
                upload = Upload.start(body, server.requestBodySink(body, trailers), clientTimeout, server::abort);
            } else {
                server.flush();
            }
        } catch (UpgradeRefused e) {
            // Nothing went out: the connection stays for other requests, this one is a 502 (SH), as 3.5.
            ServerSideEvents.sendFailed(context, e);
            servers.keep(link);
            return new Try.Done(new AttemptResult.NoResponse(502, TerminationState.SERVER_ABORTED_HEADERS, null));
        } catch (IOException e) {
            // A reused connection that the server had closed meanwhile: try a new one.
            if (servers.reusedConnection() && upload == null || refusedRetry(e, upload)) {
                return Try.RETRY;
            }
            ServerSideEvents.sendFailed(context, e);
            return new Try.Done(serverBroke(link, upload));
        }
        // A client that resets while the server has not answered yet ends the wait at once (400
        // CD), as HAProxy reads the reset; the server's timeout would end it (504 sH). Under option
        // abortonclose (the default), an HTTP/1 client's FIN ends it too (400 CH). Watched only
        // once the wait lasts, so that a quick answer never makes the client socket join the poller,
        // and only while nothing else reads the client (no upload); interim responses end the watch.
        ClientFailureWatch clientFailure = upload == null
                ? client.deferredFailureWatch(server::abort, plan.backend().config().http().abortOnClose())
                : ClientFailureWatch.NEVER;
        if (clientFailure != ClientFailureWatch.NEVER) {
            server.whenResponseSlow(CLIENT_WATCH_DELAY_MILLIS, clientFailure::start);
        }
        while (true) {
            ResponseArrival arrival;
            try {
                arrival = server.receiveResponse(request.head().method(), serverTimeout);
            } catch (IOException e) {
                if (clientLeft(clientFailure, server)) {
                    return clientReset(link, clientFailure);
                }
                Optional<RetryOn> again = retries.onMissingAnswer(new ResponseArrival.Absent(false, false, e));
                if (again.isPresent() && !servers.reusedConnection() && uploadedWhole(upload)) {
                    return new Try.RetryOnAnswer(again.get());
                }
                ServerSideEvents.closedEarly(context, e);
                link.connection().server().observe(HealthEvent.HTTP_READ_ERROR);
                return new Try.Done(serverBroke(link, upload));
            }
            if (clientLeft(clientFailure, server) && !(arrival instanceof ResponseArrival.Received)) {
                return clientReset(link, clientFailure);
            }
            if (!(arrival instanceof ResponseArrival.Received received)) {
                Optional<RetryOn> again = retries.onMissingAnswer(arrival);
                if (again.isPresent() && !(servers.reusedConnection() && isEmpty(arrival)) && uploadedWhole(upload)) {
                    return new Try.RetryOnAnswer(again.get());
                }
                return noResponse(arrival, link, upload, clientFailure);
            }
            IncomingResponse response = received.response();
            if (!response.head().isInterim() || response.head().status() == 101) {
                link.connection().server().observe(HealthEvent.ofStatus(response.head().status()));
                Optional<RetryOn> again = retries.onStatus(response.head().status());
                if (again.isPresent() && uploadedWhole(upload)) {
                    return new Try.RetryOnAnswer(again.get());
                }
                log.responseReceived(sentAt, response.head());
                return new Try.Done(new AttemptResult.Responded(link, server, response, upload));
            }
            try {
                interimSent = true;
                client.sendInterim(response.head());
            } catch (IOException e) {
                servers.discard(link);
                Upload.awaitQuietly(upload);
                return new Try.Done(new AttemptResult.ClientGone());
            }
        }
    }

    /**
     * Ends the watch of the client while the response head was awaited; whether the client reset
     * meanwhile (which aborted the server's wait).
     */
    private static boolean clientLeft(ClientFailureWatch clientFailure, ServerStream server) {
        server.responseNotSlow();
        clientFailure.close();
        return clientFailure.fired();
    }

    /**
     * The client reset while the response head was awaited, or closed its side under {@code option
     * abortonclose}: the server connection, aborted, is closed.
     */
    private Try clientReset(ServerLink link, ClientFailureWatch clientFailure) {
        servers.discard(link);
        if (clientFailure.closedOnly()) {
            return new Try.Done(new AttemptResult.ClientLeftWaiting(TerminationState.CLIENT_ABORTED_HEADERS, null,
                    true, link.backend(), link.connection().server()));
        }
        return new Try.Done(new AttemptResult.ClientReset(clientFailure.failure().orElse(null)));
    }

    /**
     * Whether the attempt's body, if any, all left for the server: a held body is small and was in
     * memory, so its upload ends at once unless the server stopped reading. Only then may the
     * request be retried: the client's body was then read to its end, and the connection to the
     * client stays in step for its next request.
     */
    private static boolean uploadedWhole(Upload upload) {
        return upload == null || upload.outcomeWithin(UPLOAD_SETTLE_MILLIS) == Upload.Outcome.COMPLETE;
    }

    /**
     * Whether a stream that an HTTP/2 connection could not open (it had no stream left: the server
     * lowered its limit or said GOAWAY after the exchange attached to it) is tried on a new
     * connection: nothing was sent, as when HAProxy finds no stream available on a connection and
     * looks for another; once. A stream the server refused (RST_STREAM REFUSED_STREAM, a GOAWAY
     * below it: RFC 9113 §8.7) is no such case: HAProxy 3.5 takes it as a read error, retried only
     * under {@code retry-on empty-response} ({@link LayerSevenRetries}), else a 502.
     */
    private boolean refusedRetry(IOException failure, Upload upload) {
        if (!(failure instanceof StreamRefused refused) || !refused.unsent() || refusedRetried || upload != null) {
            return false;
        }
        refusedRetried = true;
        return true;
    }

    /** Whether nothing at all came back: what a reused connection the server had closed looks like. */
    private static boolean isEmpty(ResponseArrival arrival) {
        return arrival instanceof ResponseArrival.Absent gone && !gone.timedOut() && !gone.anyByte();
    }

    /**
     * No response came: a reused connection that the server had closed is retried once (when
     * nothing of a body was sent); a broken upload explains itself; else it is a 502 or 504.
     */
    private Try noResponse(ResponseArrival arrival, ServerLink link, Upload upload, ClientFailureWatch clientWatch) {
        if (arrival instanceof ResponseArrival.Absent gone && !gone.timedOut() && !gone.anyByte()
                && (servers.reusedConnection() && upload == null || refusedRetry(gone.failure(), upload))) {
            return Try.RETRY;
        }
        if (clientWatch.sawEnd()) {
            ClientSideEvents.clientEnded(context); // no abortonclose: the client's FIN was read, and waited past
        }
        if (clientBrokeUpload(upload)) {
            return new Try.Done(uploadFailed(link, upload));
        }
        Server server = link.connection().server();
        if (arrival instanceof ResponseArrival.Absent gone) {
            if (gone.timedOut()) {
                ServerSideEvents.timedOut(context);
                server.observe(HealthEvent.HTTP_READ_TIMEOUT);
            } else {
                ServerSideEvents.closedEarly(context, gone.failure());
                server.observe(gone.failure() == null ? HealthEvent.HTTP_BROKEN_PIPE : HealthEvent.HTTP_READ_ERROR);
            }
        } else {
            server.observe(HealthEvent.HTTP_HDRRSP);
            if (arrival instanceof ResponseArrival.Malformed malformed) {
                ErrorCapture.response(session, link.backend(), server, malformed.head());
            }
        }
        servers.discard(link);
        return new Try.Done(switch (arrival) {
            case ResponseArrival.Absent gone when gone.timedOut() ->
                    new AttemptResult.NoResponse(504, TerminationState.SERVER_TIMEOUT_HEADERS, upload);
            case ResponseArrival.Absent gone ->
                    new AttemptResult.NoResponse(502, TerminationState.SERVER_ABORTED_HEADERS, upload);
            default -> new AttemptResult.NoResponse(502, TerminationState.PROXY_HEADERS, upload);
        });
    }

    /**
     * Writing to or reading from the server failed (a reset, a close while the request went out):
     * the client gets HAProxy's 502 ({@code SH}), unless the request body broke first on the client's
     * side, which then explains the failure.
     */
    private AttemptResult serverBroke(ServerLink link, Upload upload) {
        if (clientBrokeUpload(upload)) {
            return uploadFailed(link, upload);
        }
        servers.discard(link);
        return new AttemptResult.NoResponse(502, TerminationState.SERVER_ABORTED_HEADERS, upload);
    }

    private static boolean clientBrokeUpload(Upload upload) {
        Upload.Outcome uploaded = upload == null ? null : upload.outcomeIfDone();
        return uploaded != null && uploaded.breaksRequest();
    }

    /** The request body could not be delivered: the connection closes, and the upload's end tells why. */
    private AttemptResult uploadFailed(ServerLink link, Upload upload) {
        servers.discard(link);
        Upload.Outcome outcome = Upload.awaitQuietly(upload);
        return new AttemptResult.UploadFailed(outcome, upload == null ? null : upload.clientFailure());
    }
}
