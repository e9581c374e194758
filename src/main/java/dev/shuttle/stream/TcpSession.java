package dev.shuttle.stream;

import dev.shuttle.backend.Backend;
import dev.shuttle.backend.ServerConnection;
import dev.shuttle.backend.ServerConnector;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.TimeoutKind;
import dev.shuttle.config.Timeouts;
import dev.shuttle.listener.ConnectionHandler;
import dev.shuttle.listener.Frontend;
import dev.shuttle.listener.Supervisor;
import dev.shuttle.mux.TcpTunnel;
import dev.shuttle.net.SocketAddresses;
import dev.shuttle.rules.RuleKind;
import dev.shuttle.rules.Verdict;
import dev.shuttle.sample.Phase;
import dev.shuttle.sample.ProcessInfo;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.VariableStore;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Optional;

/**
 * One client connection in TCP mode: pick the backend, get a server connection (with retries
 * and queueing), then tunnel bytes both ways until both sides are done (HAProxy's stream in
 * TCP mode). {@code tcp-request content} rules run before the backend is chosen (and the
 * backend's after it), {@code use-server} picks the server, {@code tcp-response content} rules run
 * once the server is connected.
 */
public final class TcpSession implements ConnectionHandler {
    private final SessionObserver observer;
    private final ProcessInfo process;
    private final VariableStore processVariables;

    public TcpSession(SessionObserver observer, ProcessInfo process, VariableStore processVariables) {
        this.observer = observer;
        this.process = process;
        this.processVariables = processVariables;
    }

    @Override
    public void handle(Socket client, Frontend frontend, String listenerName, Supervisor.Child child)
            throws InterruptedException {
        long acceptedAt = System.currentTimeMillis();
        long startedNanos = System.nanoTime();
        SocketAddress clientAddress = SocketAddresses.remote(client);
        SocketAddress frontendAddress = SocketAddresses.local(client);
        SampleContext context = StreamContexts.create(clientAddress, frontendAddress, frontend, listenerName,
                process, processVariables);
        if (!StreamContexts.admit(context, frontend)) {
            return;
        }
        observer.started(frontend, client);
        context.phase(Phase.REQUEST_CONTENT);
        boolean rejected = frontend.config().rules().of(RuleKind.TCP_REQUEST_CONTENT).evaluate(context)
                instanceof Verdict.Reject;
        Optional<Backend> chosen = rejected ? Optional.empty() : frontend.selectBackend(context);
        chosen.ifPresent(context::backend);
        if (chosen.isPresent() && chosen.get().config() != frontend.config()) {
            rejected = chosen.get().config().rules().of(RuleKind.TCP_REQUEST_CONTENT).evaluate(context)
                    instanceof Verdict.Reject;
        }
        if (chosen.isEmpty() || rejected) {
            observer.ended(new SessionRecord(frontend, clientAddress, frontendAddress, acceptedAt, chosen,
                    null, 0, false, -1, -1, elapsedMillis(startedNanos),
                    rejected ? SessionRecord.Outcome.REJECTED : SessionRecord.Outcome.NO_BACKEND, 0, 0));
            if (rejected) {
                frontend.counters().connectionDenied();
            }
            return;
        }
        Backend backend = chosen.get();
        backend.counters().sessionStarted();
        ServerConnector.Result result = ServerConnector.connect(backend, backend.config().isOptionSet("redispatch"),
                SocketAddresses.port(frontendAddress), ServerChoice.forced(backend, context).orElse(null));
        if (result.connection().isEmpty()) {
            observer.ended(new SessionRecord(frontend, clientAddress, frontendAddress, acceptedAt, chosen,
                    result.lastServer().orElse(null), result.retries(), result.redispatched(), result.queueMillis(), -1, elapsedMillis(startedNanos),
                    SessionRecord.Outcome.from(result.failure()), 0, 0));
            return;
        }
        try (ServerConnection connection = result.connection().get()) {
            child.closeOnAbort(connection.socket());
            if (responseRejected(context, backend, connection)) {
                child.forget(connection.socket());
                frontend.counters().connectionDenied();
                observer.ended(new SessionRecord(frontend, clientAddress, frontendAddress, acceptedAt, chosen,
                        connection.server(), result.retries(), result.redispatched(), result.queueMillis(),
                        connection.connectMillis(), elapsedMillis(startedNanos), SessionRecord.Outcome.REJECTED, 0, 0));
                return;
            }
            TcpTunnel.Timeouts timeouts = timeouts(frontend.config(), backend.config());
            TcpTunnel.Result tunnel = new TcpTunnel(client, connection.socket(), timeouts).run();
            child.forget(connection.socket());
            count(frontend, backend, connection, tunnel);
            observer.ended(new SessionRecord(frontend, clientAddress, frontendAddress, acceptedAt, chosen,
                    connection.server(), result.retries(), result.redispatched(), result.queueMillis(), connection.connectMillis(),
                    elapsedMillis(startedNanos), SessionRecord.Outcome.from(tunnel.ending()),
                    tunnel.bytesFromClient(), tunnel.bytesToClient()));
        }
    }

    /**
     * {@code tcp-response content} rules of the backend, run once the server connection is up and
     * before any byte is forwarded: with no content fetches, no condition needs the server's first
     * bytes, so waiting for them would change nothing (configuration.txt §4.2, "tcp-response
     * content"). Only {@code reject} (and {@code silent-drop}) changes the outcome.
     */
    private static boolean responseRejected(SampleContext context, Backend backend, ServerConnection connection) {
        var rules = backend.config().rules().of(RuleKind.TCP_RESPONSE_CONTENT);
        if (rules.isEmpty()) {
            return false;
        }
        context.server(connection.server());
        context.phase(Phase.RESPONSE_CONTENT);
        return rules.evaluate(context) instanceof Verdict.Reject;
    }

    private static void count(Frontend frontend, Backend backend, ServerConnection connection, TcpTunnel.Result tunnel) {
        for (var counters : java.util.List.of(frontend.counters(), backend.counters(), connection.server().counters())) {
            counters.addBytesIn(tunnel.bytesFromClient());
            counters.addBytesOut(tunnel.bytesToClient());
        }
    }

    private static long elapsedMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /** HAProxy takes the client timeouts from the frontend and the server ones from the backend; tunnel overrides both. */
    static TcpTunnel.Timeouts timeouts(ProxyConfig frontend, ProxyConfig backend) {
        Timeouts front = frontend.timeouts();
        Timeouts back = backend.timeouts();
        long tunnel = back.get(TimeoutKind.TUNNEL);
        long client = tunnel > 0 ? tunnel : front.get(TimeoutKind.CLIENT);
        long server = tunnel > 0 ? tunnel : back.get(TimeoutKind.SERVER);
        return new TcpTunnel.Timeouts(client, server, front.get(TimeoutKind.CLIENT_FIN), back.get(TimeoutKind.SERVER_FIN));
    }
}
