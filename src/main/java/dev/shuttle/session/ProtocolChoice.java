package dev.shuttle.session;

import dev.shuttle.config.ProxyMode;

/**
 * The last stage: which protocol the connection speaks, hence who serves it. Today the frontend's
 * {@code mode} decides: {@code tcp} is passed through, {@code http} is HTTP/1. HTTP/2 will be
 * chosen here too, by ALPN or by the client's preface.
 */
public final class ProtocolChoice {
    private final SessionHandler tcp;
    private final SessionHandler http1;

    /**
     * @param tcp   serves {@code mode tcp} connections
     * @param http1 serves {@code mode http} connections
     */
    public ProtocolChoice(SessionHandler tcp, SessionHandler http1) {
        this.tcp = tcp;
        this.http1 = http1;
    }

    SessionHandler handlerFor(Session session) {
        return session.frontend().config().mode() == ProxyMode.HTTP ? http1 : tcp;
    }
}
