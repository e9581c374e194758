package dev.shuttle.mux;

import dev.shuttle.io.InputBuffer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/**
 * One side of a byte tunnel: what the copy loops read and write ({@link TunnelSide}: its socket,
 * or an HTTP/2 stream), the bytes already read from it that the other side must get first (a
 * WebSocket frame sent right behind the upgrade request, say), and the output through which
 * anything already written to it (a 101 head) was buffered.
 *
 * @param socket  the side's socket; null for an HTTP/2 stream
 * @param pending bytes read from this side and not yet forwarded; null when none can be
 */
public record TunnelEnd(Socket socket, InputBuffer pending, OutputStream output, TunnelSide side) {
    /** A socket's side. */
    public TunnelEnd(Socket socket, InputBuffer pending, OutputStream output) {
        this(socket, pending, output, TunnelSide.of(socket));
    }

    /** A side whose output is the socket's own (TCP mode): nothing was written to it yet. */
    public static TunnelEnd of(Socket socket, InputBuffer pending) throws IOException {
        return new TunnelEnd(socket, pending, socket.getOutputStream());
    }
}
