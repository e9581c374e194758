package dev.shuttle.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.shuttle.config.parse.ConfigLoader;
import dev.shuttle.config.Configuration;
import dev.shuttle.config.parse.Diagnostics;
import dev.shuttle.config.parse.KeywordRegistry;
import dev.shuttle.config.parse.Variables;
import dev.shuttle.io.BufferPool;
import dev.shuttle.listener.Frontend;
import dev.shuttle.listener.Supervisor;
import dev.shuttle.sample.ProcessInfo;
import dev.shuttle.sample.VariableStore;
import java.io.Closeable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** An accepted connection's way through the stages to the handler of its protocol, on a real socket. */
@Timeout(10)
class ConnectionPipelineTest {
    @TempDir
    Path directory;

    private final AtomicReference<String> servedBy = new AtomicReference<>();
    private final AtomicReference<Session> served = new AtomicReference<>();
    private final AtomicReference<ClientConnection> connection = new AtomicReference<>();

    private Frontend frontend(String mode, String rules) throws Exception {
        Path file = directory.resolve("test.cfg");
        Files.writeString(file, """
                defaults
                    timeout client 1s
                    timeout server 1s
                    timeout connect 1s
                frontend fe
                    mode %s
                    bind :8080 name public
                %s
                """.formatted(mode, rules));
        Diagnostics diagnostics = Diagnostics.collecting();
        Configuration configuration = new ConfigLoader(KeywordRegistry.standard())
                .load(List.of(file), Variables.of(Map.of()), diagnostics)
                .orElseThrow(() -> new AssertionError(diagnostics.messages().toString()));
        return new Frontend(configuration.frontends().getFirst());
    }

    private ConnectionPipeline pipeline() {
        SessionHandler tcp = (session, client) -> record("tcp", session, client);
        SessionHandler http = (session, client) -> record("http", session, client);
        return new ConnectionPipeline(new ProtocolChoice(tcp, http), new BufferPool(1024, 0),
                ProcessInfo.forThisProcess(ProcessInfo.Proxies.NONE, 1), VariableStore.local());
    }

    private void record(String handler, Session session, ClientConnection client) {
        servedBy.set(handler);
        served.set(session);
        connection.set(client);
    }

    /** Runs the pipeline on the accepted side of a loopback connection. */
    private void accept(Frontend frontend) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(listener.getInetAddress(), listener.getLocalPort());
             Socket accepted = listener.accept()) {
            client.getOutputStream().write("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            pipeline().handle(accepted, System.nanoTime(), frontend, "public", new NoChild());
            if (served.get() != null) {
                assertEquals(client.getLocalSocketAddress(), served.get().clientAddress());
            }
        }
    }

    @Test
    void anAcceptedConnectionGetsItsSessionAndTheHandlerOfItsMode() throws Exception {
        Frontend frontend = frontend("http", "");
        accept(frontend);
        assertEquals("http", servedBy.get());
        Session session = served.get();
        assertSame(frontend, session.frontend());
        assertEquals("public", session.listenerName());
        assertEquals(session.socketClientAddress(), session.clientAddress());
        assertEquals(session.socketFrontendAddress(), session.frontendAddress());
        InetSocketAddress local = (InetSocketAddress) session.frontendAddress();
        assertEquals(local, session.context().destination().orElseThrow());
        assertEquals(0, connection.get().input().buffered(), "no stage read anything of the request");
    }

    @Test
    void tcpModeGoesToThePassThrough() throws Exception {
        accept(frontend("tcp", ""));
        assertEquals("tcp", servedBy.get());
    }

    @Test
    void aConnectionRuleRejectEndsItBeforeAnyHandlerAndCountsIt() throws Exception {
        Frontend frontend = frontend("http", "    tcp-request connection reject");
        accept(frontend);
        assertNull(servedBy.get());
        assertEquals(1, frontend.counters().deniedConnections());
    }

    @Test
    void aSessionRuleRejectEndsItToo() throws Exception {
        Frontend frontend = frontend("tcp", "    tcp-request session reject if { src 127.0.0.1 }");
        accept(frontend);
        assertNull(servedBy.get());
        assertEquals(1, frontend.counters().deniedSessions(), "a session rule's reject is the stats' dses");
        assertEquals(0, frontend.counters().deniedConnections(), "not dcon, as in 3.5");
    }

    @Test
    void aRuleThatDoesNotMatchLetsItThrough() throws Exception {
        Frontend frontend = frontend("tcp", "    tcp-request connection reject if { src 192.0.2.1 }");
        accept(frontend);
        assertEquals("tcp", servedBy.get());
        assertEquals(0, frontend.counters().deniedConnections());
    }

    /** The pipeline registers nothing with the supervisor itself. */
    private static final class NoChild implements Supervisor.Child {
        @Override
        public void closeOnAbort(Closeable resource) {
            throw new AssertionError("nothing to register");
        }

        @Override
        public void forget(Closeable resource) {
            throw new AssertionError("nothing to forget");
        }
    }
}
