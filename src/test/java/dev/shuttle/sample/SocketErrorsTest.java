package dev.shuttle.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** Java's socket exceptions to HAProxy's connection errors, from real sockets where the JDK lets a test make them. */
class SocketErrorsTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void aRefusedConnectIsErefused() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, LOOPBACK)) {
            port = closed.getLocalPort();
        }
        IOException refused = assertThrows(IOException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(LOOPBACK, port), 1000);
            }
        });
        assertEquals(Optional.of(ConnectionError.EREFUSED), SocketErrors.of(refused));
        assertEquals(47, ConnectionError.EREFUSED.id());
    }

    @Test
    void aResetReadIsEresetAndAWriteAfterItEpipeOrEreset() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, LOOPBACK);
             Socket client = new Socket(LOOPBACK, listener.getLocalPort());
             Socket accepted = listener.accept()) {
            accepted.setSoLinger(true, 0);
            accepted.close(); // an RST
            InputStream in = client.getInputStream();
            IOException reset = assertThrows(IOException.class, () -> {
                for (int i = 0; i < 100 && in.read() >= 0; i++) {
                    Thread.sleep(10);
                }
                throw new EOFException("no reset seen");
            });
            assertEquals(Optional.of(ConnectionError.ERESET), SocketErrors.of(reset), reset.toString());
            OutputStream out = client.getOutputStream();
            IOException broken = assertThrows(IOException.class, () -> {
                for (int i = 0; i < 100; i++) {
                    out.write(new byte[1024]);
                    out.flush();
                    Thread.sleep(5);
                }
            });
            ConnectionError error = SocketErrors.of(broken).orElseThrow(() -> new AssertionError(broken));
            assertTrue(error == ConnectionError.EPIPE || error == ConnectionError.ERESET, broken.toString());
        }
    }

    @Test
    void messagesTheJdkTakesFromTheCLibrary() {
        assertEquals(ConnectionError.EPIPE, of(new SocketException("Broken pipe")));
        assertEquals(ConnectionError.EPIPE, of(new IOException("Broken pipe")));
        assertEquals(ConnectionError.ERESET, of(new IOException("Connection reset by peer")));
        assertEquals(ConnectionError.ERESET, of(new SocketException("Connection reset")));
        assertEquals(ConnectionError.EREFUSED, of(new ConnectException("Connection refused: connect")));
        assertEquals(ConnectionError.EUNREACH, of(new NoRouteToHostException("No route to host")));
        assertEquals(ConnectionError.EUNREACH, of(new SocketException("Network is unreachable")));
        assertEquals(ConnectionError.ENOBUFS, of(new SocketException("No buffer space available")));
        assertEquals(ConnectionError.ENOMEM, of(new SocketException("Cannot allocate memory")));
        assertEquals(ConnectionError.ENCONN, of(new SocketException("Transport endpoint is not connected")));
        assertEquals(ConnectionError.ENSOCK, of(new SocketException("Socket operation on non-socket")));
        assertEquals(ConnectionError.EBADF, of(new IOException("Bad file descriptor")));
        assertEquals(ConnectionError.EINVAL, of(new SocketException("Invalid argument")));
        assertEquals(ConnectionError.PROC_FDLIM, of(new SocketException("Too many open files")));
        assertEquals(ConnectionError.SYS_FDLIM, of(new SocketException("Too many open files in system")));
        assertEquals(ConnectionError.ADDR_INUSE, of(new BindException("Address already in use")));
        assertEquals(ConnectionError.FREE_PORTS, of(new BindException("Cannot assign requested address")));
    }

    @Test
    void otherSocketErrorsAreGeneral() {
        assertEquals(ConnectionError.SOCK_ERR, of(new ConnectException("Connection timed out")));
        assertEquals(ConnectionError.SOCK_ERR, of(new SocketException("Permission denied")));
    }

    @Test
    void tlsFailures() {
        assertEquals(ConnectionError.SSL_HANDSHAKE, of(new SSLHandshakeException("no cipher suites in common")));
        assertEquals(ConnectionError.SSL_FATAL, of(new SSLException("Tag mismatch")));
    }

    @Test
    void timeoutsAndCleanClosesAreNoErrors() {
        assertEquals(Optional.empty(), SocketErrors.of(new SocketTimeoutException("Read timed out")));
        assertEquals(Optional.empty(), SocketErrors.of(new EOFException()));
        assertEquals(Optional.empty(), SocketErrors.of(new ClosedChannelException()));
        assertEquals(Optional.empty(), SocketErrors.of(new SocketException("Socket closed")));
        assertEquals(Optional.empty(), SocketErrors.of(new IOException("interrupted while waiting")));
    }

    @Test
    void theCauseIsLookedAt() {
        assertEquals(ConnectionError.ERESET, of(new IOException("write failed", new SocketException("Connection reset"))));
        // A timeout wrapping nothing precise stays no error.
        assertEquals(Optional.empty(), SocketErrors.of(new IOException("x", new SocketTimeoutException("t"))));
    }

    @Test
    void theTableIsThe35BinarysNumbering() {
        // Checked live against HAProxy 3.5: a refused connect gives bc_err 47, a reset 48.
        assertEquals(43, ConnectionError.SSL_FATAL.id());
        assertEquals(44, ConnectionError.QMUX.id());
        assertEquals(46, ConnectionError.POLLERR.id());
        assertEquals(48, ConnectionError.ERESET.id());
        assertEquals(57, ConnectionError.EPIPE.id());
        assertEquals(58, ConnectionError.SSL_KEYUPDATE.id());
        assertEquals(Optional.empty(), ConnectionError.QMUX.symbolicName());
        assertEquals(Optional.of("EPIPE"), ConnectionError.EPIPE.symbolicName());
        int expected = 1;
        for (ConnectionError error : ConnectionError.values()) {
            assertEquals(expected++, error.id(), error.name());
        }
    }

    private static ConnectionError of(Throwable failure) {
        return SocketErrors.of(failure).orElseThrow(() -> new AssertionError("no error for " + failure));
    }
}
