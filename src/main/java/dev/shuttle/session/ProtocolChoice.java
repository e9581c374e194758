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
 * mux has no ALPN name). In {@code http} mode, the protocol ALPN settled on chooses the mux among
 * those registered by name ({@link ApplicationProtocols}): today {@code http/1.1} and {@code
 * http/1.0} are the HTTP/1 mux, and a name no mux serves, or no ALPN at all, falls back to HTTP/1,
 * as HAProxy's {@code conn_get_best_mux()} falls back to the mode's default mux. The HTTP/2 mux
 * registers as {@code h2} when it lands (and the client's preface for cleartext HTTP/2 will be read
 * here too).
 */
public final class ProtocolChoice {
    private final SessionHandler tcp;
    private final SessionHandler http1;
    private final Map<String, SessionHandler> httpByAlpn = new HashMap<>();

    /**
     * @param tcp   serves {@code mode tcp} connections
     * @param http1 serves {@code mode http} connections, unless ALPN chose another registered protocol
     */
    public ProtocolChoice(SessionHandler tcp, SessionHandler http1) {
        this.tcp = tcp;
        this.http1 = http1;
        httpByAlpn.put(ApplicationProtocols.HTTP_1_1, http1);
        httpByAlpn.put(ApplicationProtocols.HTTP_1_0, http1);
    }

    SessionHandler handlerFor(Session session) {
        if (session.frontend().config().mode() != ProxyMode.HTTP) {
            return tcp;
        }
        Optional<String> negotiated = session.tls().flatMap(TlsConnection::alpn);
        return negotiated.map(protocol -> httpByAlpn.getOrDefault(protocol, http1)).orElse(http1);
    }
}
