package dev.shuttle.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.CheckConnect;
import dev.shuttle.tls.BackTls;
import dev.shuttle.tls.CertificateStore;
import dev.shuttle.tls.SessionCache;
import dev.shuttle.tls.TlsFiles;
import dev.shuttle.tls.TlsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How a check's connect step and the server's check settings make a connection (configuration.txt
 * §4 "tcp-check connect", §5.2 "check-ssl", "check-sni", "check-alpn"), and the L6 outcomes of a
 * handshake against servers that do not speak TLS.
 */
class CheckConnectionsTest {
    private static final InetSocketAddress CHECK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 8443);
    private static final CheckPreamble DEFAULT_HEADER = (local, server) -> new byte[] {'D'};
    private static final CheckPreamble REQUESTED_HEADER = (local, server) -> new byte[] {'R'};
    private ServerSocket listener;

    @AfterEach
    void close() throws IOException {
        if (listener != null) {
            listener.close();
        }
    }

    private static BackTls context() throws Exception {
        return new BackTls(TlsOptions.NONE, Optional.empty(), Optional.empty(), true, SessionCache.DEFAULTS,
                new CertificateStore(Map.of()), TlsFiles.NONE);
    }

    private static CheckConnections server(boolean tlsByDefault, BackTls context) {
        return new CheckConnections(tlsByDefault, () -> Optional.ofNullable(context), Optional.of("check.test"),
                Optional.of(List.of("x-chk")), Optional.of("auto.test"), DEFAULT_HEADER, REQUESTED_HEADER);
    }

    private static CheckConnect connect(boolean useDefaults, int port, String address, int addressPort, boolean ssl,
                                        String sni) {
        return new CheckConnect(useDefaults, port, Optional.ofNullable(address), addressPort, false, ssl,
                Optional.ofNullable(sni), Optional.empty(), false, false);
    }

    @Test
    void theStepsPortThenItsAddrsPortThenTheChecksOwn() throws Exception {
        CheckConnections connections = server(false, null);
        assertSame(CHECK, connections.route(CheckConnect.IMPLICIT, CHECK).target());
        assertEquals(new InetSocketAddress(CHECK.getAddress(), 81), connections.route(CheckConnect.port(81), CHECK).target());
        assertEquals(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 82),
                connections.route(connect(false, 0, "127.0.0.2", 82, false, null), CHECK).target());
        assertEquals(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 83),
                connections.route(connect(false, 83, "127.0.0.2", 82, false, null), CHECK).target());
        assertEquals(new InetSocketAddress(InetAddress.getByName("::1"), 8443),
                connections.route(connect(false, 0, "::1", 0, false, null), CHECK).target());
    }

    @Test
    void onlyAConnectWithTheServersSettingsTakesItsTlsAndHeader() throws Exception {
        BackTls tls = context();
        CheckConnections connections = server(true, tls);
        CheckRoute implicit = connections.route(CheckConnect.IMPLICIT, CHECK);
        assertEquals(Optional.of(new CheckRoute.Tls(tls, Optional.of("check.test"), List.of("x-chk"))), implicit.tls());
        assertSame(DEFAULT_HEADER, implicit.preamble());
        CheckRoute explicit = connections.route(CheckConnect.port(0), CHECK);
        assertTrue(explicit.tls().isEmpty());
        assertSame(CheckPreamble.NONE, explicit.preamble());
        CheckRoute withDefault = connections.route(connect(true, 0, null, 0, false, null), CHECK);
        assertEquals(Optional.of("check.test"), withDefault.tls().orElseThrow().sni());
    }

    /** set server ... ssl on|off: the connect with the server's settings asks for its TLS at each check. */
    @Test
    void theServersTlsIsAskedAtEachConnect() throws Exception {
        BackTls tls = context();
        java.util.concurrent.atomic.AtomicBoolean serverTls = new java.util.concurrent.atomic.AtomicBoolean(true);
        CheckConnections connections = new CheckConnections(serverTls::get, () -> Optional.of(tls), Optional.empty(),
                Optional.empty(), Optional.empty(), CheckPreamble.NONE, CheckPreamble.NONE, Optional.empty());
        assertTrue(connections.route(CheckConnect.IMPLICIT, CHECK).tls().isPresent());
        serverTls.set(false);
        assertTrue(connections.route(CheckConnect.IMPLICIT, CHECK).tls().isEmpty());
        serverTls.set(true);
        assertTrue(connections.route(CheckConnect.IMPLICIT, CHECK).tls().isPresent());
    }

    @Test
    void aStepsOwnSslSniAlpnAndSendProxyComeFirst() throws Exception {
        BackTls tls = context();
        CheckRoute route = server(false, tls).route(new CheckConnect(false, 0, Optional.empty(), 0, true, true,
                Optional.of("step.test"), Optional.of(List.of("h1x")), true, false), CHECK);
        assertEquals(Optional.of(new CheckRoute.Tls(tls, Optional.of("step.test"), List.of("h1x"))), route.tls());
        assertSame(REQUESTED_HEADER, route.preamble());
        assertTrue(route.linger());
        // An explicit ssl step without sni sends none: check-sni belongs to the server's settings.
        assertEquals(Optional.empty(), server(false, tls).route(connect(false, 0, null, 0, true, null), CHECK)
                .tls().orElseThrow().sni());
    }

    @Test
    void theAutomaticSniIsForTheImplicitConnectWithoutCheckSni() throws Exception {
        BackTls tls = context();
        CheckConnections withoutCheckSni = new CheckConnections(true, () -> Optional.of(tls), Optional.empty(),
                Optional.empty(), Optional.of("auto.test"), CheckPreamble.NONE, CheckPreamble.NONE);
        assertEquals(Optional.of("auto.test"), withoutCheckSni.route(CheckConnect.IMPLICIT, CHECK).tls().orElseThrow().sni());
        assertEquals(Optional.empty(), withoutCheckSni.route(connect(true, 0, null, 0, false, null), CHECK)
                .tls().orElseThrow().sni());
    }

    /** A server that answers {@code answer} (null: reads and says nothing) to whatever comes. */
    private InetSocketAddress serve(String answer) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!listener.isClosed()) {
                try (Socket socket = listener.accept()) {
                    InputStream in = socket.getInputStream();
                    in.read(new byte[4096]);
                    if (answer == null) {
                        Thread.sleep(2000);
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

    @Test
    void aServerThatDoesNotSpeakTlsIsAnInvalidLayer6Response() throws Exception {
        CheckOutcome outcome = new TcpConnectProbe(server(true, context()))
                .run(serve("HTTP/1.0 400 Bad request\r\n\r\n"), new CheckTimeouts(2000, -1));
        assertEquals(CheckOutcome.of(CheckStatus.L6RSP, "SSL handshake failure"), outcome);
    }

    @Test
    void aHandshakeThatDoesNotEndInTimeIsALayer6Timeout() throws Exception {
        CheckOutcome outcome = new TcpConnectProbe(server(true, context())).run(serve(null), new CheckTimeouts(300, -1));
        assertEquals(CheckOutcome.of(CheckStatus.L6TOUT, ""), outcome);
    }

    /** What the server's end of a check's connection sees when the check closes it: EOF (a FIN) or a reset. */
    private String closedBy(boolean linger) throws Exception {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket check = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        try (Socket server = listener.accept()) {
            TcpConnectProbe.close(check, linger);
            try {
                return server.getInputStream().read() < 0 ? "FIN" : "data";
            } catch (IOException e) {
                return "RST";
            }
        }
    }

    @Test
    void aCheckConnectionIsResetUnlessItsStepSaysLinger() throws Exception {
        assertEquals("RST", closedBy(false));
        listener.close();
        assertEquals("FIN", closedBy(true));
    }

    @Test
    void aPlainConnectCheckStaysLayer4() throws Exception {
        CheckOutcome outcome = new TcpConnectProbe(server(false, null)).run(serve(""), new CheckTimeouts(1000, -1));
        assertEquals(CheckStatus.L4OK, outcome.status());
    }
}
