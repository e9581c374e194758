package dev.shuttle.mux;

import dev.shuttle.config.Http2Tunables;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.h1.H1Settings;
import dev.shuttle.h2.Setting;
import dev.shuttle.io.IoServices;
import java.io.IOException;
import java.net.Socket;

/**
 * The server connections of a client connection's exchanges: HTTP/1.1 with the frontend's HTTP/1
 * settings and the backend's response options, or HTTP/2 with the {@code tune.h2.*} settings of server connections
 * ({@code tune.h2.be.initial-window-size}, {@code tune.h2.be.max-concurrent-streams},
 * {@code tune.h2.be.glitches-threshold}, {@code tune.h2.header-table-size},
 * {@code tune.h2.max-frame-size}; configuration.txt §3.2).
 */
public final class ServerMuxes implements ServerMuxFactory {
    /**
     * The {@code :scheme} of a request whose target has none (origin form): {@code https} whether
     * the connection is TLS or not, as HAProxy 3.5's HTTP/2 mux sends it.
     */
    private static final String ORIGIN_FORM_SCHEME = "https";

    private final H1Settings h1;
    private final IoServices io;
    private final Http2Tunables tunables;

    public ServerMuxes(H1Settings h1, IoServices io, Http2Tunables tunables) {
        this.h1 = h1;
        this.io = io;
        this.tunables = tunables;
    }

    /**
     * configuration.txt §4, "option accept-unsafe-violations-in-http-response": a backend option,
     * so the backend the connection belongs to decides, whatever the frontend's default backend says.
     */
    @Override
    public ServerMux open(Socket socket, ProxyConfig backend) throws IOException {
        H1Settings settings = h1.withAcceptUnsafeResponse(backend.http().acceptUnsafeResponse());
        return new H1ServerMux(new H1Connection(socket, settings, io));
    }

    @Override
    public ServerMux openHttp2(Socket socket, long serverTimeoutMillis) throws IOException {
        int bufferSize = h1.bufferSize();
        H2ServerConnection.Settings settings = new H2ServerConnection.Settings(bufferSize,
                (int) Math.min(Math.max(1, tunables.serverStreamWindow(bufferSize)), Setting.MAX_WINDOW),
                tunables.frameSize(bufferSize), tunables.headerTableSize(), tunables.serverConcurrentStreams(),
                ORIGIN_FORM_SCHEME, tunables.backGlitchesThreshold(), serverTimeoutMillis);
        return new H2ServerMux(H2ServerConnection.open(socket, settings));
    }
}
