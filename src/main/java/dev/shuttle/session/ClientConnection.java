package dev.shuttle.session;

import dev.shuttle.io.InputBuffer;
import java.net.Socket;

/**
 * An accepted connection as it goes through the pipeline: the socket (which a TLS stage will wrap)
 * and the buffer its bytes are read into, which may already hold bytes that a stage read past what
 * it needed (a PROXY header's stage, a protocol choice by the client's preface). The mux reads on
 * from that same buffer.
 */
public record ClientConnection(Socket socket, InputBuffer input) {}
