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
        // its own address: the check's preamble (the header); via-socks4 adds the proxy
        assertEquals(java.util.Optional.empty(), CheckPreamble.forConnectRule(header, true, false,
                java.util.Optional.of(proxy)).socks4Proxy());
        CheckPreamble both = CheckPreamble.forConnectRule(header, true, true, java.util.Optional.of(proxy));
        assertEquals(java.util.Optional.of(proxy), both.socks4Proxy());
        assertEquals(1, both.bytes(null, null)[0]);
        // another port: no header, the proxy only with via-socks4
        CheckPreamble other = CheckPreamble.forConnectRule(header, false, true, java.util.Optional.of(proxy));
        assertEquals(java.util.Optional.of(proxy), other.socks4Proxy());
        assertEquals(null, other.bytes(null, null));
        // via-socks4 on a server without socks4: a direct connection, as HAProxy
        assertEquals(CheckPreamble.NONE, CheckPreamble.forConnectRule(header, false, true, java.util.Optional.empty()));
        // check-via-socks4 already routes the check's own connection: it stays as it is
        CheckPreamble routed = CheckPreamble.throughSocks4(header, proxy);
        assertEquals(routed, CheckPreamble.forConnectRule(routed, true, true, java.util.Optional.of(proxy)));
    }
}
