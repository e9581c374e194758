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
import java.net.Socket;
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
        long started = System.currentTimeMillis();
        observer.started(frontend, client);
        Optional<Backend> chosen = frontend.backend();
        if (chosen.isEmpty()) {
            observer.ended(new SessionRecord(frontend, client, started, Optional.empty(), null, 0,
                    SessionRecord.Outcome.NO_BACKEND, 0, 0));
            return;
        }
        Backend backend = chosen.get();
        backend.counters().sessionStarted();
        ServerConnector.Result result = ServerConnector.connect(backend, backend.config().isOptionSet("redispatch"),
                Math.max(client.getLocalPort(), 0));
        if (result.connection().isEmpty()) {
            observer.ended(new SessionRecord(frontend, client, started, Optional.of(backend),
                    result.lastServer().orElse(null), result.retries(), SessionRecord.Outcome.from(result.failure()), 0, 0));
            return;
        }
        try (ServerConnection connection = result.connection().get()) {
            child.closeOnAbort(connection.socket());
            TcpTunnel.Result tunnel = new TcpTunnel(client, connection.socket(), timeouts(frontend.config(), backend.config())).run();
            frontend.counters().addBytesIn(tunnel.bytesFromClient());
            frontend.counters().addBytesOut(tunnel.bytesToClient());
            backend.counters().addBytesIn(tunnel.bytesFromClient());
            backend.counters().addBytesOut(tunnel.bytesToClient());
            connection.server().counters().addBytesIn(tunnel.bytesFromClient());
            connection.server().counters().addBytesOut(tunnel.bytesToClient());
            child.forget(connection.socket());
            observer.ended(new SessionRecord(frontend, client, started, Optional.of(backend), connection.server(),
                    result.retries(), SessionRecord.Outcome.from(tunnel.ending()), tunnel.bytesFromClient(),
                    tunnel.bytesToClient()));
        }
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
