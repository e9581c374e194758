package dev.shuttle.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.Configuration;
import dev.shuttle.config.parse.ConfigLoader;
import dev.shuttle.config.parse.Diagnostics;
import dev.shuttle.config.parse.KeywordRegistry;
import dev.shuttle.config.parse.Variables;
import dev.shuttle.io.BufferPool;
import dev.shuttle.io.ReadDeadlines;
import dev.shuttle.listener.Frontend;
import dev.shuttle.listener.Supervisor;
import dev.shuttle.sample.ProcessInfo;
import dev.shuttle.sample.VariableStore;
import java.io.Closeable;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PROXY stage on real loopback sockets: a header replaces {@code src}/{@code dst} and leaves the
 * bytes after it to the next layer, whatever the segments it came in; every way a header fails ends
 * the connection before the handler with its {@code PRX_*} error, logged.
 */
@Timeout(20)
class ProxyStageTest {
    @TempDir
    static Path dir;

    private final AtomicReference<Session> served = new AtomicReference<>();
    private final AtomicReference<String> firstLine = new AtomicReference<>();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final ReadDeadlines deadlines = new ReadDeadlines();

    private record Listener(Frontend frontend, ConnectionPipeline pipeline) {}

    private Listener listener(String bindOptions, String rules) throws Exception {
        Path file = dir.resolve("test-" + System.nanoTime() + ".cfg");
        Files.writeString(file, """
                defaults
                    mode tcp
                    timeout client 500ms
                    timeout server 1s
                    timeout connect 1s
                frontend fe
                    bind :8080 %s
                %s
                """.formatted(bindOptions, rules));
        Diagnostics diagnostics = Diagnostics.collecting();
        Configuration configuration = new ConfigLoader(KeywordRegistry.standard())
                .load(List.of(file), Variables.of(Map.of()), diagnostics)
                .orElseThrow(() -> new AssertionError(diagnostics.messages().toString()));
        Frontend frontend = new Frontend(configuration.frontends().getFirst());
        SessionHandler handler = (session, connection) -> {
            served.set(session);
            int end = connection.input().findLineEnd(1024);
            firstLine.set(new String(connection.input().array(), connection.input().start(),
                    end - connection.input().start(), StandardCharsets.US_ASCII).strip());
            OutputStream out = connection.socket().getOutputStream();
            out.write("served\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        };
        ConnectionErrorLog errors = (session, label, error, detail, anyByte) ->
                failure.set(label + ": " + error.name() + (anyByte ? "" : " [nothing]"));
        ConnectionPipeline pipeline = new ConnectionPipeline(new ProtocolChoice(handler, handler),
                new BufferPool(16384, 0), ProcessInfo.forThisProcess(ProcessInfo.Proxies.NONE, 1), VariableStore.local())
                .forListener(frontend.config().binds().getFirst().acceptProxy(), deadlines, errors, "1");
        return new Listener(frontend, pipeline);
    }

    private void run(Listener listener, ClientSide client) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread pipeline = Thread.ofVirtual().start(() -> {
                try (Socket accepted = server.accept()) {
                    listener.pipeline().handle(accepted, System.nanoTime(), listener.frontend(), "", new NoChild());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Socket socket = new Socket(server.getInetAddress(), server.getLocalPort())) {
                client.drive(socket);
            }
            pipeline.join();
        }
    }

    @FunctionalInterface
    private interface ClientSide {
        void drive(Socket socket) throws Exception;
    }

    private static ClientSide sends(byte[] bytes, boolean oneByteAtATime, boolean thenWait) {
        return socket -> {
            OutputStream out = socket.getOutputStream();
            if (oneByteAtATime) {
                for (byte b : bytes) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(2);
                }
            } else {
                out.write(bytes);
                out.flush();
            }
            if (thenWait) {
                socket.getInputStream().read();
            }
        };
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aV1HeaderReplacesSrcAndDstAndLeavesTheRest() throws Exception {
        run(listener("accept-proxy", ""), sends(ascii("PROXY TCP4 192.0.2.7 198.51.100.1 4321 80\r\nGET / HTTP/1.0\r\n"),
                false, true));
        Session session = served.get();
        assertEquals(new InetSocketAddress("192.0.2.7", 4321), session.clientAddress());
        assertEquals(new InetSocketAddress("198.51.100.1", 80), session.frontendAddress());
        assertEquals(InetAddress.getLoopbackAddress(), ((InetSocketAddress) session.socketClientAddress()).getAddress());
        assertEquals("192.0.2.7", session.context().source().orElseThrow().getAddress().getHostAddress());
        assertEquals(InetAddress.getLoopbackAddress(), session.context().connectionSource().orElseThrow().getAddress());
        assertTrue(session.context().receivedProxyHeader().isPresent());
        assertEquals("GET / HTTP/1.0", firstLine.get());
        assertNull(failure.get());
    }

    @Test
    void aV2HeaderFedOneByteAtATime() throws Exception {
        byte[] header = HexFormat.of().parseHex("0d0a0d0a000d0a515549540a2121002a20010db8000000000000000000000001"
                + "20010db8000000000000000000000002d431 01bb e00003414243".replace(" ", ""));
        byte[] all = new byte[header.length + 5];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(ascii("next\n"), 0, all, header.length, 5);
        run(listener("accept-proxy", ""), sends(all, true, true));
        Session session = served.get();
        assertEquals(new InetSocketAddress("2001:db8::1", 54321), session.clientAddress());
        assertEquals("ABC", session.context().receivedProxyHeader().orElseThrow().tlv(0xE0).orElseThrow().valueText());
        assertEquals("next", firstLine.get());
    }

    @Test
    void aLocalHeaderKeepsTheSocketsAddresses() throws Exception {
        run(listener("accept-proxy", ""), sends(HexFormat.of().parseHex(
                "0d0a0d0a000d0a515549540a20000000" + HexFormat.of().formatHex(ascii("x\n"))), false, true));
        Session session = served.get();
        assertEquals(session.socketClientAddress(), session.clientAddress());
        assertTrue(session.context().receivedProxyHeader().isPresent());
    }

    @Test
    void malformedHeadersEndTheConnectionWithTheirErrors() throws Exception {
        Map<String, String> cases = Map.of(
                "PROXY TCP4 1.2.3.400 5.6.7.8 1 2\r\n", "PRX_BAD_HDR",
                "PROXY UDP4 1.2.3.4 5.6.7.8 1 2\r\n", "PRX_BAD_PROTO",
                "GET / HTTP/1.1\r\n\r\n", "PRX_NOT_HDR");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            failure.set(null);
            run(listener("accept-proxy", ""), sends(ascii(c.getKey()), false, true));
            assertNull(served.get(), c.getKey());
            assertEquals("1: " + c.getValue(), failure.get(), c.getKey());
        }
    }

    @Test
    void aClientThatSendsNothingIsEmpty() throws Exception {
        run(listener("accept-proxy", ""), socket -> { });
        assertNull(served.get());
        assertEquals("1: PRX_EMPTY [nothing]", failure.get());
    }

    @Test
    void aClientThatClosesWithinTheHeaderIsTruncated() throws Exception {
        run(listener("accept-proxy", ""), sends(ascii("PROXY TCP4 1.2"), false, false));
        assertEquals("1: PRX_TRUNCATED", failure.get());
    }

    @Test
    void aClientThatStallsTimesOutAtTimeoutClient() throws Exception {
        long started = System.nanoTime();
        run(listener("accept-proxy", ""), sends(ascii("PROXY TCP4 1.2"), false, true));
        assertEquals("1: PRX_TIMEOUT", failure.get());
        assertTrue(System.nanoTime() - started >= 450_000_000L, "waited for timeout client");
    }

    @Test
    void expectProxyAppliesToTheConnectionsItsConditionPicks() throws Exception {
        Listener picked = listener("", "    tcp-request connection expect-proxy layer4 if { src 127.0.0.1 }");
        run(picked, sends(ascii("PROXY TCP4 192.0.2.7 198.51.100.1 4321 80\r\nhello\n"), false, true));
        assertEquals(new InetSocketAddress("192.0.2.7", 4321), served.get().clientAddress());
        served.set(null);
        Listener notPicked = listener("", "    tcp-request connection expect-proxy layer4 if { src 192.0.2.1 }");
        run(notPicked, sends(ascii("hello\n"), false, true));
        assertEquals("hello", firstLine.get());
        assertTrue(served.get().context().receivedProxyHeader().isEmpty());
    }

    private static final class NoChild implements Supervisor.Child {
        @Override
        public void closeOnAbort(Closeable resource) {
        }

        @Override
        public void forget(Closeable resource) {
        }
    }
}
