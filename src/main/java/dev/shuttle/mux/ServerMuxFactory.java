package dev.shuttle.mux;

import dev.shuttle.config.ProxyConfig;
import java.io.IOException;
import java.net.Socket;

/** Makes the mux of a new server connection, with the protocol settings of the client side it serves. */
@FunctionalInterface
public interface ServerMuxFactory {
    /**
     * An HTTP/1.1 connection to a server of {@code backend}, whose options that govern responses
     * ({@code option accept-unsafe-violations-in-http-response}) it parses them with.
     */
    ServerMux open(Socket socket, ProxyConfig backend) throws IOException;

    /**
     * An HTTP/2 connection ({@code proto h2}, or ALPN settled on {@code h2}): the preface and
     * SETTINGS go out at once. {@code serverTimeoutMillis} is the backend's {@code timeout server}
     * (0: none): the connection's write deadline. A factory that has no HTTP/2 settings refuses.
     */
    default ServerMux openHttp2(Socket socket, long serverTimeoutMillis) throws IOException {
        throw new IOException("this client connection cannot open HTTP/2 server connections");
    }
}
