package dev.shuttle.mux;

import java.io.IOException;
import java.net.Socket;

/** Makes the mux of a new server connection, with the protocol settings of the client side it serves. */
@FunctionalInterface
public interface ServerMuxFactory {
    ServerMux open(Socket socket) throws IOException;
}
