package dev.shuttle.backend;

import dev.shuttle.config.ProxySending;
import dev.shuttle.net.Address;
import dev.shuttle.sample.Sample;
import dev.shuttle.sample.SampleExpression;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.TerminationEvent;
import dev.shuttle.sample.TlsConnection;
import dev.shuttle.server.Server;
import dev.shuttle.tls.BackTls;
import dev.shuttle.tls.Established;
import dev.shuttle.tls.SocketBeneath;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * TLS to the servers of one client session's exchanges ({@code server ... ssl}): the SNI of each
 * request ({@code sni <expr>}, evaluated against the request's sample context), which the pool key
 * includes unless {@code pool-conn-name} names the connection ({@link ConnectionKeys}), and the
 * handshake that makes a new connection ready ({@link ServerTransport}), while the server uses TLS
 * ({@link Server#usesTls()}: {@code ssl}, then {@code set server ... ssl}); it also dials each request's
 * connection ({@link #dial}: a transparent server's destination, {@code set-bc-tos}). A server without
 * {@code ssl} is left plain. A {@code send-proxy*} server's new connection gets its PROXY header first
 * ({@link ProxyHeaders}), before any TLS, and the header is part of its pool key.
 *
 * <p>Owned by the client connection's thread, like the session's other server-side state.
 */
public final class ServerTls implements ServerTransport {
    private final TlsServers servers;
    private final SampleContext context;

    public ServerTls(TlsServers servers, SampleContext context) {
        this.servers = servers;
        this.context = context;
    }

    /** The SNI the current request sends to {@code server}: its {@code sni} expression's value, if not empty. */
    public Optional<String> serverName(Server server) {
        return server.usesTls() ? sni(server) : Optional.empty();
    }

    /** The value of the server's {@code sni} expression for the current request, if not empty, TLS or not. */
    Optional<String> sni(Server server) {
        Optional<SampleExpression> sni = server.config().tls().sni();
        if (sni.isEmpty()) {
            return Optional.empty();
        }
        return sni.get().evaluate(context).map(Sample::toText).filter(name -> !name.isEmpty());
    }

    /** Dials the request's destination (a transparent server's follows {@code set-dst}), with its {@code set-bc-tos}. */
    @Override
    public Socket dial(Server server, int clientPort, int timeoutMillis) throws IOException {
        context.terminationEvents().backConnectFailure(null); // a new attempt: a failed connect is its own
        return ServerDestinations.connect(server, ServerDestinations.address(server, context), clientPort,
                timeoutMillis, ServerDestinations.options(server, context.settings().backTos()));
    }

    @Override
    public Ready open(Server server, Socket connected, int timeoutMillis) throws IOException {
        // The PROXY header goes first, right after the TCP connect and before any TLS (issue 18).
        ProxySending proxy = server.config().proxySending();
        if (proxy.enabled()) {
            OutputStream out = connected.getOutputStream();
            out.write(ProxyHeaders.encode(proxy, context));
            out.flush();
        }
        // One volatile read: the runtime API may turn the server's TLS on or off (set server ... ssl).
        Optional<BackTls> tls = server.usesTls() ? servers.of(server) : Optional.empty();
        if (tls.isEmpty()) {
            return Ready.plain(connected);
        }
        Optional<String> sni = sni(server);
        Established established;
        Socket watched = BackTls.watched(connected);
        try {
            established = tls.get().handshake(watched, addressText(server.address(), connected), sni,
                    timeoutMillis);
        } catch (IOException e) {
            servers.counters().backFailed();
            throw handshakeFailed(e, (SocketBeneath) watched);
        }
        servers.counters().backHandshake(established.resumed());
        TlsConnection settled = TlsConnection.of(established.session(), established.serverName(),
                established.alpn(), established.resumed(), server.config().tls().certificate().orElse(""), 0, 0, 0,
                established.beneath());
        return new Ready(established.socket(), Optional.of(settled), servers.counters()::closed);
    }

    /**
     * Notes how the handshake failed for the termination events ({@code H6}, or the socket's
     * {@code F2}/{@code F3} when it met its end or an error) and returns the failure to throw: JSSE's
     * own verdict during a handshake (a record it cannot read, an alert) is a handshake failure
     * ({@code bc_err} {@code SSL_HANDSHAKE}, as 3.5 names a server that answers a ClientHello with
     * plain bytes; JSSE throws a bare {@code SSLException} there).
     */
    private IOException handshakeFailed(IOException failure, SocketBeneath beneath) {
        TerminationEvent event = beneath.failed() ? TerminationEvent.FD_RCV_ERR
                : beneath.ended() ? TerminationEvent.FD_SHUTR : TerminationEvent.HS_TRUNCATED_RCV_ERR;
        context.terminationEvents().backConnectFailure(event);
        if (failure instanceof SSLException && !(failure instanceof SSLHandshakeException) && !beneath.failed()) {
            SSLHandshakeException handshake = new SSLHandshakeException(failure.getMessage());
            handshake.initCause(failure);
            return handshake;
        }
        return failure;
    }

    /** The server's address as a key of the TLS session cache (with the port actually connected to). */
    private static String addressText(Address address, Socket connected) {
        return address.toString() + "#" + connected.getPort();
    }
}
