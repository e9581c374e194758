package dev.shuttle.stream;

import dev.shuttle.config.GlobalConfig;
import dev.shuttle.config.HttpSettings;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.TimeoutKind;
import dev.shuttle.config.Timeouts;
import dev.shuttle.h1.H1Request;
import dev.shuttle.h1.H1Settings;
import dev.shuttle.io.BufferPool;
import dev.shuttle.listener.ConnectionHandler;
import dev.shuttle.listener.Frontend;
import dev.shuttle.listener.Supervisor;
import dev.shuttle.mux.H1Connection;
import dev.shuttle.net.SocketAddresses;
import dev.shuttle.sample.ProcessInfo;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.VariableStore;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketAddress;

/**
 * One client connection in HTTP mode: reads requests one after the other and runs an
 * {@link HttpExchange} for each, as long as both sides keep the connection alive (HAProxy's
 * stream loop over an H1 connection). Timeouts: the first request must arrive within
 * {@code timeout http-request} (else {@code client}); a later one within {@code timeout
 * http-keep-alive} (else {@code http-request}, else {@code client}) for its first byte.
 */
public final class HttpSession implements ConnectionHandler {
    private final GlobalConfig global;
    private final SessionObserver observer;
    private final ProcessInfo process;
    private final VariableStore processVariables;
    private final BufferPool buffers;

    public HttpSession(GlobalConfig global, SessionObserver observer, ProcessInfo process,
                       VariableStore processVariables, BufferPool buffers) {
        this.global = global;
        this.observer = observer;
        this.process = process;
        this.processVariables = processVariables;
        this.buffers = buffers;
    }

    @Override
    public void handle(Socket client, Frontend frontend, String listenerName, Supervisor.Child child)
            throws IOException {
        SocketAddress clientAddress = SocketAddresses.remote(client);
        SocketAddress frontendAddress = SocketAddresses.local(client);
        SampleContext context = StreamContexts.create(clientAddress, frontendAddress, frontend, listenerName,
                process, processVariables);
        if (!StreamContexts.admit(context, frontend)) {
            return;
        }
        observer.started(frontend, client);
        ProxyConfig config = frontend.config();
        HttpSettings http = config.http();
        H1Settings settings = h1Settings(http, frontend);
        Timeouts timeouts = config.timeouts();
        long requestTimeout = timeouts.getOr(TimeoutKind.HTTP_REQUEST, TimeoutKind.CLIENT);
        long keepAliveTimeout = timeouts.isSet(TimeoutKind.HTTP_KEEP_ALIVE)
                ? timeouts.get(TimeoutKind.HTTP_KEEP_ALIVE) : requestTimeout;
        try (H1Connection connection = new H1Connection(client, settings, buffers);
             ServerLinks servers = new ServerLinks(child, settings, buffers)) {
            boolean first = true;
            while (serveOneRequest(connection, servers, frontend, context, clientAddress, frontendAddress,
                    first ? requestTimeout : keepAliveTimeout, requestTimeout, first)) {
                connection.idle();
                context.endExchange();
                first = false;
            }
        }
    }

    /**
     * Reads and serves one request; true when the connection may carry another. A method of its own
     * so that nothing of a finished exchange stays reachable from the frame of an idle connection.
     */
    private boolean serveOneRequest(H1Connection connection, ServerLinks servers, Frontend frontend,
                                    SampleContext context, SocketAddress clientAddress, SocketAddress frontendAddress,
                                    long idleTimeout, long requestTimeout, boolean first) throws IOException {
        long requestStart = System.currentTimeMillis();
        long startNanos = System.nanoTime();
        H1Connection.Incoming<H1Request> incoming = connection.readRequest(idleTimeout, requestTimeout, first);
        return new HttpExchange(frontend, connection, servers, context, clientAddress, frontendAddress, requestStart,
                startNanos, observer, first).run(incoming);
    }

    private H1Settings h1Settings(HttpSettings frontendHttp, Frontend frontend) {
        boolean unsafeResponse = frontend.backend().map(b -> b.config().http().acceptUnsafeResponse()).orElse(false);
        return new H1Settings(H1Settings.DEFAULTS.maxHeaders(), global.bufferSize(), global.maxRewrite(),
                frontendHttp.acceptUnsafeRequest(), unsafeResponse, false);
    }
}
