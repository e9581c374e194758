package dev.shuttle.cli;

import dev.shuttle.config.StatsSocketConfig;
import dev.shuttle.listener.Endpoints;
import dev.shuttle.listener.ListeningEndpoint;
import dev.shuttle.listener.Supervisor;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** Listens on the {@code stats socket} addresses and serves each connection with a {@link CliSession}. */
public final class CliServer {
    private final CliCommands table;
    private final long idleTimeoutMillis;
    private final Supervisor supervisor = new Supervisor("cli");
    private final List<ListeningEndpoint> endpoints = new ArrayList<>();
    private volatile boolean stopping;

    public CliServer(CliCommands table, long idleTimeoutMillis) {
        this.table = table;
        this.idleTimeoutMillis = idleTimeoutMillis;
    }

    /** Binds one stats socket; failures are the caller's to report, as for any listener. */
    public void bind(StatsSocketConfig socket) throws IOException {
        for (ListeningEndpoint endpoint : Endpoints.bind(socket.address(), socket.socketOptions())) {
            endpoints.add(endpoint);
            supervisor.fork("cli-acceptor", child -> acceptLoop(endpoint, socket));
        }
    }

    private void acceptLoop(ListeningEndpoint endpoint, StatsSocketConfig socket) {
        while (!stopping) {
            Socket client;
            try {
                client = endpoint.accept();
            } catch (IOException e) {
                if (stopping) {
                    return;
                }
                continue;
            }
            supervisor.fork("cli-session", client,
                    child -> new CliSession(table, socket.level()).serve(client, idleTimeoutMillis));
        }
    }

    public int listenerCount() {
        return endpoints.size();
    }

    /** Stops listening and closes the sessions still open. */
    public void stop() throws InterruptedException {
        stopping = true;
        endpoints.forEach(ListeningEndpoint::close);
        supervisor.abort();
    }
}
