package dev.shuttle.sample;

import dev.shuttle.tls.SocketBeneath;

/**
 * The seven termination events logs the {@code term_events} fetch prints for a stream
 * (configuration.txt, "term_events"), one {@link TerminationEvents} log per entity, mapped onto
 * Shuttle's layers:
 *
 * <table>
 * <caption>HAProxy's entities and Shuttle's</caption>
 * <tr><th>HAProxy</th><th>letter</th><th>Shuttle</th></tr>
 * <tr><td>frontend connection</td><td>f</td><td>the client socket ({@code session.ClientConnection})</td></tr>
 * <tr><td>frontend mux connection</td><td>m</td><td>the client mux ({@code mux.H1ClientMux}, the TCP tunnel's client end)</td></tr>
 * <tr><td>frontend stream endpoint</td><td>e</td><td>the client stream of the exchange ({@code mux.ClientStream})</td></tr>
 * <tr><td>stream</td><td>s, S</td><td>the exchange ({@code stream.HttpExchange}, {@code stream.TcpSession}): its client side (s) and server side (S)</td></tr>
 * <tr><td>backend stream endpoint</td><td>E</td><td>the server stream ({@code mux.ServerStream})</td></tr>
 * <tr><td>backend mux connection</td><td>M</td><td>the server mux ({@code mux.H1ServerMux})</td></tr>
 * <tr><td>backend connection</td><td>F</td><td>the server socket ({@code backend.ServerConnection})</td></tr>
 * </table>
 *
 * <p>One object per client connection, owned by its thread, reached through
 * {@link SampleContext#terminationEvents()}. The client connection's and client mux's logs last as
 * long as the connection; the others start again with each exchange ({@link #beginStream}), and
 * print {@code -} while no stream exists ({@link #noStream}: an HTTP connection between requests).
 * Before the mux exists ({@code tcp-request connection|session} rules), only the client
 * connection's log exists: {@code {,-,-,-,-,-,-}}, as 3.5 prints it; {@link #muxStarted} ends that. Where
 * HAProxy keeps a server connection's logs across the exchanges that reuse it, Shuttle's start
 * again with each exchange. The backend mux and connection print {@code -} until the exchange has
 * a server connection, as HAProxy's do.
 */
public final class StreamTerminationEvents {
    private int frontConnection;
    private int frontMux = TerminationEvents.ABSENT;
    private int frontEndpoint = TerminationEvents.ABSENT;
    private int stream = TerminationEvents.ABSENT;
    private int backEndpoint = TerminationEvents.ABSENT;
    private int backMux = TerminationEvents.ABSENT;
    private int backConnection = TerminationEvents.ABSENT;
    /** Whether the client connection carries TLS (through JSSE), whose transport has its own events. */
    private boolean overTls;
    /** What the client's socket beneath its TLS meets (null: plain, or not watched). */
    private SocketBeneath frontBeneath;
    /** What the exchange's server connection's socket beneath its TLS meets; null while it is plain. */
    private SocketBeneath backBeneath;
    /** The event a failed server connect reports: the connect's own, or its TLS handshake's. */
    private TerminationEvent backConnectFailure = TerminationEvent.FD_CONNECT_ERR;
    /** Whether the stream's closing events are all reported already (a tunnel that ended by a timeout). */
    private boolean closeReported;

    /** The connection's mux exists (its stages are done): its log starts, still without a stream. */
    public void muxStarted() {
        if (frontMux == TerminationEvents.ABSENT) {
            frontMux = 0;
        }
    }

    /** A new exchange on the connection: the stream's and the server side's logs start empty. */
    public void beginStream() {
        muxStarted();
        closeReported = false;
        frontEndpoint = 0;
        stream = 0;
        backEndpoint = 0;
        backMux = TerminationEvents.ABSENT;
        backConnection = TerminationEvents.ABSENT;
        backBeneath = null;
    }

    /**
     * No stream exists for what the connection carries now (HTTP: no request head came, so HAProxy
     * made no stream): the stream's, server stream's and server connection's logs print {@code -}.
     */
    public void noStream() {
        muxStarted();
        frontEndpoint = TerminationEvents.ABSENT;
        stream = TerminationEvents.ABSENT;
        backEndpoint = TerminationEvents.ABSENT;
        backMux = TerminationEvents.ABSENT;
        backConnection = TerminationEvents.ABSENT;
    }

    /** The exchange has a server connection (made, being made, or reused): its logs exist from now on. */
    public void backConnectionOpened() {
        if (backConnection == TerminationEvents.ABSENT) {
            backConnection = 0;
            backMux = 0;
        }
    }

    /**
     * The client connection's TLS handshake succeeded: from now on its ends are the TLS
     * transport's too ({@link #frontConnection}).
     */
    public void overTls(boolean tls) {
        overTls = tls;
        frontBeneath = null;
    }

    /** As {@link #overTls(boolean)}, with what the socket beneath the client's TLS meets on its own. */
    public void overTls(SocketBeneath beneath) {
        overTls = true;
        frontBeneath = beneath;
    }

    /**
     * The exchange's server connection carries TLS ({@code beneath} watches its socket), or not
     * (null): its socket's events are then the transport's too, as on the client side.
     */
    public void backOverTls(SocketBeneath beneath) {
        backBeneath = beneath;
    }

    /**
     * A server connection's attempt begins ({@code event} null) or its TLS handshake failed, which
     * 3.5 reports, in place of the connect's error ({@code F7}), as the handshake layer's
     * ({@code H6}), or as the socket's end ({@code F2}) or error ({@code F3}) met during it
     * (ssl_sock's handshake error reports {@code H6} only on a connection whose socket neither
     * failed nor was shut).
     */
    public void backConnectFailure(TerminationEvent event) {
        backConnectFailure = event == null ? TerminationEvent.FD_CONNECT_ERR : event;
    }

    /** The event a failed server connect reports ({@link #backConnectFailure(TerminationEvent)}). */
    public TerminationEvent backConnectFailure() {
        return backConnectFailure;
    }

    /**
     * An event of the client socket. Over TLS, Shuttle reads through JSSE, which reports the end
     * of the TLS stream (a close_notify, or a TCP end JSSE takes for one) and hides the TCP FIN
     * beneath: an end of stream is the transport's ({@code x2}), preceded by the socket's
     * ({@code f2}) when the socket beneath read its end ({@link SocketBeneath#ended}): 3.5, checked
     * live, logs {@code {f2x2x1f1,...}} for a TLS tunnel whose client closes TCP without a
     * close_notify and {@code {x2x1f1,...}} with one. A shutdown first closes the transport
     * ({@code x1}: JSSE sends a close_notify), as 3.5's ssl_sock reports it. See
     * {@link #transportEvent} for errors.
     */
    public void frontConnection(TerminationEvent event) {
        if (overTls) {
            frontConnection = transportEvent(frontConnection, event, frontBeneath, false);
        } else {
            frontConnection = TerminationEvents.report(frontConnection, event, false);
        }
    }

    /**
     * A TCP connection (HAProxy's pass-through mux) closes after its client's socket failed: over
     * TLS, the transport still tries its close_notify ({@code x1}), and the socket reports its
     * error at that point ({@code fA}): 3.5, checked live, logs {@code {f3x3x1fA,...}} for a TLS
     * client that resets its TCP tunnel; over plain TCP nothing more ({@code {f3,...}}).
     */
    public void frontConnectionClosedAfterFailure() {
        if (overTls) {
            frontConnection = closedAfterFailure(frontConnection, frontBeneath, false);
        }
    }

    /**
     * The same for a TCP connection's server: 3.5, checked live, logs {@code {...,F3X3X1FA}} for a
     * TLS server that resets its TCP tunnel.
     */
    public void backConnectionClosedAfterFailure() {
        if (backBeneath != null && backConnection != TerminationEvents.ABSENT) {
            backConnection = closedAfterFailure(backConnection, backBeneath, true);
        }
    }

    /**
     * The close after a failure: the close_notify tried ({@code x1}), then the socket's error
     * ({@code fA}) when the socket failed, else its shutdown ({@code f1}): 3.5, checked live, logs
     * {@code {x3x1f1,...}} for a TLS client whose record does not decrypt (log difftest
     * term-events-tls-tcp-bad-record).
     */
    private static int closedAfterFailure(int log, SocketBeneath beneath, boolean server) {
        log = TerminationEvents.report(log, TerminationEvent.XPRT_SHUTW, server);
        boolean socketWorks = beneath != null && !beneath.failed();
        return TerminationEvents.report(log, socketWorks ? TerminationEvent.FD_SHUTW : TerminationEvent.FD_POLL_ERR,
                server);
    }

    /**
     * A socket event of a TLS connection, told apart into the socket's and the transport's as 3.5's
     * layers report them (ssl_sock reads and writes through the socket layer, which reports first):
     * an end of stream is {@code x2}, after {@code f2} when the socket read its end; a shutdown
     * {@code x1f1}; a receive or send error the transport's ({@code x3}, {@code x4}), after the
     * socket's ({@code f3}, {@code f4}) when the socket's own call failed: 3.5, checked live, logs
     * {@code f3x3} for a reset, and its ssl_sock reports a fatal alert or a record it cannot read as
     * the transport's error alone. Where the socket is not watched ({@code beneath} null), an error
     * is taken for the socket's and an end for a close_notify.
     */
    static int transportEvent(int log, TerminationEvent event, SocketBeneath beneath, boolean server) {
        return switch (event) {
            case FD_SHUTR -> TerminationEvents.report(beneath != null && beneath.ended()
                    ? TerminationEvents.report(log, TerminationEvent.FD_SHUTR, server) : log,
                    TerminationEvent.XPRT_SHUTR, server);
            case FD_SHUTW -> TerminationEvents.report(TerminationEvents.report(log, TerminationEvent.XPRT_SHUTW, server),
                    TerminationEvent.FD_SHUTW, server);
            case FD_RCV_ERR -> TerminationEvents.report(beneath == null || beneath.failed()
                    ? TerminationEvents.report(log, TerminationEvent.FD_RCV_ERR, server) : log,
                    TerminationEvent.XPRT_RCV_ERR, server);
            case FD_SND_ERR -> TerminationEvents.report(beneath == null || beneath.failed()
                    ? TerminationEvents.report(log, TerminationEvent.FD_SND_ERR, server) : log,
                    TerminationEvent.XPRT_SND_ERR, server);
            default -> TerminationEvents.report(log, event, server);
        };
    }

    public void frontMux(TerminationEvent event) {
        muxStarted();
        frontMux = TerminationEvents.report(frontMux, event, false);
    }

    public void frontEndpoint(TerminationEvent event) {
        if (frontEndpoint != TerminationEvents.ABSENT) {
            frontEndpoint = TerminationEvents.report(frontEndpoint, event, false);
        }
    }

    /** A stream event on its client side ({@code s}) or its server side ({@code S}). */
    public void stream(TerminationEvent event, boolean serverSide) {
        if (stream != TerminationEvents.ABSENT) {
            stream = TerminationEvents.report(stream, event, serverSide);
        }
    }

    public void backEndpoint(TerminationEvent event) {
        if (backEndpoint != TerminationEvents.ABSENT) {
            backEndpoint = TerminationEvents.report(backEndpoint, event, true);
        }
    }

    /** An event of the server mux; none is kept before the exchange has a server connection. */
    public void backMux(TerminationEvent event) {
        if (backMux != TerminationEvents.ABSENT) {
            backMux = TerminationEvents.report(backMux, event, true);
        }
    }

    /**
     * An event of the server socket; none is kept before the exchange has a server connection. Over
     * TLS it is the transport's too ({@link #transportEvent}), as on the client side.
     */
    public void backConnection(TerminationEvent event) {
        if (backConnection == TerminationEvents.ABSENT) {
            return;
        }
        if (backBeneath != null) {
            backConnection = transportEvent(backConnection, event, backBeneath, true);
        } else {
            backConnection = TerminationEvents.report(backConnection, event, true);
        }
    }

    /** The stream's closing events, down to both sockets, are reported: the exchange's end adds none. */
    public void closeReported() {
        closeReported = true;
    }

    public boolean isCloseReported() {
        return closeReported;
    }

    /** Whether the stream's first event was an interception (a rule answered the request itself). */
    public boolean streamIntercepted() {
        int first = stream;
        if (first == TerminationEvents.ABSENT || first == 0) {
            return false;
        }
        while ((first & 0xffffff00) != 0) {
            first >>>= 8;
        }
        TerminationEvent intercepted = TerminationEvent.STRM_INTERCEPTED;
        return first == ((intercepted.location().code() << 4) | intercepted.type());
    }

    /** Whether the stream logged an event on its server side (it then ended there already). */
    public boolean serverSideEnded() {
        if (stream == TerminationEvents.ABSENT) {
            return false;
        }
        int serverSideStream = TerminationEvent.Location.STRM.code() | 0x8;
        for (int shift = 0; shift < 32; shift += 8) {
            int event = (stream >>> shift) & 0xff;
            if (event != 0 && event >>> 4 == serverSideStream) {
                return true;
            }
        }
        return false;
    }

    /** Whether the client socket reported a receive or send error (HAProxy reports no shutdown after one). */
    public boolean frontConnectionFailed() {
        return socketFailed(frontConnection, 0);
    }

    /** The same for the server socket. */
    public boolean backConnectionFailed() {
        return backConnection != TerminationEvents.ABSENT && socketFailed(backConnection, 0x80);
    }

    /**
     * Whether a socket's log holds a receive or send error of the socket itself (a TLS layer's own
     * error leaves the socket able to shut: 3.5 logs {@code x3x1f1}); {@code side} is 0x80 for
     * the server side's events.
     */
    private static boolean socketFailed(int log, int side) {
        for (int shift = 0; shift < 32; shift += 8) {
            int event = (log >>> shift) & 0xff;
            if (event == (code(TerminationEvent.FD_RCV_ERR) | side) || event == (code(TerminationEvent.FD_SND_ERR) | side)) {
                return true;
            }
        }
        return false;
    }

    private static int code(TerminationEvent event) {
        return (event.location().code() << 4) | event.type();
    }

    public int frontConnectionLog() {
        return frontConnection;
    }

    public int streamLog() {
        return stream;
    }

    public int backConnectionLog() {
        return backConnection;
    }

    /** What {@code term_events} returns: the seven logs, client side first, in braces. */
    public String describe() {
        StringBuilder out = new StringBuilder(48).append('{');
        TerminationEvents.appendTo(out, frontConnection).append(',');
        TerminationEvents.appendTo(out, frontMux).append(',');
        TerminationEvents.appendTo(out, frontEndpoint).append(',');
        TerminationEvents.appendTo(out, stream).append(',');
        TerminationEvents.appendTo(out, backEndpoint).append(',');
        TerminationEvents.appendTo(out, backMux).append(',');
        return TerminationEvents.appendTo(out, backConnection).append('}').toString();
    }
}
