package dev.shuttle.backend;

import dev.shuttle.config.ProxySending;
import dev.shuttle.config.TlsServerSettings;
import dev.shuttle.net.Address;
import dev.shuttle.sample.Sample;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.SampleExpression;
import dev.shuttle.server.ConnectionHash;
import dev.shuttle.server.Server;
import java.util.List;
import java.util.Optional;

/**
 * The pool key ({@link ConnectionHash}) of the connection a request needs, from what the request
 * settled: the server and its destination, the connection's name and the ALPN protocols a TLS
 * server is offered. Two requests with the same key may share a connection; two with different
 * keys never do (configuration.txt, "http-reuse"; seed 000). A transparent server's destination is
 * the request's ({@link ServerDestinations}), a TOS set by {@code set-bc-tos} is part of the key, and
 * so is the PROXY header a {@code send-proxy*} server's connection starts with.
 *
 * <p>The name is {@code pool-conn-name}'s value, evaluated against the request's sample context,
 * when the server has one (configuration.txt, "pool-conn-name"), else the SNI a TLS server is sent
 * ({@link ServerTls#serverName}). A request whose server has neither name nor TLS gets the
 * server's own precomputed hash: nothing is evaluated or mixed on that path. A TLS connection's key
 * is apart from a plain one's, so that after {@code set server ... ssl on|off} a connection of the
 * old kind is never reused.
 *
 * <p>Owned by the client connection's thread, like the session's other server-side state.
 */
public final class ConnectionKeys {
    private final SampleContext context;
    private final ServerTls tls;

    /** @param tls the SNI of TLS servers; null when the session never talks TLS to a server */
    public ConnectionKeys(SampleContext context, ServerTls tls) {
        this.context = context;
        this.tls = tls;
    }

    /**
     * The key of a connection for the current request to {@code server}, for a client that reached
     * {@code clientPort}; a {@code send-proxy*} server's includes the PROXY header the connection
     * would start with, so that it is never shared by two clients (issue 18).
     */
    public long hash(Server server, int clientPort) {
        return hash(server, clientPort, server.usesTls());
    }

    /**
     * The key of a connection made for the current request, {@code tls} telling whether it speaks
     * TLS: what it was opened with, even if {@code set server ... ssl} changed the server since.
     */
    public long hash(Server server, int clientPort, boolean tls) {
        long key = withoutProxyHeader(server, clientPort, tls);
        ProxySending proxy = server.config().proxySending();
        return proxy.enabled() ? ConnectionHash.withProxyHeader(key, ProxyHeaders.encode(proxy, context)) : key;
    }

    private long withoutProxyHeader(Server server, int clientPort, boolean usesTls) {
        long base = server.isTransparent() ? transparentHash(server) : server.connectionHash(clientPort);
        int tos = context.settings().backTos();
        if (tos >= 0) {
            base = new ConnectionHash.Builder(base).tos(tos).build();
        }
        Optional<SampleExpression> named = server.config().pooling().connectionName();
        if (named.isEmpty() && !usesTls) {
            return base;
        }
        Optional<String> name = named.isPresent() ? named.get().evaluate(context).map(Sample::toText)
                : this.tls == null || !usesTls ? Optional.empty() : this.tls.sni(server);
        if (!usesTls) {
            return ConnectionHash.withName(base, name, List.of());
        }
        TlsServerSettings settings = server.config().tls();
        return ConnectionHash.withName(new ConnectionHash.Builder(base).tls().build(), name, settings.alpn());
    }

    /** A transparent server's key follows the request's destination (its server's own when it has none). */
    private long transparentHash(Server server) {
        Optional<Address> destination = ServerDestinations.transparent(server, context);
        return destination.isPresent()
                ? server.connectionHashTo(destination.get(), ServerDestinations.port(destination.get()))
                : server.connectionHash(0);
    }
}
