package dev.shuttle.session;

import dev.shuttle.io.BufferPool;
import dev.shuttle.io.InputBuffer;
import dev.shuttle.listener.ConnectionHandler;
import dev.shuttle.listener.Frontend;
import dev.shuttle.listener.Supervisor;
import dev.shuttle.net.SocketAddresses;
import dev.shuttle.sample.ProcessInfo;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.VariableStore;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.List;

/**
 * What happens to an accepted connection, on its own thread: its {@link Session} is made, it goes
 * through the stages in HAProxy's order ({@code tcp-request connection} rules; the PROXY header
 * and TLS stages will come between them and the {@code tcp-request session} rules), and the
 * {@link ProtocolChoice} hands it to the mux that serves it.
 */
public final class ConnectionPipeline implements ConnectionHandler {
    private final List<ConnectionStage> stages = List.of(new ConnectionRules(), new SessionRules());
    private final ProtocolChoice protocols;
    private final BufferPool buffers;
    private final ProcessInfo process;
    private final VariableStore processVariables;

    /**
     * @param buffers          where the connection's read buffer comes from
     * @param process          what fetches read about the whole process
     * @param processVariables the {@code proc} variables every sample context shares
     */
    public ConnectionPipeline(ProtocolChoice protocols, BufferPool buffers, ProcessInfo process,
                              VariableStore processVariables) {
        this.protocols = protocols;
        this.buffers = buffers;
        this.process = process;
        this.processVariables = processVariables;
    }

    @Override
    public void handle(Socket client, Frontend frontend, String listenerName, Supervisor.Child child)
            throws Exception {
        Session session = accept(client, frontend, listenerName, child);
        ClientConnection connection = new ClientConnection(client, new InputBuffer(client.getInputStream(), buffers));
        for (ConnectionStage stage : stages) {
            if (!(stage.run(session, connection) instanceof ConnectionStage.Outcome.Proceed proceed)) {
                return;
            }
            connection = proceed.connection();
        }
        protocols.handlerFor(session).serve(session, connection);
    }

    /** The session of a connection just accepted; its addresses are read once here (the local one is a system call). */
    private Session accept(Socket client, Frontend frontend, String listenerName, Supervisor.Child child) {
        long acceptedAtMillis = System.currentTimeMillis();
        long acceptedNanos = System.nanoTime();
        SocketAddress clientAddress = SocketAddresses.remote(client);
        SocketAddress frontendAddress = SocketAddresses.local(client);
        InetSocketAddress source = clientAddress instanceof InetSocketAddress inet ? inet : null;
        InetSocketAddress destination = frontendAddress instanceof InetSocketAddress inet ? inet : null;
        SampleContext context = new SampleContext(frontend.config(), source, destination, listenerName, process,
                processVariables);
        return new Session(frontend, listenerName, child, acceptedAtMillis, acceptedNanos, clientAddress,
                frontendAddress, context);
    }
}
