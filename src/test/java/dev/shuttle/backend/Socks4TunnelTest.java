package dev.shuttle.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shuttle.net.Address;
import dev.shuttle.net.ConnectOptions;
import dev.shuttle.net.Socks4;
import dev.shuttle.sample.ConnectionError;
import dev.shuttle.sample.KnownConnectionError;
import dev.shuttle.sample.SocketErrors;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A connection through a SOCKS4 proxy played by a local socket: granted, refused, closed, silent. */
class Socks4TunnelTest {
    private static final InetSocketAddress DESTINATION = new InetSocketAddress(InetAddress.getLoopbackAddress(), 8080);

    /** A proxy that reads the request and answers {@code reply} (null: closes), then "origin" on success. */
    private static CompletableFuture<byte[]> proxy(ServerSocket listener, byte[] reply) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket socket = listener.accept()) {
                InputStream in = socket.getInputStream();
                byte[] request = in.readNBytes(16);
                OutputStream out = socket.getOutputStream();
                if (reply != null) {
                    out.write(reply);
                    out.write("origin".getBytes());
                    out.flush();
                    in.read(); // until the client closes
                }
                return request;
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
    }

    private static Address.Inet address(ServerSocket listener) {
        return new Address.Inet("127.0.0.1", listener.getLocalPort(), Address.Family.ANY);
    }

    @Test
    void aGrantedRequestLeavesTheDestinationsFirstByteNext() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<byte[]> request = proxy(listener, new byte[] {0, 0x5A, 0, 0, 0, 0, 0, 0});
            try (Socket socket = Socks4Tunnel.connect(address(listener), DESTINATION, 2000, ConnectOptions.NONE)) {
                assertArrayEquals("origin".getBytes(), socket.getInputStream().readNBytes(6));
                assertEquals(0, socket.getSoTimeout(), "the handshake's read timeout is lifted");
            }
            assertArrayEquals(Socks4.connectRequest(DESTINATION), request.get());
        }
    }

    @Test
    void aRefusalIsSocks4Deny() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            proxy(listener, new byte[] {0, 0x5B, 0, 0, 0, 0, 0, 0});
            KnownConnectionError error = assertThrows(KnownConnectionError.class,
                    () -> Socks4Tunnel.connect(address(listener), DESTINATION, 2000, ConnectOptions.NONE));
            assertEquals(ConnectionError.SOCKS4_DENY, error.error());
            assertEquals("SOCKS4 Proxy deny the request", error.getMessage());
            assertEquals(Optional.of(ConnectionError.SOCKS4_DENY), SocketErrors.of(error), "what bc_err says");
        }
    }

    @Test
    void aCloseBeforeTheWholeReplyIsSocks4Recv() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            proxy(listener, null);
            KnownConnectionError error = assertThrows(KnownConnectionError.class,
                    () -> Socks4Tunnel.connect(address(listener), DESTINATION, 2000, ConnectOptions.NONE));
            assertEquals(ConnectionError.SOCKS4_RECV, error.error());
        }
    }

    @Test
    void aSilentProxyIsAConnectTimeout() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // accepted by the kernel, never answered
            assertThrows(SocketTimeoutException.class,
                    () -> Socks4Tunnel.connect(address(listener), DESTINATION, 200, ConnectOptions.NONE));
        }
    }
}
