package dev.shuttle.session;

import dev.shuttle.io.InputBuffer;
import java.net.Socket;

/**
 * An accepted connection as it goes through the pipeline: the socket (which a TLS stage will wrap)
 * and the buffer its bytes are read into, which may already hold bytes that a stage read past what
 * it needed (a PROXY header's stage, a protocol choice by the client's preface). The mux reads on
 * from that same buffer.
 */
public record ClientConnection(Socket socket, InputBuffer input, Socket beneath) {
    /**
     * @param beneath the accepted socket beneath a TLS connection's {@code socket}, whose failures
     *                the readiness poller can watch (the TLS socket's own reads may hold decrypted
     *                bytes it cannot see); {@code socket} itself when there is no TLS
     */
    public ClientConnection {
    }

    /** A connection without TLS: its socket is the one beneath. */
    public ClientConnection(Socket socket, InputBuffer input) {
        this(socket, input, socket);
    }
}
