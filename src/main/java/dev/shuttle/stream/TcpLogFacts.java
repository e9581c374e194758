package dev.shuttle.stream;

import dev.shuttle.backend.Backend;
import dev.shuttle.listener.Frontend;
import dev.shuttle.sample.LogFacts;
import dev.shuttle.server.Server;
import dev.shuttle.session.Session;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * The log facts of a TCP-mode session (configuration.txt §8.2.2), taken when it ends: the
 * instants are counted from the accept, with the connection's handshakes as {@code %Th}; a TCP
 * session has no idle time ({@code %Ti} is -1), no status (0), no request instant ({@code %TR} is
 * -1; as in HAProxy, {@code %Tw} then counts the queue's end from -1) and no response head
 * ({@code %Tr} is -1, {@code %Td} counts from the connection).
 */
record TcpLogFacts(Frontend frontend, Optional<Backend> backend, Server server, long acceptEpochMillis,
                   long handshakeMillis, long requestMillis, long queueMillis, long connectMillis, long closeMillis,
                   long bytesFromClient, long bytesToClient, TerminationState state, int retries,
                   boolean redispatched, Optional<InetSocketAddress> serverAddress,
                   Optional<InetSocketAddress> backendSource, long streamNumber,
                   Backend.QueuePositions queuePositions) implements LogFacts {
    /**
     * The facts of a session still running, for a line made at one of its steps ({@code log-steps},
     * {@code do-log}): what it reached so far, its total until now.
     */
    static TcpLogFacts running(Session session, long servedNanos, long streamNumber, Optional<Backend> backend,
                               Server server) {
        long now = (System.nanoTime() - session.acceptedNanos()) / 1_000_000;
        return new TcpLogFacts(session.frontend(), backend, server, session.acceptedAtMillis(),
                (servedNanos - session.acceptedNanos()) / 1_000_000, -1, -1, -1, now, 0, 0, TerminationState.NORMAL, 0,
                false, Optional.empty(), Optional.empty(), streamNumber, Backend.QueuePositions.NONE);
    }

    @Override
    public long idleMillis() {
        return -1;
    }

    @Override
    public long dataMillis() {
        return -1; // no response head in TCP: %Tr is -1, %Td counts from the connection
    }

    @Override
    public boolean complete() {
        return !frontend.config().logging().logAsap();
    }

    /** {@code %OG}: with {@code option logasap} the line leaves once connected ({@code txn_connect}, as 3.5). */
    @Override
    public String origin() {
        return complete() ? "txn_close" : "txn_connect";
    }

    @Override
    public int status() {
        return 0;
    }

    @Override
    public String terminationState() {
        return state.code();
    }

    @Override
    public Optional<String> requestLine() {
        return Optional.empty();
    }

    @Override
    public List<String> requestCaptures() {
        return List.of();
    }

    @Override
    public List<String> responseCaptures() {
        return List.of();
    }

    @Override
    public long serverQueue() {
        return queuePositions.server();
    }

    @Override
    public long backendQueue() {
        return queuePositions.backend();
    }

    @Override
    public String serverName() {
        return server == null ? "<NOSRV>" : server.name();
    }

    @Override
    public String backendName() {
        return backend.map(Backend::name).orElse(frontend.name());
    }

    @Override
    public long frontendConnections() {
        return frontend.currentConnections();
    }

    @Override
    public long backendConnections() {
        return backend.map(Backend::currentConnections).orElse(0);
    }

    @Override
    public long serverConnections() {
        return server == null ? 0 : server.currentConnections();
    }

    @Override
    public long logCounter() {
        return frontend.logCount();
    }
}
