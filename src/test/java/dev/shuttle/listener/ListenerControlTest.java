package dev.shuttle.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.Configuration;
import dev.shuttle.config.parse.ConfigLoader;
import dev.shuttle.config.parse.Diagnostics;
import dev.shuttle.config.parse.KeywordRegistry;
import dev.shuttle.config.parse.Variables;
import dev.shuttle.io.ReadinessPoller;
import dev.shuttle.net.Address;
import dev.shuttle.net.Address.Family;
import dev.shuttle.net.BindSocketOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime API's control of listeners (management.txt §9.3 "disable frontend", "enable
 * frontend", "set maxconn frontend"): a paused listener on a port of its own refuses connections
 * and listens again on the same port; one that cannot stop listening holds what it accepts; a
 * lowered maxconn holds new connections until they fit. The acceptor waits the JDK's way here, and
 * through a readiness poller in {@link ListenerControlPolledTest}.
 */
@Timeout(20)
class ListenerControlTest {
    @TempDir
    Path dir;
    private Listener listener;

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.stopAccepting();
        }
    }

    private Frontend frontend() throws IOException {
        Path file = dir.resolve("f.cfg");
        Files.writeString(file, """
                frontend fe
                    mode tcp
                    timeout client 1s
                    bind :8080
                """);
        Diagnostics diagnostics = Diagnostics.collecting();
        Configuration configuration = new ConfigLoader(KeywordRegistry.standard())
                .load(List.of(file), Variables.of(Map.of()), diagnostics)
                .orElseThrow(() -> new AssertionError(diagnostics.messages().toString()));
        return new Frontend(configuration.frontends().getFirst());
    }

    /** The poller the acceptor waits through, or null for the JDK's blocking accept. */
    ReadinessPoller poller() {
        return null;
    }

    /** A listener that answers "ok" to every connection, bound to {@code port} (0: the kernel's choice). */
    private Listener start(Frontend frontend, int port, List<ConnectionLimit> limits) throws IOException {
        ListeningEndpoint endpoint = Endpoints.bind(new Address.Inet("127.0.0.1", port, Family.ANY),
                BindSocketOptions.DEFAULTS).getFirst();
        if (poller() != null) {
            endpoint.acceptThrough(poller());
        }
        listener = new Listener(frontend, endpoint, "", limits, (client, acceptedNanos, fe, name, child) -> {
            client.getOutputStream().write("ok".getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
        });
        listener.start();
        return listener;
    }

    private static int port(Listener listener) {
        return ((InetSocketAddress) listener.endpoint().localAddress()).getPort();
    }

    /** Connects and reads the answer, "" when none comes within the wait. */
    private static String answer(int port, int waitMillis) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(waitMillis);
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (SocketTimeoutException e) {
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    @Test
    void aPausedListenerOnItsOwnPortRefusesThenListensAgain() throws Exception {
        Frontend frontend = frontend();
        Listener started = start(frontend, freePort(), List.of());
        int port = port(started);
        assertEquals("ok", answer(port, 2000));
        assertEquals(List.of(started), frontend.listeners());
        assertTrue(started.pause());
        assertFalse(started.pause());
        assertThrows(ConnectException.class, () -> answer(port, 2000));
        assertTrue(started.resume());
        assertFalse(started.resume());
        assertEquals("ok", answer(port, 2000));
    }

    @Test
    void aListenerThatCannotStopListeningHoldsWhatItAccepts() throws Exception {
        Listener started = start(frontend(), 0, List.of());
        int port = port(started);
        assertFalse(started.endpoint().canStopListening());
        assertTrue(started.pause());
        try (Socket held = new Socket("127.0.0.1", port)) {
            held.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, () -> held.getInputStream().read());
            assertTrue(started.resume());
            held.setSoTimeout(2000);
            assertEquals("ok", new String(held.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aLoweredMaxconnHoldsNewConnectionsUntilRaised() throws Exception {
        ConnectionLimit limit = new ConnectionLimit(0);
        Listener started = start(frontend(), 0, List.of(limit));
        int port = port(started);
        assertEquals("ok", answer(port, 2000));
        limit.setMax(0);
        assertEquals(0, limit.max());
        try (Socket held = new Socket("127.0.0.1", port)) {
            held.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, () -> held.getInputStream().read());
            limit.setMax(3);
            held.setSoTimeout(2000);
            assertEquals("ok", new String(held.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
        }
        assertEquals(3, limit.max());
        assertEquals(0, limit.configured());
    }

    @Test
    void aLimitCountsWhatIsInUseAcrossChanges() throws Exception {
        ConnectionLimit limit = new ConnectionLimit(2);
        limit.acquire();
        limit.acquire();
        assertEquals(2, limit.inUse());
        limit.setMax(1);
        assertEquals(2, limit.inUse());
        limit.release();
        limit.setMax(5);
        assertEquals(1, limit.inUse());
        assertEquals(5, limit.max());
        assertEquals(2, limit.configured());
    }
}
