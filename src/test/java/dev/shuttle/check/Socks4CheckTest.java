package dev.shuttle.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** check-via-socks4 at the probe: the outcomes HAProxy 3.5 reports for each proxy answer. */
class Socks4CheckTest {
    private static final CheckTimeouts TIMEOUTS = CheckTimeouts.of(300, 300, 300);
    private static final InetSocketAddress SERVER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);

    private static CheckOutcome check(byte[] reply, boolean answer) throws Exception {
        try (ServerSocket proxy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> played = CompletableFuture.runAsync(() -> {
                try (Socket socket = proxy.accept()) {
                    InputStream in = socket.getInputStream();
                    in.readNBytes(16);
                    if (answer) {
                        if (reply != null) {
                            socket.getOutputStream().write(reply);
                        }
                    } else {
                        in.read(); // silent until the check gives up
                    }
                } catch (Exception ignored) {
                    // the check resets its connection
                }
            });
            CheckPreamble preamble = CheckPreamble.throughSocks4(CheckPreamble.NONE,
                    (InetSocketAddress) proxy.getLocalSocketAddress());
            CheckOutcome outcome = new TcpConnectProbe(preamble).run(SERVER, TIMEOUTS);
            played.get();
            return outcome;
        }
    }

    @Test
    void aGrantedRequestIsALayer4Success() throws Exception {
        assertEquals(CheckStatus.L4OK, check(new byte[] {0, 0x5A, 0, 0, 0, 0, 0, 0}, true).status());
    }

    @Test
    void aRefusalIsASocketErrorWithHaproxysWords() throws Exception {
        CheckOutcome outcome = check(new byte[] {0, 0x5B, 0, 0, 0, 0, 0, 0}, true);
        assertEquals(CheckStatus.SOCKERR, outcome.status());
        assertEquals("SOCKS4 Proxy deny the request", outcome.info());
    }

    @Test
    void aProxyThatClosesIsASocketErrorToo() throws Exception {
        CheckOutcome outcome = check(null, true);
        assertEquals(CheckStatus.SOCKERR, outcome.status());
        assertEquals("SOCKS4 Proxy read error during handshake", outcome.info());
    }

    @Test
    void aSilentProxyIsALayer7Timeout() throws Exception {
        assertEquals(CheckStatus.L7TOUT, check(null, false).status());
    }

    @Test
    void anUnreachableProxyIsALayer4ConnectionProblem() throws Exception {
        InetSocketAddress closed;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = (InetSocketAddress) gone.getLocalSocketAddress();
        }
        CheckOutcome outcome = new TcpConnectProbe(CheckPreamble.throughSocks4(CheckPreamble.NONE, closed))
                .run(SERVER, TIMEOUTS);
        assertEquals(CheckStatus.L4CON, outcome.status());
    }

    @Test
    void aConnectRuleGoesThroughTheProxyWithViaSocks4Only() {
        InetSocketAddress proxy = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1080);
        CheckPreamble header = (local, server) -> new byte[] {1};
        CheckConnections server = connections(header, java.util.Optional.of(proxy));
        // connect default: the check's preamble (the header); via-socks4 adds the proxy
        assertEquals(java.util.Optional.empty(), server.route(connect(true, 0, false), SERVER).preamble().socks4Proxy());
        CheckPreamble both = server.route(connect(true, 0, true), SERVER).preamble();
        assertEquals(java.util.Optional.of(proxy), both.socks4Proxy());
        assertEquals(1, both.bytes(null, null)[0]);
        // an explicit connect without default: no header, the proxy only with via-socks4
        CheckPreamble other = server.route(connect(false, 81, true), SERVER).preamble();
        assertEquals(java.util.Optional.of(proxy), other.socks4Proxy());
        assertEquals(null, other.bytes(null, null));
        // via-socks4 on a server without socks4: a direct connection, as HAProxy
        CheckPreamble direct = connections(header, java.util.Optional.empty()).route(connect(false, 81, true), SERVER)
                .preamble();
        assertEquals(java.util.Optional.empty(), direct.socks4Proxy());
        assertEquals(null, direct.bytes(null, null));
        // check-via-socks4 routes the connects that take the server's settings (default, implicit) only
        CheckPreamble routed = CheckPreamble.throughSocks4(header, proxy);
        CheckConnections viaProxy = connections(routed, java.util.Optional.of(proxy));
        assertEquals(routed, viaProxy.route(connect(true, 0, true), SERVER).preamble());
        assertEquals(java.util.Optional.of(proxy),
                viaProxy.route(dev.shuttle.config.CheckConnect.IMPLICIT, SERVER).preamble().socks4Proxy());
        assertEquals(java.util.Optional.empty(), viaProxy.route(connect(false, 81, false), SERVER).preamble().socks4Proxy());
    }

    private static CheckConnections connections(CheckPreamble preamble, java.util.Optional<InetSocketAddress> socks4) {
        return new CheckConnections(false, java.util.Optional::empty, java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), preamble, preamble, socks4);
    }

    private static dev.shuttle.config.CheckConnect connect(boolean useDefaults, int port, boolean viaSocks4) {
        return new dev.shuttle.config.CheckConnect(useDefaults, port, java.util.Optional.empty(), 0, false, false,
                java.util.Optional.empty(), java.util.Optional.empty(), false, viaSocks4, false);
    }
}
