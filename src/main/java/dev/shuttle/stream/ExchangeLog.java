package dev.shuttle.stream;

import dev.shuttle.backend.Backend;
import dev.shuttle.backend.ServerConnector;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.listener.Frontend;
import dev.shuttle.sample.Captures;
import dev.shuttle.sample.TlsConnection;
import dev.shuttle.server.Server;
import java.net.SocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * Collects, step by step, what the HTTP log line of one exchange reports: timers, the server,
 * the status, the bytes and the termination state (configuration.txt §8.2.3 and §8.4).
 * Owned by the exchange's thread.
 */
final class ExchangeLog {
    private final Frontend frontend;
    private SocketAddress clientAddress;
    private final long requestDateMillis;
    private final long startNanos;
    private long requestMillis = -1;
    private long queueMillis = -1;
    private long connectMillis = -1;
    private long responseMillis = -1;
    private long activeMillis = -1;
    private Backend backend;
    private Server server;
    private int retries;
    private boolean redispatched;
    private int status = -1;
    private long bytesToClient;
    private TerminationState terminationState = TerminationState.NORMAL;
    private String requestLine = "<BADREQ>";
    private List<String> requestCaptures = List.of();
    private List<String> responseCaptures = List.of();
    private Optional<Integer> logLevel = Optional.empty();
    private Optional<TlsConnection> tls = Optional.empty();

    ExchangeLog(Frontend frontend, SocketAddress clientAddress, long requestDateMillis, long startNanos) {
        this.frontend = frontend;
        this.clientAddress = clientAddress;
        this.requestDateMillis = requestDateMillis;
        this.startNanos = startNanos;
    }

    /** The request line is logged as received ({@code %r}), whatever rules make of it later, as HAProxy does. */
    void requestReceived(String receivedLine) {
        requestMillis = elapsed();
        requestLine = receivedLine;
    }

    /** Whether a request arrived: what rules did (captures, log level) is logged only then. */
    boolean requestParsed() {
        return requestMillis >= 0;
    }

    void backend(Backend chosen) {
        backend = chosen;
    }

    Optional<ProxyConfig> backendConfig() {
        return Optional.ofNullable(backend).map(Backend::config);
    }

    void connected(ServerConnector.Result result, long connectTime) {
        queueMillis = result.queueMillis();
        connectMillis = connectTime;
        retries = result.retries();
        redispatched = result.redispatched();
        result.lastServer().ifPresent(this::server);
    }

    void server(Server chosen) {
        server = chosen;
    }

    Server server() {
        return server;
    }

    void responseReceived(long requestSentNanos) {
        responseMillis = (System.nanoTime() - requestSentNanos) / 1_000_000;
        if (queueMillis < 0) {
            queueMillis = 0;
            connectMillis = 0;
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
        activeMillis = elapsed();
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

    ExchangeRecord record() {
        return new ExchangeRecord(frontend, clientAddress, requestDateMillis, Optional.ofNullable(backend), server,
                requestMillis, queueMillis, connectMillis, responseMillis, activeMillis, status, bytesToClient,
                terminationState, retries, redispatched, requestLine, requestCaptures, responseCaptures, logLevel, tls);
    }

    private long elapsed() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
