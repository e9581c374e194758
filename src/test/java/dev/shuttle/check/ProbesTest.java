package dev.shuttle.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.config.HttpCheckRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The probes against real loopback sockets: what each kind of server behaviour gives. */
class ProbesTest {
    private static final CheckTimeouts TIMEOUTS = new CheckTimeouts(1000, 300);
    private ServerSocket listener;
    private final AtomicReference<String> received = new AtomicReference<>("");

    @AfterEach
    void close() throws IOException {
        if (listener != null) {
            listener.close();
        }
    }

    /** A server that answers every connection with {@code answer} (null: reads and says nothing) and closes. */
    private InetSocketAddress serve(String answer) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!listener.isClosed()) {
                try (Socket socket = listener.accept()) {
                    InputStream in = socket.getInputStream();
                    byte[] buffer = new byte[4096];
                    int read = in.read(buffer);
                    received.set(read > 0 ? new String(buffer, 0, read, StandardCharsets.ISO_8859_1) : "");
                    if (answer == null) {
                        Thread.sleep(1000);
                    } else {
                        socket.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
                    }
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        });
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    /** A port nobody listens on. */
    private static InetSocketAddress closedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), probe.getLocalPort());
        }
    }

    private static HttpProbe http(List<dev.shuttle.config.HttpCheckExpect> expects) {
        return new HttpProbe(() -> HttpCheckRequestWriter.write(new HttpCheckRequest("GET", "/health", "HTTP/1.1",
                Optional.empty(), List.of(), ""), Optional.empty()), new HttpExpectations(expects, false));
    }

    @Test
    void aConnectCheckPassesWhenTheConnectionOpens() throws Exception {
        assertEquals(CheckStatus.L4OK, new TcpConnectProbe().run(serve(""), TIMEOUTS).status());
    }

    @Test
    void aRefusedConnectionIsALayer4ConnectionProblem() throws Exception {
        CheckOutcome outcome = new TcpConnectProbe().run(closedPort(), TIMEOUTS);
        assertEquals(CheckStatus.L4CON, outcome.status());
        assertEquals("ECONNREFUSED returned by OS (Connection refused)", outcome.info());
        assertEquals(CheckStatus.L4CON, http(List.of()).run(closedPort(), TIMEOUTS).status());
    }

    @Test
    void anHttpCheckSendsItsRequestAndJudgesTheResponse() throws Exception {
        CheckOutcome outcome = http(List.of()).run(serve("HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n"), TIMEOUTS);
        assertEquals(CheckStatus.L7OK, outcome.status());
        assertEquals(200, outcome.code());
        assertEquals("GET /health HTTP/1.1\r\nconnection: close\r\n\r\n", received.get());
    }

    @Test
    void aWrongStatusCarriesItsReasonPhrase() throws Exception {
        CheckOutcome outcome = http(List.of()).run(serve("HTTP/1.0 503 Service Unavailable\r\n\r\n"), TIMEOUTS);
        assertEquals(CheckStatus.L7STS, outcome.status());
        assertEquals("Service Unavailable", outcome.info());
    }

    @Test
    void silenceIsALayer7TimeoutAndGarbageAnInvalidResponse() throws Exception {
        assertEquals(CheckStatus.L7TOUT, http(List.of()).run(serve(null), TIMEOUTS).status());
        listener.close();
        assertEquals(CheckStatus.L7RSP, http(List.of()).run(serve("hello world\r\n"), TIMEOUTS).status());
    }

    @Test
    void timeoutsFollowTimeoutCheckOrInter() {
        assertEquals(new CheckTimeouts(2000, -1), CheckTimeouts.of(2000, 5000, 0));
        assertEquals(new CheckTimeouts(1000, 500), CheckTimeouts.of(2000, 1000, 500));
        assertEquals(new CheckTimeouts(2000, 500), CheckTimeouts.of(2000, 0, 500));
        assertEquals(1500, new CheckTimeouts(2000, -1).readBudget(500));
    }
}
