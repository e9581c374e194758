package dev.shuttle.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.HttpCheckRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A plain HTTP check carried by the check poller gives what the same check gives on a thread of its
 * own ({@link HttpProbe#run}), against the same loopback servers.
 */
class PolledHttpCheckTest {
    private static final CheckTimeouts TIMEOUTS = new CheckTimeouts(1000, 300);
    private final CheckPoller poller = CheckPoller.start();
    private final AtomicReference<String> received = new AtomicReference<>("");
    private ServerSocket listener;

    @AfterEach
    void close() throws Exception {
        poller.close();
        if (listener != null) {
            listener.close();
        }
    }

    private static HttpProbe http() {
        return new HttpProbe(() -> HttpCheckRequestWriter.write(new HttpCheckRequest("GET", "/health", "HTTP/1.1",
                Optional.empty(), List.of(), ""), Optional.empty()), new HttpExpectations(List.of(), false));
    }

    /** A server that answers each connection with {@code parts} (one write each; none: says nothing), then closes. */
    private InetSocketAddress serve(String... parts) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        ServerSocket serving = listener;
        Thread.ofVirtual().start(() -> {
            while (!serving.isClosed()) {
                try (Socket socket = serving.accept()) {
                    InputStream in = socket.getInputStream();
                    byte[] buffer = new byte[4096];
                    int read = in.read(buffer);
                    received.set(read > 0 ? new String(buffer, 0, read, StandardCharsets.ISO_8859_1) : "");
                    OutputStream out = socket.getOutputStream();
                    if (parts.length == 0) {
                        Thread.sleep(1000);
                    }
                    for (String part : parts) {
                        out.write(part.getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                        Thread.sleep(20);
                    }
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        });
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    private CheckOutcome polled(InetSocketAddress target) throws Exception {
        CompletableFuture<CheckOutcome> outcome = new CompletableFuture<>();
        assertTrue(http().startOn(poller, target, TIMEOUTS, outcome::complete), "a plain HTTP check runs on the poller");
        return outcome.get(30, TimeUnit.SECONDS);
    }

    /** The outcome on the poller, checked against the blocking probe's on the same server. */
    private CheckOutcome bothWays(String... parts) throws Exception {
        InetSocketAddress server = serve(parts);
        CheckOutcome polled = polled(server);
        assertEquals(http().run(server, TIMEOUTS), polled, "the poller and the blocking probe agree");
        return polled;
    }

    @Test
    void aWholeResponseIsJudgedAndTheRequestIsTheCheck() throws Exception {
        CheckOutcome outcome = bothWays("HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n");
        assertEquals(CheckOutcome.of(CheckStatus.L7OK, 200, ""), outcome);
        assertEquals("GET /health HTTP/1.1\r\nconnection: close\r\n\r\n", received.get());
    }

    @Test
    void aResponseInPiecesIsReadUntilWhole() throws Exception {
        CheckOutcome outcome = bothWays("HTTP/1.0 503 Serv", "ice Unavailable\r\ncontent-length: 4\r\n\r\n", "down");
        assertEquals(CheckOutcome.of(CheckStatus.L7STS, 503, "Service Unavailable"), outcome);
    }

    @Test
    void silenceIsALayer7Timeout() throws Exception {
        long start = System.nanoTime();
        assertEquals(CheckOutcome.of(CheckStatus.L7TOUT, ""), bothWays());
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(300), "not before the read time");
    }

    @Test
    void garbageIsAnInvalidResponse() throws Exception {
        assertEquals(CheckStatus.L7RSP, bothWays("hello world\r\n").status());
    }

    @Test
    void aRefusedPortIsALayer4ConnectionProblem() throws Exception {
        int port;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = gone.getLocalPort();
        }
        InetSocketAddress closed = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        CheckOutcome outcome = polled(closed);
        assertEquals(CheckOutcome.of(CheckStatus.L4CON, "ECONNREFUSED returned by OS (Connection refused)"), outcome);
        assertEquals(http().run(closed, TIMEOUTS), outcome);
    }
}
