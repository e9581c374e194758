package dev.shuttle.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.io.InputBuffer;
import dev.shuttle.session.ClientConnection;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The bytes a TCP client had sent when no server connection came ({@code %U}, as HAProxy 3.5 logs
 * term-tcp-server-down): those already buffered and those waiting in the socket, taken without
 * ever waiting for more.
 */
class ArrivedClientBytesTest {

    @Test
    void countsWhatTheSocketHoldsAndTheBufferKept() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(listener.getInetAddress(), listener.getLocalPort());
             Socket accepted = listener.accept()) {
            InputBuffer input = new InputBuffer(accepted.getInputStream(), 1024);
            OutputStream out = client.getOutputStream();
            out.write("pi".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            input.require(2); // what the content rules had read
            out.write("ng\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            awaitAvailable(accepted, 3);
            assertEquals(5, ArrivedClientBytes.take(new ClientConnection(accepted, input)));
            assertEquals(5, input.buffered());
        }
    }

    /** A client that sent nothing: the answer is 0 at once, no read waits for a byte that may never come. */
    @Test
    void nothingSentIsZeroWithoutWaiting() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(listener.getInetAddress(), listener.getLocalPort());
             Socket accepted = listener.accept()) {
            InputBuffer input = new InputBuffer(accepted.getInputStream(), 1024);
            assertEquals(0, ArrivedClientBytes.take(new ClientConnection(accepted, input)));
        }
    }

    /** A client that sent then closed: its bytes count, its end is not an error. */
    @Test
    void bytesBeforeTheClientClosedCount() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket accepted = acceptAfterSendingAndClosing(listener, "ping\n")) {
            InputBuffer input = new InputBuffer(accepted.getInputStream(), 1024);
            awaitAvailable(accepted, 5);
            assertEquals(5, ArrivedClientBytes.take(new ClientConnection(accepted, input)));
        }
    }

    private static Socket acceptAfterSendingAndClosing(ServerSocket listener, String text) throws IOException {
        try (Socket client = new Socket(listener.getInetAddress(), listener.getLocalPort())) {
            client.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
            return listener.accept();
        }
    }

    /** Waits until the kernel holds {@code count} bytes for {@code socket} (loopback delivers them at once). */
    private static void awaitAvailable(Socket socket, int count) throws IOException {
        while (socket.getInputStream().available() < count) {
            Thread.onSpinWait();
        }
    }
}
