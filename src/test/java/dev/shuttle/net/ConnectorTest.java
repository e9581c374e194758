package dev.shuttle.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Outgoing TCP connections: a JDK channel of the server address's family, tuned before it connects. */
@Timeout(10)
class ConnectorTest {
    @Test
    void anIpv4ServerGetsAChannelSocketThatCarriesBytesBothWays() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             Socket socket = Connector.connect(new Address.Inet("127.0.0.1", server.getLocalPort(), Address.Family.ANY), 1_000);
             Socket accepted = server.accept()) {
            assertNotNull(socket.getChannel(), "a JDK channel, whose blocking calls park a virtual thread");
            InetSocketAddress local = (InetSocketAddress) socket.getChannel().getLocalAddress();
            assertTrue(local.getAddress() instanceof Inet4Address, local.toString());
            assertEquals(accepted.getPort(), local.getPort());
            socket.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
            assertEquals("ping", new String(accepted.getInputStream().readNBytes(4), StandardCharsets.US_ASCII));
            accepted.getOutputStream().write('!');
            assertEquals('!', socket.getInputStream().read());
        }
    }

    @Test
    void aSourceAddressIsBoundBeforeTheConnect() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ConnectOptions options = new ConnectOptions(Optional.of(new Address.Inet("127.0.0.2", 0, Address.Family.ANY)), -1);
            try (Socket socket = Connector.connect(new Address.Inet("127.0.0.1", server.getLocalPort(), Address.Family.ANY),
                    0, 1_000, options);
                 Socket accepted = server.accept()) {
                assertEquals("127.0.0.2", accepted.getInetAddress().getHostAddress());
                assertEquals("127.0.0.2", socket.getLocalAddress().getHostAddress());
            }
        }
    }

    @Test
    void aRefusedConnectIsAConnectException() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        assertThrows(ConnectException.class,
                () -> Connector.connect(new Address.Inet("127.0.0.1", port, Address.Family.ANY), 1_000));
    }

    @Test
    void onAVirtualThreadTheSocketKeepsBlockingSemanticsAndReadTimeouts() throws Exception {
        assertTrue(VirtualThreadSockets.available(), "the JDK internals are opened to the tests as to scripts/shuttle");
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread thread = Thread.ofVirtual().start(() -> {
                try (Socket socket = Connector.connect(new Address.Inet("127.0.0.1", server.getLocalPort(), Address.Family.ANY), 1_000);
                     Socket accepted = server.accept()) {
                    socket.setSoTimeout(100);
                    assertThrows(SocketTimeoutException.class, () -> socket.getInputStream().read(),
                            "nothing came: the read waits for its timeout");
                    accepted.getOutputStream().write('x');
                    assertEquals('x', socket.getInputStream().read(), "a read that blocks until a byte comes");
                    accepted.close();
                    assertEquals(-1, socket.getInputStream().read());
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            thread.join();
            if (failure.get() != null) {
                throw new AssertionError(failure.get());
            }
        }
    }
}
