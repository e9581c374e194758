package dev.shuttle.stream;

import dev.shuttle.backend.Backend;
import dev.shuttle.backend.ServerConnector;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.http.HeaderList;
import dev.shuttle.listener.Frontend;
import dev.shuttle.mux.ClientStream;
import dev.shuttle.sample.Captures;
import dev.shuttle.sample.LogFacts;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.TlsConnection;
import dev.shuttle.server.Server;
import dev.shuttle.session.Session;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.List;
import java.util.Optional;

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
    private long connectAt = -1;
    private long dataAt = -1;
    private long closeAt = -1;
    private Backend backend;
    private Server server;
    private InetSocketAddress serverAddress;
    private InetSocketAddress backendSource;
    private int retries;
    private boolean redispatched;
    private int status = -1;
    private long bytesToClient;
    private long bytesFromClient;
    private TerminationState terminationState = TerminationState.NORMAL;
    private String requestLine;
    private String requestCookie;
    private String responseCookie;
    private List<String> requestCaptures = List.of();
    private List<String> responseCaptures = List.of();
    private Optional<Integer> logLevel = Optional.empty();
    private Optional<TlsConnection> tls = Optional.empty();
    /** What to do once the response head left ({@code option logasap}: log now), or null. */
    private Runnable onResponseHeadSent;

    ExchangeLog(Session session, ClientStream client) {
        this.frontend = session.frontend();
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
    void requestReceived(String receivedLine) {
        requestAt = sinceAccept();
        requestLine = receivedLine;
    }

    /** {@code capture cookie}: the request's cookie ({@code %CC}), from its headers as received. */
    void requestCookies(HeaderList headers) {
        frontend.config().logging().cookieCapture()
                .ifPresent(capture -> requestCookie = CookieCaptures.request(capture, headers).orElse(null));
    }

    /** {@code capture cookie}: the cookie the server sets ({@code %CS}). */
    void responseCookies(HeaderList headers) {
        frontend.config().logging().cookieCapture()
                .ifPresent(capture -> responseCookie = CookieCaptures.response(capture, headers).orElse(null));
    }

    /** Whether a request arrived: what rules did (captures, log level) is logged only then. */
    boolean requestParsed() {
        return requestAt >= 0;
    }

    void backend(Backend chosen) {
        backend = chosen;
    }

    Optional<ProxyConfig> backendConfig() {
        return Optional.ofNullable(backend).map(Backend::config);
    }

    /** A server slot and connection were sought: the queue and connect instants ({@code %Tw}, {@code %Tc}). */
    void connected(ServerConnector.Result result, long connectTime) {
        connectAt = sinceAccept();
        queueAt = connectTime >= 0 ? Math.max(requestAt, connectAt - connectTime) : connectAt;
        if (connectTime < 0) {
            connectAt = -1; // never connected: %Tc is -1
        }
        retries = result.retries();
        redispatched = result.redispatched();
        result.lastServer().ifPresent(this::server);
        result.connection().ifPresent(connection -> addresses(connection.socket()));
    }

    private void addresses(Socket socket) {
        if (socket.getRemoteSocketAddress() instanceof InetSocketAddress remote) {
            serverAddress = remote;
        }
        if (socket.getLocalSocketAddress() instanceof InetSocketAddress local) {
            backendSource = local;
        }
    }

    void server(Server chosen) {
        server = chosen;
    }

    Server server() {
        return server;
    }

    /** The response head arrived ({@code %Tr}). */
    void responseReceived(long requestSentNanos) {
        dataAt = sinceAccept();
        if (queueAt < 0) {
            queueAt = requestAt;
            connectAt = requestAt;
        }
    }

    /** Runs {@code early} once, when the response head has been sent ({@code option logasap}). */
    void onResponseHeadSent(Runnable early) {
        onResponseHeadSent = early;
    }

    /** The response head left, {@code headBytes} long: a line logged now counts them in {@code %B}. */
    void responseHeadSent(long headBytes) {
        Runnable early = onResponseHeadSent;
        if (early == null) {
            return;
        }
        onResponseHeadSent = null;
        bytesToClient += headBytes;
        try {
            early.run();
        } finally {
            bytesToClient -= headBytes;
        }
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
        bytesFromClient = client.requestBytesRead();
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

    ExchangeRecord record(SampleContext context) {
        long requestMillis = requestAt >= 0 ? requestAt - idleMillis - handshakeMillis : -1;
        long queueMillis = queueAt >= 0 ? queueAt - requestAt : -1;
        long connectMillis = connectAt >= 0 ? connectAt - queueAt : -1;
        long responseMillis = dataAt >= 0 ? dataAt - connectAt : -1;
        long activeMillis = closeAt - (idleMillis + handshakeMillis);
        return new ExchangeRecord(frontend, clientAddress, acceptEpochMillis + idleMillis + handshakeMillis,
                Optional.ofNullable(backend), server, requestMillis, queueMillis, connectMillis, responseMillis,
                activeMillis, status, bytesToClient, terminationState, retries, redispatched,
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
        return status < 0 && context.replyStatus() > 0 ? context.replyStatus() : status;
    }

    @Override
    public long bytesFromClient() {
        return closeAt >= 0 ? bytesFromClient : client.requestBytesRead();
    }

    @Override
    public long bytesToClient() {
        return bytesToClient;
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
        return 0;
    }

    @Override
    public long backendQueue() {
        return 0;
    }

    @Override
    public Optional<InetSocketAddress> serverAddress() {
        return Optional.ofNullable(serverAddress);
    }

    @Override
    public Optional<InetSocketAddress> backendSource() {
        return Optional.ofNullable(backendSource);
    }

    @Override
    public String serverName() {
        return server == null ? "<NOSRV>" : server.name();
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

    @Override
    public long logCounter() {
        return frontend.logCount();
    }
}
