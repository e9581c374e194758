package dev.shuttle.session;

import dev.shuttle.io.BufferPool;
import dev.shuttle.io.InputBuffer;
import dev.shuttle.io.ReadDeadlines;
import dev.shuttle.listener.ConnectionHandler;
import dev.shuttle.listener.Frontend;
import dev.shuttle.listener.Supervisor;
import dev.shuttle.net.SocketAddresses;
import dev.shuttle.sample.ProcessInfo;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.SocketView;
import dev.shuttle.sample.VariableStore;
import dev.shuttle.stats.TlsCounters;
import dev.shuttle.stats.TrafficCounters;
import dev.shuttle.tls.FrontTls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What happens to an accepted connection, on its own thread: its {@link Session} is made, it goes
 * through the stages in HAProxy's order ({@code tcp-request connection} rules, the PROXY header
 * ({@link #forListener}), TLS on a {@code bind ... ssl} listener ({@link #withTls}), then the {@code
 * tcp-request session} rules), and the {@link ProtocolChoice} hands it to the mux that serves it.
 */
public final class ConnectionPipeline implements ConnectionHandler {
    private final List<ConnectionStage> stages;
    /** The PROXY header's stage of this listener, or null (a pipeline not made for a listener reads none). */
    private final ProxyStage proxyStage;
    /** The TLS stage of a {@code bind ... ssl} listener, or null. */
    private final TlsStage tlsStage;
    private final ProtocolChoice protocols;
    private final BufferPool buffers;
    private final ProcessInfo process;
    private final VariableStore processVariables;
    /** Told when a TLS connection closes; null for a plain listener. */
    private final TlsCounters tlsCounters;
    /** The listener's own counters ({@code option socket-stats}), given to each session; null for none. */
    private final TrafficCounters listenerCounters;
    /** Logs what a connection does before its stream: the do-log rules of the first two rule sets. */
    private final ConnectionErrorLog sessionLog;
    /** The listening socket's id ({@code so_id}), 0 for a pipeline not made for one. */
    private final int socketId;
    /** The connections this listener's pipeline serves now ({@code dst_conn}); shared by the copies of one listener. */
    private final AtomicInteger socketConnections;

    /**
     * @param buffers          where the connection's read buffer comes from
     * @param process          what fetches read about the whole process
     * @param processVariables the {@code proc} variables every sample context shares
     */
    public ConnectionPipeline(ProtocolChoice protocols, BufferPool buffers, ProcessInfo process,
                              VariableStore processVariables) {
        this(null, null, protocols, buffers, process, processVariables, null, null, ConnectionErrorLog.NONE, 0,
                new AtomicInteger());
    }

    private ConnectionPipeline(ProxyStage proxyStage, TlsStage tlsStage, ProtocolChoice protocols, BufferPool buffers,
                               ProcessInfo process, VariableStore processVariables, TlsCounters tlsCounters,
                               TrafficCounters listenerCounters, ConnectionErrorLog sessionLog, int socketId,
                               AtomicInteger socketConnections) {
        this.listenerCounters = listenerCounters;
        this.sessionLog = sessionLog;
        this.socketId = socketId;
        this.socketConnections = socketConnections;
        this.proxyStage = proxyStage;
        this.tlsStage = tlsStage;
        List<ConnectionStage> inOrder = new ArrayList<>();
        inOrder.add(new ConnectionRules());
        if (proxyStage != null) {
            inOrder.add(proxyStage);
        }
        if (tlsStage != null) {
            inOrder.add(tlsStage);
        }
        inOrder.add(new SessionRules());
        this.stages = List.copyOf(inOrder);
        this.protocols = protocols;
        this.buffers = buffers;
        this.process = process;
        this.processVariables = processVariables;
        this.tlsCounters = tlsCounters;
    }

    /**
     * The pipeline of a TLS listener: this one with its TLS stage after the {@code tcp-request
     * connection} rules.
     *
     * @param deadlines     bounds the handshake in time
     * @param errors        logs the handshakes that fail
     * @param listenerLabel the listener's {@code name}, else its number, for the error log line
     */
    public ConnectionPipeline withTls(FrontTls tls, ReadDeadlines deadlines, ConnectionErrorLog errors,
                                      String listenerLabel, TlsCounters counters) {
        return new ConnectionPipeline(proxyStage, new TlsStage(tls, deadlines, buffers, errors, listenerLabel, counters),
                protocols, buffers, process, processVariables, counters, listenerCounters, errors, socketId,
                socketConnections);
    }

    /**
     * This pipeline with the sessions it makes counting also on {@code counters}: the listener's
     * own ({@code option socket-stats}); null for none.
     */
    public ConnectionPipeline countingOn(TrafficCounters counters) {
        return new ConnectionPipeline(proxyStage, tlsStage, protocols, buffers, process, processVariables, tlsCounters,
                counters, sessionLog, socketId, socketConnections);
    }

    /**
     * This pipeline for the listening socket {@code id} ({@code so_id}), counting the connections
     * it serves for {@code dst_conn} (HAProxy's listener {@code nbconn}).
     */
    public ConnectionPipeline forSocket(int id) {
        return new ConnectionPipeline(proxyStage, tlsStage, protocols, buffers, process, processVariables, tlsCounters,
                listenerCounters, sessionLog, id, new AtomicInteger());
    }

    /**
     * The pipeline of one listener: this one with the PROXY header's stage after the {@code
     * tcp-request connection} rules, which reads a header on every connection of an {@code
     * accept-proxy} listener and on those an {@code expect-proxy layer4} rule picks.
     *
     * @param errors        logs the connections whose header is missing or malformed
     * @param listenerLabel the listener's {@code name}, else its number, for the error log line
     */
    public ConnectionPipeline forListener(boolean acceptProxy, ReadDeadlines deadlines, ConnectionErrorLog errors,
                                          String listenerLabel) {
        return forListener(acceptProxy, "", deadlines, errors, listenerLabel);
    }

    /**
     * {@link #forListener(boolean, ReadDeadlines, ConnectionErrorLog, String)} for a listener whose
     * connections all speak {@code muxProtocol} ({@code bind ... proto h1|h2}; empty: the mode's and
     * ALPN's choice).
     */
    public ConnectionPipeline forListener(boolean acceptProxy, String muxProtocol, ReadDeadlines deadlines,
                                          ConnectionErrorLog errors, String listenerLabel) {
        return new ConnectionPipeline(new ProxyStage(acceptProxy, deadlines, errors, listenerLabel), tlsStage,
                protocols.forListener(muxProtocol), buffers, process, processVariables, tlsCounters, listenerCounters,
                errors, socketId, socketConnections);
    }

    @Override
    public void handle(Socket client, long acceptedNanos, Frontend frontend, String listenerName,
                       Supervisor.Child child) throws Exception {
        socketConnections.incrementAndGet();
        try {
            serve(client, acceptedNanos, frontend, listenerName, child);
        } finally {
            socketConnections.decrementAndGet();
        }
    }

    private void serve(Socket client, long acceptedNanos, Frontend frontend, String listenerName,
                       Supervisor.Child child) throws Exception {
        Session session = accept(client, acceptedNanos, frontend, listenerName, child);
        ClientConnection connection = new ClientConnection(client, new InputBuffer(client.getInputStream(), buffers));
        // One concurrent map insertion here and one removal at the end: the runtime API's view of it.
        session.live().clientSide(client);
        frontend.liveStreams().add(session.live());
        // do-log in tcp-request connection|session rules: a line before the stream, which replaces this logger.
        session.context().stepLogger((step, profile) -> sessionLog.ruleStep(session, step, profile));
        try {
            for (ConnectionStage stage : stages) {
                if (!(stage.run(session, connection) instanceof ConnectionStage.Outcome.Proceed proceed)) {
                    return;
                }
                connection = proceed.connection();
            }
            session.context().terminationEvents().muxStarted();
            protocols.handlerFor(session).serve(session, connection);
        } finally {
            frontend.liveStreams().remove(session.live());
            if (tlsCounters != null && session.tls().isPresent()) {
                tlsCounters.closed();
            }
            if (connection.socket() != client) {
                closeQuietly(connection.socket()); // the TLS layer: its close sends close_notify
            }
        }
    }

    /** This pipeline's socket as fetches see it. */
    private final SocketView socketView = new SocketView() {
        @Override
        public int id() {
            return socketId;
        }

        @Override
        public int currentConnections() {
            return socketConnections.get();
        }
    };

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // the connection ends either way
        }
    }

    /** The session of a connection just accepted; its addresses are read once here (the local one is a system call). */
    private Session accept(Socket client, long acceptedNanos, Frontend frontend, String listenerName,
                           Supervisor.Child child) {
        // The accept date is the listener's accept, however late this thread first ran.
        long acceptedAtMillis = System.currentTimeMillis() - (System.nanoTime() - acceptedNanos) / 1_000_000;
        SocketAddress clientAddress = SocketAddresses.remote(client);
        SocketAddress frontendAddress = SocketAddresses.local(client);
        InetSocketAddress source = clientAddress instanceof InetSocketAddress inet ? inet : null;
        InetSocketAddress destination = frontendAddress instanceof InetSocketAddress inet ? inet : null;
        SampleContext context = new SampleContext(frontend.config(), source, destination, listenerName, process,
                processVariables);
        context.socket(socketView);
        return new Session(frontend, listenerName, child, acceptedAtMillis, acceptedNanos, clientAddress,
                frontendAddress, context, listenerCounters);
    }
}
