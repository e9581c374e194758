package dev.shuttle.mux;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * One side of a {@link TcpTunnel} as the copy loops use it: a socket (TCP mode, an HTTP/1
 * connection after 101 or CONNECT), or an HTTP/2 stream whose DATA frames carry the tunnel's
 * bytes (RFC 9113 §8.5, RFC 8441).
 */
public interface TunnelSide {
    /**
     * Reads some bytes, waiting at most {@code timeoutMillis} (0: no limit).
     *
     * @return the count read, or -1 at the end of this side's input
     * @throws SocketTimeoutException when nothing came in time (the side stays usable)
     */
    int read(byte[] buffer, long timeoutMillis) throws IOException;

    /** Writes and sends at once. */
    void write(byte[] bytes, int offset, int length) throws IOException;

    /** Ends this side's output (a FIN, an END_STREAM); its input may go on. */
    void shutdownOutput() throws IOException;

    /** Ends both directions now: I/O blocked on this side fails. Never throws. */
    void close();

    /** A socket's side. */
    static TunnelSide of(Socket socket) {
        return new SocketSide(socket);
    }

    /** A socket as a tunnel side: its read timeout is set before each read. */
    record SocketSide(Socket socket) implements TunnelSide {
        @Override
        public int read(byte[] buffer, long timeoutMillis) throws IOException {
            socket.setSoTimeout((int) Math.min(timeoutMillis, Integer.MAX_VALUE));
            return socket.getInputStream().read(buffer);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            socket.getOutputStream().write(bytes, offset, length);
        }

        @Override
        public void shutdownOutput() throws IOException {
            socket.shutdownOutput();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already broken: nothing more to release
            }
        }
    }
}
