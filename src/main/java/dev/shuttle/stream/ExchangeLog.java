package dev.shuttle.stream;

import dev.shuttle.backend.Backend;
import dev.shuttle.backend.ServerConnection;
import dev.shuttle.backend.ServerConnector;
import dev.shuttle.config.LogStep;
import dev.shuttle.config.PersistenceCookie;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.http.HeaderList;
import dev.shuttle.http.RequestHead;
import dev.shuttle.http.ResponseHead;
import dev.shuttle.listener.Frontend;
import dev.shuttle.mux.ClientStream;
import dev.shuttle.sample.Captures;
import dev.shuttle.sample.LogFacts;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.TlsConnection;
import dev.shuttle.server.Server;
import dev.shuttle.session.Session;
import dev.shuttle.stats.TrafficCounters;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Collects, step by step, what the log line of one HTTP exchange reports (configuration.txt §8.2.3
 * and §8.4), as HAProxy keeps it: the timers are instants counted from the stream's accept date
 * (the connection's accept for its first exchange, with the handshakes as {@code %Th}; the end
 * of the previous exchange for the next ones), each -1 until its event happens. The log-format
 * aliases read it as {@link LogFacts} while the exchange runs (a header built by a rule sees
 * {@code %Tw} at -1) and once it ended. Owned by the exchange's thread.
 */
final class ExchangeLog implements LogFacts {
    private final Frontend frontend;
    /** The counters of the listener that accepted the connection ({@code option socket-stats}), or null. */
    private final TrafficCounters listenerCounters;
    private final ClientStream client;
    private final SampleContext context;
    private SocketAddress clientAddress;
    private final long acceptEpochMillis;
    private final long acceptNanos;
    private final long handshakeMillis;
    private final long idleMillis;
    private final long streamNumber = StreamNumbers.next();
    private long requestAt = -1;
    private long queueAt = -1;
    /** Requests served before this one in the queues it waited in ({@code %sq}, {@code %bq}). */
    private Backend.QueuePositions queuePositions = Backend.QueuePositions.NONE;
    private long connectAt = -1;
    private long dataAt = -1;
    // The status of the server's response head, -1 until one arrives (the server's hrsp_* class)
    private int serverStatus = -1;
    private long closeAt = -1;
    private Backend backend;
    private Server server;
    /**
     * The proxy's own service that took the request in a server's place ({@code <STATS>},
     * {@code <PROMEX>}), or null: HAProxy logs its name for {@code %s}.
     */
    private String applet;
    /** Whether that service made the reply (a {@code stats http-request} refusal or challenge did not). */
    private boolean appletReplied;
    /** The server connection the exchange got, for its addresses. */
    private ServerConnection connection;
    private int retries;
    private boolean redispatched;
    private int status = -1;
    private long bytesToClient;
    private long bytesFromClient;
    /** The request head as HAProxy counts it ({@link HtxSizes}) and as read on the wire; -1 before one. */
    private long requestHeadCounted = -1;
    private long requestHeadWire;
    /** The server's response head as HAProxy counts it and as sent to the client; -1 before one. */
    private long responseHeadCounted = -1;
    private long responseHeadWire = -1;
    /** The request head as forwarded (after the rules), the response head and a reply as sent, as counted; -1 before. */
    private long requestHeadForwarded = -1;
    private long responseHeadSentCounted = -1;
    private long replyCounted = -1;
    /** Whether the server connection was an idle one reused ({@code bc_reused}). */
    private boolean reused;
    private TerminationState terminationState = TerminationState.NORMAL;
    private String requestLine;
    private String requestCookie;
    private String responseCookie;
    /** The exchange's persistence, once its backend is known (the cookie letters of {@code %tsc}). */
    private PersistenceState persistence;
    private List<String> requestCaptures = List.of();
    private List<String> responseCaptures = List.of();
    private Optional<Integer> logLevel = Optional.empty();
    private Optional<TlsConnection> tls = Optional.empty();
    /** What to do once the response head left ({@code option logasap}: log now), or null. */
    private Runnable onResponseHeadSent;
    /** Told when the stream reaches a log step of its own (connect, response), for {@code log-steps}. */
    private Consumer<LogStep> stepListener = step -> { };
    /** Whether the line being made leaves with the response head ({@code %OG}). */
    private boolean loggingEarly;
    /** Whether the line of the response step ({@code log-steps}) is being made. */
    private boolean atResponseStep;

    ExchangeLog(Session session, ClientStream client) {
        this.frontend = session.frontend();
        this.listenerCounters = session.listenerCounters();
        this.client = client;
        this.context = session.context();
        this.clientAddress = session.clientAddress();
        if (client.firstOfConnection()) {
            acceptEpochMillis = session.acceptedAtMillis();
            acceptNanos = session.acceptedNanos();
            handshakeMillis = Math.max(0, millis(client.startedNanos() - acceptNanos));
        } else {
            acceptEpochMillis = client.startedAtMillis();
            acceptNanos = client.startedNanos();
            handshakeMillis = 0;
        }
        idleMillis = Math.max(0, millis(client.firstByteNanos() - client.startedNanos()));
    }

    /** The request line is logged as received ({@code %r}), whatever rules make of it later, as HAProxy does. */
    void requestReceived(String receivedLine, RequestHead head) {
        requestAt = sinceAccept();
        requestLine = receivedLine;
        requestHeadCounted = HtxSizes.request(head);
        requestHeadWire = client.requestBytesRead();
    }

    /** {@code capture cookie}: the request's cookie ({@code %CC}), from its headers as received. */
    void requestCookies(HeaderList headers) {
        frontend.config().logging().cookieCapture()
                .ifPresent(capture -> requestCookie = CookieCaptures.request(capture, headers).orElse(null));
    }

    void persistence(PersistenceState state) {
        persistence = state;
    }

    /**
     * The cookie letters of {@code %tsc} (configuration.txt §8.5): those of the backend's
     * persistence cookie, or {@code --} when it has none (or only a bare {@code cookie <name>}).
     */
    @Override
    public String cookieStates() {
        Optional<PersistenceCookie> cookie = Optional.ofNullable(backend).map(Backend::config)
                .orElse(frontend.config()).http().cookie();
        if (cookie.isEmpty() || !cookie.get().logsStates()) {
            return "--";
        }
        return persistence == null ? "NN" : persistence.letters();
    }

    /** {@code capture cookie}: the cookie the server sets ({@code %CS}). */
    void responseCookies(HeaderList headers) {
        frontend.config().logging().cookieCapture()
                .ifPresent(capture -> responseCookie = CookieCaptures.response(capture, headers).orElse(null));
    }

    /** Whether a request arrived: what rules did (captures, log level) is logged only then. */
    boolean requestParsed() {
        return requestLine != null;
    }

    void backend(Backend chosen) {
        backend = chosen;
    }

    Optional<ProxyConfig> backendConfig() {
        return Optional.ofNullable(backend).map(Backend::config);
    }

    /** A server slot and connection were sought: the queue and connect instants ({@code %Tw}, {@code %Tc}). */
    void connected(ServerConnector.Result result, long connectTime) {
        boolean leftQueue = result.failure() == ServerConnector.Failure.QUEUE_TIMEOUT
                || result.failure() == ServerConnector.Failure.ABORTED;
        if (result.lastServer().isEmpty() || result.failure() == ServerConnector.Failure.QUEUE_FULL || leftQueue) {
            // No server could be had: nothing connected (%Tc -1); the queue counts only if the request
            // waited in it (sQ, or CQ when its client left: %Tw is the wait), not when no server was
            // usable at all or its server's queue was full (SQ) (%Tw -1).
            queueAt = leftQueue ? sinceAccept() : -1;
            connectAt = -1;
        } else {
            connectAt = sinceAccept();
            queueAt = connectTime >= 0 ? Math.max(requestAt, connectAt - connectTime) : connectAt;
            if (result.connection().isEmpty() && result.failure().interrupted()) {
                queueAt = requestAt + result.queueMillis(); // the client left while connecting: %Tw is the slot's wait
            }
            if (connectTime < 0) {
                connectAt = -1; // never connected: %Tc is -1
            }
        }
        retries = result.retries();
        redispatched = result.redispatched();
        queuePositions = queuePositions.plus(result.queuePositions());
        result.lastServer().ifPresent(this::server);
        result.connection().ifPresent(connection -> this.connection = connection);
        if (result.connection().isPresent()) {
            reused = result.reused();
            requestHeadForwarded = context.request().map(HtxSizes::request).orElse(-1L);
            stepListener.accept(LogStep.CONNECT);
        }
    }



    void server(Server chosen) {
        server = chosen;
    }

    /** The request got its server but no connection to it (a server's {@code redir}): %Tw is the wait so far, %Tc -1. */
    void assignedWithoutConnection(Server chosen) {
        server = chosen;
        queueAt = sinceAccept();
        connectAt = -1;
    }

    Server server() {
        return server;
    }

    /**
     * A service of the proxy ({@code name}, e.g. {@code <STATS>}) takes the request: HAProxy
     * logs it in the server's place, reached at once ({@code %Tw} and {@code %Tc} 0), and
     * {@code %Tr} -1 unless it answers ({@link #appletAnswered}). Checked live on 3.5.
     */
    void appletAssigned(String name) {
        applet = name;
        queueAt = sinceAccept();
        connectAt = queueAt;
    }

    /** The service made its response ({@code %Tr}). */
    void appletAnswered() {
        dataAt = sinceAccept();
        appletReplied = true;
    }

    /**
     * Whether a service of the proxy made the reply: its bytes count in {@code %B}, as a server's
     * (a 401 or 403 of {@code stats http-request} counts nothing, as on 3.5).
     */
    boolean servedByApplet() {
        return appletReplied;
    }

    /** A service's reply left: HAProxy counts its head in its internal form, then its body. */
    void appletReplySent(ResponseHead head, long bodyBytes) {
        bytesToClient += HtxSizes.response(head) + bodyBytes;
    }

    /**
     * A tarpit held the request until now: HAProxy holds it in its queue before the request is
     * processed, so its log says {@code %TR} -1 and counts the hold in {@code %Tw}.
     */
    void tarpitted() {
        queueAt = sinceAccept();
        requestAt = -1;
    }

    /** The response head arrived ({@code %Tr}); {@code %B} counts it as HAProxy does ({@link HtxSizes}). */
    void responseReceived(long requestSentNanos, ResponseHead head) {
        responseHeadCounted = HtxSizes.response(head);
        serverStatus = head.status();
        dataAt = sinceAccept();
        if (queueAt < 0) {
            queueAt = requestAt;
            connectAt = requestAt;
        }
        // The response step's line sees the head as 3.5's does: its status, and its size in %B (checked live).
        atResponseStep = true;
        try {
            stepListener.accept(LogStep.RESPONSE);
        } finally {
            atResponseStep = false;
        }
    }


    /** Where the connect and response steps are told ({@code log-steps}). */
    void onStep(Consumer<LogStep> listener) {
        stepListener = listener;
    }

    /** Runs {@code early} once, when the response head has been sent ({@code option logasap}). */
    void onResponseHeadSent(Runnable early) {
        onResponseHeadSent = early;
    }

    /** The response head left, {@code headBytes} long: a line logged now counts them in {@code %B}. */
    void responseHeadSent(long headBytes) {
        responseHeadWire = headBytes;
        responseHeadSentCounted = context.response().map(HtxSizes::response).orElse(-1L);
        Runnable early = onResponseHeadSent;
        if (early == null) {
            return;
        }
        onResponseHeadSent = null;
        bytesToClient += headBytes;
        loggingEarly = true;
        try {
            early.run();
        } finally {
            bytesToClient -= headBytes;
            loggingEarly = false;
        }
    }

    /** The proxy sent a reply of its own ({@code return}, {@code deny}, an error page): {@code res.bytes_out} counts it. */
    void replySent(ResponseHead head, int bodyLength) {
        replyCounted = HtxSizes.response(head) + bodyLength;
    }

    void status(int sent) {
        status = sent;
    }

    void bytes(long count) {
        bytesToClient += count;
    }

    /** Ends the record with the status sent (-1: the one noted, if any) and how the exchange ended. */
    void finish(int finalStatus, TerminationState state) {
        if (finalStatus >= 0) {
            status = finalStatus;
        }
        terminationState = state;
        bytesFromClient = countedFromClient();
        closeAt = sinceAccept();
    }

    /**
     * What rules made of the stream: the client address after {@code set-src}, the header captures
     * ({@code %hr}, {@code %hs}) and the log level of {@code set-log-level}.
     */
    void stream(SocketAddress client, Captures captures, List<String> requestValues, List<String> responseValues,
                Optional<Integer> level) {
        clientAddress = client;
        requestCaptures = captures.forLog(true, requestValues);
        responseCaptures = captures.forLog(false, responseValues);
        logLevel = level;
    }

    /** The client connection's TLS, if it has any. */
    void tls(Optional<TlsConnection> settled) {
        tls = settled;
    }

    /** Adds the finished exchange to its frontend's, backend's and server's stats counters. */
    void count() {
        StreamCounters.exchangeEnded(frontend, listenerCounters, backend, server, status, serverStatus, requestParsed(),
                bytesFromClient(), bytesToClient(), queueAt >= 0 && requestAt >= 0 ? queueAt - requestAt : -1,
                connectAt >= 0 && queueAt >= 0 ? connectAt - queueAt : -1, dataAt >= 0 && connectAt >= 0 ? dataAt - connectAt : -1,
                closeAt, terminationState);
        if (context.rewriteFailures().total() > 0) {
            StreamCounters.rewritesFailed(frontend, listenerCounters, backend, server, context.rewriteFailures());
        }
    }

    ExchangeRecord record(SampleContext context) {
        long requestMillis = requestAt >= 0 ? requestAt - idleMillis - handshakeMillis : -1;
        long queueMillis = queueAt >= 0 ? queueAt - requestAt : -1;
        long connectMillis = connectAt >= 0 ? connectAt - queueAt : -1;
        long responseMillis = dataAt >= 0 ? dataAt - connectAt : -1;
        long activeMillis = closeAt - (idleMillis + handshakeMillis);
        return new ExchangeRecord(frontend, clientAddress, acceptEpochMillis + idleMillis + handshakeMillis,
                Optional.ofNullable(backend), server, requestMillis, queueMillis, connectMillis, responseMillis,
                activeMillis, status, bytesToClient(), terminationState, retries, redispatched,
                requestLine == null ? "<BADREQ>" : requestLine, requestCaptures, responseCaptures, logLevel, tls,
                this, context);
    }

    private long sinceAccept() {
        return millis(System.nanoTime() - acceptNanos);
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    // LogFacts: what the log-format aliases read.

    @Override
    public long acceptEpochMillis() {
        return acceptEpochMillis;
    }

    @Override
    public long handshakeMillis() {
        return handshakeMillis;
    }

    @Override
    public long idleMillis() {
        return idleMillis;
    }

    @Override
    public long requestMillis() {
        return requestAt;
    }

    @Override
    public long queueMillis() {
        return queueAt;
    }

    @Override
    public long connectMillis() {
        return connectAt;
    }

    @Override
    public long dataMillis() {
        return dataAt;
    }

    @Override
    public long closeMillis() {
        // Before the end (a logasap line, a rule's header), HAProxy takes the response head's instant.
        return closeAt >= 0 ? closeAt : dataAt >= 0 ? dataAt : sinceAccept();
    }

    @Override
    public boolean complete() {
        return !frontend.config().logging().logAsap();
    }

    @Override
    public int status() {
        if (status < 0 && context.replyStatus() > 0) {
            return context.replyStatus();
        }
        if (atResponseStep) {
            return serverStatus;
        }
        // Before a request there is no transaction: HAProxy's %ST is 0 then, -1 once one waits for its status.
        return status < 0 && requestLine == null ? 0 : status;
    }

    @Override
    public long bytesFromClient() {
        return closeAt >= 0 ? bytesFromClient : countedFromClient();
    }

    /** The request as HAProxy counts it: its head's internal size, then the body as read. */
    private long countedFromClient() {
        long read = client.requestBytesRead();
        return requestHeadCounted < 0 ? read : requestHeadCounted + Math.max(0, read - requestHeadWire);
    }

    /** The server's response as HAProxy counts it: its head's internal size, then the body as passed on. */
    @Override
    public long bytesToClient() {
        if (atResponseStep) {
            return responseHeadCounted;
        }
        if (responseHeadCounted < 0 || responseHeadWire < 0) {
            return bytesToClient;
        }
        return responseHeadCounted + Math.max(0, bytesToClient - responseHeadWire);
    }

    /** The request as forwarded: its head as the server got it, then the same body as from the client. */
    @Override
    public long bytesToServer() {
        if (requestHeadForwarded < 0 || requestHeadCounted < 0) {
            return 0;
        }
        return requestHeadForwarded + Math.max(0, bytesFromClient() - requestHeadCounted);
    }

    @Override
    public long bytesSentToClient() {
        if (responseHeadSentCounted >= 0 && responseHeadWire >= 0) {
            return responseHeadSentCounted + Math.max(0, bytesToClient - responseHeadWire);
        }
        return replyCounted >= 0 ? replyCounted : bytesToClient();
    }

    @Override
    public boolean serverConnectionReused() {
        return reused;
    }

    @Override
    public int serverStatus() {
        return serverStatus;
    }

    @Override
    public String terminationState() {
        return terminationState.code();
    }

    @Override
    public int retries() {
        return retries;
    }

    @Override
    public boolean redispatched() {
        return redispatched;
    }

    @Override
    public Optional<String> requestLine() {
        return Optional.ofNullable(requestLine);
    }

    @Override
    public Optional<String> requestCookie() {
        return Optional.ofNullable(requestCookie);
    }

    @Override
    public Optional<String> responseCookie() {
        return Optional.ofNullable(responseCookie);
    }

    @Override
    public List<String> requestCaptures() {
        return requestCaptures;
    }

    @Override
    public List<String> responseCaptures() {
        return responseCaptures;
    }

    @Override
    public long serverQueue() {
        return queuePositions.server();
    }

    @Override
    public long backendQueue() {
        return queuePositions.backend();
    }

    /** Read only when a line or a fetch asks, from the connection, which reads them once. */
    @Override
    public Optional<InetSocketAddress> serverAddress() {
        return connection == null ? Optional.empty() : connection.remoteAddress();
    }

    @Override
    public Optional<InetSocketAddress> backendSource() {
        return connection == null ? Optional.empty() : connection.localAddress();
    }

    @Override
    public String serverName() {
        return server != null ? server.name() : applet != null ? applet : "<NOSRV>";
    }

    @Override
    public String backendName() {
        return backend == null ? frontend.name() : backend.name();
    }

    @Override
    public long frontendConnections() {
        return frontend.currentConnections();
    }

    @Override
    public long backendConnections() {
        return backend == null ? 0 : backend.currentConnections();
    }

    @Override
    public long serverConnections() {
        return server == null ? 0 : server.currentConnections();
    }

    @Override
    public long streamNumber() {
        return streamNumber;
    }

    /**
     * Where the line is being made (configuration.txt, {@code %OG}): {@code sess_error} when no
     * request head came (no stream exists: HAProxy's mux logs the connection's error, checked live
     * for {@code CR}, {@code cR} and a malformed head), {@code txn_response} while it leaves with a
     * server's response head (see {@link HttpExchange}: {@code logasap}, or a format with nothing
     * that waits for the end), {@code txn_close} at the end of the stream.
     */
    @Override
    public String origin() {
        if (!requestParsed()) {
            return "sess_error";
        }
        return loggingEarly ? "txn_response" : "txn_close";
    }

    @Override
    public long logCounter() {
        return frontend.logCount();
    }
}
