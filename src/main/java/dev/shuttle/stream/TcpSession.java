package dev.shuttle.stream;

import dev.shuttle.backend.Backend;
import dev.shuttle.backend.ServerConnection;
import dev.shuttle.backend.ServerConnector;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.TimeoutKind;
import dev.shuttle.config.Timeouts;
import dev.shuttle.io.SocketAddresses;
import dev.shuttle.listener.ConnectionHandler;
import dev.shuttle.listener.Frontend;
import dev.shuttle.listener.Supervisor;
import dev.shuttle.mux.TcpTunnel;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Optional;

/**
 * One client connection in TCP mode: pick the backend, get a server connection (with retries
 * and queueing), then tunnel bytes both ways until both sides are done (HAProxy's stream in
 * TCP mode, without content rules yet).
 */
public final class TcpSession implements ConnectionHandler {
    private final SessionObserver observer;

    public TcpSession(SessionObserver observer) {
        this.observer = observer;
    }

    @Override
    public void handle(Socket client, Frontend frontend, Supervisor.Child child) throws InterruptedException {
        long acceptedAt = System.currentTimeMillis();
        long startedNanos = System.nanoTime();
        observer.started(frontend, client);
        SocketAddress clientAddress = SocketAddresses.remote(client);
        SocketAddress frontendAddress = SocketAddresses.local(client);
        Optional<Backend> chosen = frontend.backend();
        if (chosen.isEmpty()) {
            observer.ended(new SessionRecord(frontend, clientAddress, frontendAddress, acceptedAt, Optional.empty(),
                    null, 0, false, -1, -1, elapsedMillis(startedNanos), SessionRecord.Outcome.NO_BACKEND, 0, 0));
            return;
        }
        Backend backend = chosen.get();
        backend.counters().sessionStarted();
        ServerConnector.Result result = ServerConnector.connect(backend, backend.config().isOptionSet("redispatch"),
                SocketAddresses.localPort(client));
        if (result.connection().isEmpty()) {
            observer.ended(new SessionRecord(frontend, clientAddress, frontendAddress, acceptedAt, chosen,
                    result.lastServer().orElse(null), result.retries(), result.redispatched(), result.queueMillis(), -1, elapsedMillis(startedNanos),
                    SessionRecord.Outcome.from(result.failure()), 0, 0));
            return;
        }
        try (ServerConnection connection = result.connection().get()) {
            child.closeOnAbort(connection.socket());
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
