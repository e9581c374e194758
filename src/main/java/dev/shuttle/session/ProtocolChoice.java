package dev.shuttle.session;

import dev.shuttle.config.ApplicationProtocols;
import dev.shuttle.config.ProxyMode;
import dev.shuttle.sample.TlsConnection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last stage: which protocol the connection speaks, hence who serves it. The frontend's {@code
 * mode} decides first: {@code tcp} is passed through whatever TLS negotiated (HAProxy's pass-through
 * mux has no ALPN name). In {@code http} mode, a listener's {@code proto h1|h2} decides for all its
 * connections (HAProxy's {@code bind ... proto}: HTTP/2 with prior knowledge, or HTTP/1 that
 * answers the HTTP/2 preface 405); else the protocol
 * ALPN settled on chooses the mux among those registered by name ({@link ApplicationProtocols}:
 * {@code http/1.1}, {@code http/1.0}, {@code h2}), and a name no mux serves, or no ALPN at all,
 * falls back to HTTP/1, as HAProxy's {@code conn_get_best_mux()} falls back to the mode's default
 * mux, which switches to HTTP/2 when the connection starts with the client preface.
 */
public final class ProtocolChoice {
    private final SessionHandler tcp;
    private final SessionHandler http1;
    private final SessionHandler http2;
    /** HTTP/1 that answers the HTTP/2 preface 405 instead of switching: {@code proto h1}. */
    private final SessionHandler http1Only;
    private final Map<String, SessionHandler> httpByAlpn;
    /** The listener's {@code proto}, or null: the mode and ALPN choose. */
    private final SessionHandler forced;

    /**
     * @param tcp       serves {@code mode tcp} connections
     * @param http1     serves {@code mode http} connections, unless ALPN or the listener chose another
     *                  protocol (and switches to HTTP/2 on the client preface)
     * @param http2     serves HTTP/2 connections
     * @param http1Only serves the connections of a {@code proto h1} listener
     */
    public ProtocolChoice(SessionHandler tcp, SessionHandler http1, SessionHandler http2, SessionHandler http1Only) {
        this(tcp, http1, http2, http1Only, null);
    }

    /** Without HTTP/2 (tests): an {@code h2} listener or ALPN falls back to HTTP/1. */
    public ProtocolChoice(SessionHandler tcp, SessionHandler http1) {
        this(tcp, http1, http1, http1, null);
    }

    private ProtocolChoice(SessionHandler tcp, SessionHandler http1, SessionHandler http2, SessionHandler http1Only,
                           SessionHandler forced) {
        this.tcp = tcp;
        this.http1 = http1;
        this.http2 = http2;
        this.http1Only = http1Only;
        this.forced = forced;
        this.httpByAlpn = new HashMap<>();
        httpByAlpn.put(ApplicationProtocols.HTTP_1_1, http1);
        httpByAlpn.put(ApplicationProtocols.HTTP_1_0, http1);
        httpByAlpn.put(ApplicationProtocols.H2, http2);
    }

    /** The choice for a listener declared with {@code proto <muxProtocol>} (empty: none). */
    public ProtocolChoice forListener(String muxProtocol) {
        return switch (muxProtocol) {
            case "h2" -> new ProtocolChoice(tcp, http1, http2, http1Only, http2);
            case "h1" -> new ProtocolChoice(tcp, http1, http2, http1Only, http1Only);
            default -> this;
        };
    }

    SessionHandler handlerFor(Session session) {
        if (session.frontend().config().mode() != ProxyMode.HTTP) {
            return tcp;
        }
        if (forced != null) {
            return forced;
        }
        Optional<String> negotiated = session.tls().flatMap(TlsConnection::alpn);
        return negotiated.map(protocol -> httpByAlpn.getOrDefault(protocol, http1)).orElse(http1);
    }
}
