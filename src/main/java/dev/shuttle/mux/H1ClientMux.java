package dev.shuttle.mux;

import dev.shuttle.config.GlobalConfig;
import dev.shuttle.config.Http2Tunables;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.TimeoutKind;
import dev.shuttle.config.Timeouts;
import dev.shuttle.h1.H1Request;
import dev.shuttle.h1.H1Settings;
import dev.shuttle.h2.ConnectionPreface;
import dev.shuttle.http.ErrorResponses;
import dev.shuttle.io.InputBuffer;
import dev.shuttle.io.IoServices;
import dev.shuttle.listener.Frontend;
import dev.shuttle.listener.StreamPhase;
import dev.shuttle.listener.Supervisor;
import dev.shuttle.session.ClientConnection;
import dev.shuttle.session.Session;
import dev.shuttle.session.SessionHandler;
import java.io.IOException;
import java.util.function.Function;

/**
 * A client connection speaking HTTP/1.1 (HAProxy's mux_h1 on the frontend side): reads requests
 * one after the other and hands each, as a {@link ClientStream}, to the connection's exchanges,
 * as long as both sides keep the connection alive. Timeouts: the first request must arrive within
 * {@code timeout http-request} (else {@code client}); a later one within {@code timeout
 * http-keep-alive} (else {@code http-request}, else {@code client}) for its first byte.
 */
public final class H1ClientMux implements SessionHandler {
    /** How long a connection closed with request bytes unread waits for the client to leave first. */
    private static final long LINGER_MILLIS = 1000;
    /** {@code PRI * HTTP/2.0\r\n\r\n}: what an HTTP/1 head reader sees of the HTTP/2 preface. */
    private static final int PREFACE_HEAD = 18;

    private final HttpStreamHandler exchanges;
    private final IoServices io;
    private final Function<Frontend, H1Settings> settings;
    /** Serves a connection that starts with the HTTP/2 preface instead; null: answer it 405. */
    private final H2ClientMux http2;
    /** The {@code tune.h2.*} settings of HTTP/2 server connections. */
    private final Http2Tunables tunables;

    /**
     * @param exchanges serves the exchanges of each connection
     * @param settings  the HTTP/1 parsing settings of a frontend's connections, client and server side
     */
    public H1ClientMux(HttpStreamHandler exchanges, IoServices io, Function<Frontend, H1Settings> settings) {
        this(exchanges, io, settings, null, Http2Tunables.DEFAULTS);
    }

    /** @param tunables the {@code tune.h2.*} settings of the HTTP/2 server connections its exchanges open */
    public H1ClientMux(HttpStreamHandler exchanges, IoServices io, Function<Frontend, H1Settings> settings,
                       Http2Tunables tunables) {
        this(exchanges, io, settings, null, tunables);
    }

    private H1ClientMux(HttpStreamHandler exchanges, IoServices io, Function<Frontend, H1Settings> settings,
                        H2ClientMux http2, Http2Tunables tunables) {
        this.exchanges = exchanges;
        this.io = io;
        this.settings = settings;
        this.http2 = http2;
        this.tunables = tunables;
    }

    /**
     * This mux, handing a connection whose first bytes are the HTTP/2 client preface to {@code
     * http2}, as HAProxy's HTTP/1 mux upgrades such a connection on a clear-text bind without
     * {@code proto h1}.
     */
    public H1ClientMux upgradingTo(H2ClientMux http2) {
        return new H1ClientMux(exchanges, io, settings, http2, tunables);
    }

    /**
     * The HTTP/1 settings of a frontend's connections, client and server side: {@code tune.bufsize},
     * {@code tune.maxrewrite}, and the {@code accept-unsafe-violations-in-http-request} option of the
     * frontend. The {@code -response} option is a backend's: {@link ServerMuxes} sets it on each
     * server connection from the backend it belongs to.
     */
    public static H1Settings settings(GlobalConfig global, ProxyConfig frontend) {
        return new H1Settings(H1Settings.DEFAULTS.maxHeaders(), global.bufferSize(), global.maxRewrite(),
                frontend.http().acceptUnsafeRequest(), false, false);
    }

    @Override
    public void serve(Session session, ClientConnection client) throws IOException {
        Frontend frontend = session.frontend();
        H1Settings h1 = settings.apply(frontend);
        Timeouts timeouts = frontend.config().timeouts();
        long requestTimeout = timeouts.getOr(TimeoutKind.HTTP_REQUEST, TimeoutKind.CLIENT);
        long keepAliveTimeout = timeouts.isSet(TimeoutKind.HTTP_KEEP_ALIVE)
                ? timeouts.get(TimeoutKind.HTTP_KEEP_ALIVE) : requestTimeout;
        ErrorResponses errors = frontend.config().errors();
        try (H1Connection connection = new H1Connection(client.socket(), client.input(), h1, io)
                .failuresWatchedOn(client.beneath());
             HttpStreamHandler.ConnectionStreams streams = exchanges.open(session,
                     new ServerMuxes(h1, io, tunables))) {
            boolean first = true;
            Supervisor.Child child = session.child();
            // configuration.txt, "option idle-close-on-response": without it, a soft stop closes
            // idle connections at once (Supervisor.closeIdle); with it, they wait for one more
            // request, whose response closes them.
            boolean closeIdleOnStop = !frontend.config().isOptionSet("idle-close-on-response");
            while (true) {
                // Idle first, then the stop checked: a stop that began after this sees it idle.
                if (!child.idle(closeIdleOnStop) && !first) {
                    break;
                }
                session.live().phase(first ? StreamPhase.READING_REQUEST : StreamPhase.IDLE);
                if (!serveOneRequest(session, connection, streams, first ? requestTimeout : keepAliveTimeout,
                        requestTimeout, first, errors, child)) {
                    break;
                }
                connection.idle();
                first = false;
            }
            if (connection.input().buffered() > 0) {
                // A request refused before it was read whole (a head too large, bytes that are no
                // request): let the answer reach the client before the connection goes.
                connection.closeLingering(LINGER_MILLIS);
            }
        }
    }

    /** Whether the bytes read start with the HTTP/2 preface's request line and its empty line (RFC 9113 §3.4). */
    private static boolean startsWithHttp2Preface(H1Connection connection) {
        InputBuffer input = connection.input();
        return input.buffered() >= PREFACE_HEAD && ConnectionPreface.matchesStart(input.array(), input.start(),
                input.buffered());
    }

    /**
     * Reads and serves one request; true when the connection may carry another. A method of its own
     * so that nothing of a finished exchange stays reachable from the frame of an idle connection.
     */
    private boolean serveOneRequest(Session session, H1Connection connection,
                                    HttpStreamHandler.ConnectionStreams streams, long idleTimeout, long requestTimeout,
                                    boolean first, ErrorResponses errors, Supervisor.Child child)
            throws IOException {
        long startedAtMillis = System.currentTimeMillis();
        long startedNanos = System.nanoTime();
        H1Connection.Incoming<H1Request> incoming = connection.readRequest(idleTimeout, requestTimeout, first);
        child.idle(false);
        if (first && http2 != null && !(incoming instanceof H1Connection.Incoming.Message<H1Request>)
                && startsWithHttp2Preface(connection)) {
            http2.serveUpgraded(session, new ClientConnection(connection.socket(), connection.input()));
            return false;
        }
        return streams.serve(H1ClientStream.of(connection, incoming, startedAtMillis, startedNanos, first, errors));
    }
}
