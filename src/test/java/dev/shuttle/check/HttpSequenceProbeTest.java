package dev.shuttle.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.config.HttpCheckExpect;
import dev.shuttle.config.HttpCheckExpect.Match;
import dev.shuttle.config.HttpCheckRequest;
import dev.shuttle.config.HttpCheckRule;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** HTTP check sequences against loopback servers: each exchange on its own connection and port. */
class HttpSequenceProbeTest {
    private static final CheckTimeouts TIMEOUTS = new CheckTimeouts(1000, 500);
    private final List<ServerSocket> listeners = new ArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws IOException {
        for (ServerSocket listener : listeners) {
            listener.close();
        }
    }

    /** A server answering every request with {@code response}, recording the request lines. */
    private int serve(String response) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        listeners.add(listener);
        Thread.ofVirtual().start(() -> {
            while (!listener.isClosed()) {
                try (Socket socket = listener.accept()) {
                    byte[] buffer = new byte[4096];
                    int read = socket.getInputStream().read(buffer);
                    String request = new String(buffer, 0, Math.max(read, 0), StandardCharsets.ISO_8859_1);
                    requests.add(listener.getLocalPort() + " " + request.substring(0, request.indexOf('\r')));
                    socket.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
                } catch (IOException e) {
                    return;
                }
            }
        });
        return listener.getLocalPort();
    }

    private static HttpCheckRule send(String uri) {
        return new HttpCheckRule.Send(new HttpCheckRequest("GET", uri, "HTTP/1.0", Optional.empty(), List.of(), ""));
    }

    private static HttpCheckRule expect(Match match, String pattern) {
        return new HttpCheckRule.Expect(new HttpCheckExpect(match, false, pattern));
    }

    private static CheckOutcome run(int port, HttpCheckRule... rules) throws InterruptedException {
        HttpSequenceProbe probe = new HttpSequenceProbe(List.of(rules),
                send -> HttpCheckRequestWriter.write(send.request(), Optional.empty()), false);
        return probe.run(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUTS);
    }

    @Test
    void twoExchangesOnTwoPortsBothPass() throws Exception {
        int first = serve("HTTP/1.0 200 OK\r\n\r\n");
        int second = serve("HTTP/1.0 200 OK\r\ncontent-length: 7\r\n\r\nall ok!");
        CheckOutcome outcome = run(first, new HttpCheckRule.Connect(0), send("/one"), expect(Match.STATUS, "200"),
                new HttpCheckRule.Connect(second), send("/two"), expect(Match.STRING, "ok"));
        assertEquals(CheckStatus.L7OK, outcome.status());
        assertEquals(List.of(first + " GET /one HTTP/1.0", second + " GET /two HTTP/1.0"), requests);
    }

    @Test
    void theFirstFailingExchangeEndsTheCheck() throws Exception {
        int first = serve("HTTP/1.0 503 Busy\r\n\r\n");
        int second = serve("HTTP/1.0 200 OK\r\n\r\n");
        CheckOutcome outcome = run(first, new HttpCheckRule.Connect(0), send("/one"),
                new HttpCheckRule.Connect(second), send("/two"));
        assertEquals(CheckStatus.L7STS, outcome.status(), "a send without expect must answer 2xx or 3xx");
        assertEquals("Busy", outcome.info());
        assertEquals(1, requests.size());
    }

    @Test
    void aRefusedSecondConnectionIsALayer4Problem() throws Exception {
        int first = serve("HTTP/1.0 200 OK\r\n\r\n");
        CheckOutcome outcome = run(first, new HttpCheckRule.Connect(0), send("/one"), new HttpCheckRule.Connect(1),
                send("/two"));
        assertEquals(CheckStatus.L4CON, outcome.status());
    }
}
