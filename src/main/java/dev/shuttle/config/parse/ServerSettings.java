package dev.shuttle.config.parse;

import dev.shuttle.config.ConnectionPooling;
import dev.shuttle.config.ServerProtocol;
import dev.shuttle.config.Socks4Settings;
import dev.shuttle.config.ServerHashKey;
import dev.shuttle.config.ServerQueueing;
import dev.shuttle.config.ServerPersistence;
import dev.shuttle.net.Address;
import dev.shuttle.sample.SampleExpression;
import java.util.Optional;

/**
 * The per-server settings that {@code default-server} presets and {@code server} lines override.
 * Mutable while a section is parsed; {@link #copy()} gives each server line its own.
 */
public final class ServerSettings {
    int weight = 1;
    int maxconn;
    /** {@code minconn}: 0 when not given. */
    int minconn;
    /** {@code maxqueue}: 0 for no limit. */
    int maxqueue;
    boolean disabled;
    boolean backup;
    Integer id;
    /** {@code hash-key}. */
    ServerHashKey hashKey = ServerHashKey.ID;
    int poolMaxIdle = ConnectionPooling.DEFAULTS.maxIdle();
    long poolPurgeDelayMillis = ConnectionPooling.DEFAULTS.purgeDelayMillis();
    int maxReuse = ConnectionPooling.DEFAULTS.maxReuse();
    int poolLowIdle = ConnectionPooling.DEFAULTS.lowIdle();
    boolean strictMaxconn;
    /** {@code proto}. */
    ServerProtocol protocol = ServerProtocol.BY_ALPN;
    /** {@code ws}, checked against the protocol once the server line is complete. */
    Optional<ServerWebSocketOption.Choice> websocket = Optional.empty();
    /** {@code slowstart}, in milliseconds; 0 for none. */
    long slowstartMillis;
    /** {@code pool-conn-name}, compiled in the server's section. */
    Optional<SampleExpression> connectionName = Optional.empty();
    /** {@code source} of the server line (or its default-server). */
    Optional<Address.Inet> source = Optional.empty();
    /** {@code socks4 <addr>:<port>} of the server line (or its default-server). */
    Optional<Address.Inet> socks4 = Optional.empty();
    /** {@code check-via-socks4}. */
    boolean checkViaSocks4;
    /** {@code ssl}, {@code verify}, {@code sni}... */
    TlsServerOptions tls = new TlsServerOptions();
    /** {@code send-proxy*}, {@code proxy-v2-options}, {@code set-proxy-v2-tlv-fmt}. */
    ProxyServerOptions proxy = new ProxyServerOptions();
    /** {@code check}, {@code inter}, {@code rise}, {@code fall}... */
    ServerCheckOptions check = new ServerCheckOptions();
    /** {@code cookie <value>}, or null. */
    String cookie;
    /** {@code redir <prefix>}, or null. */
    String redirect;
    /** {@code guid}: empty for none; never copied to another server. */
    String guid = "";

    ServerPersistence persistence() {
        return new ServerPersistence(Optional.ofNullable(cookie), Optional.ofNullable(redirect));
    }

    ConnectionPooling pooling() {
        return new ConnectionPooling(poolMaxIdle, poolPurgeDelayMillis, maxReuse, poolLowIdle, strictMaxconn, connectionName, source,
                new Socks4Settings(socks4, checkViaSocks4), protocol);
    }

    ServerQueueing queueing() {
        return new ServerQueueing(minconn, maxqueue);
    }

    public ServerSettings copy() {
        ServerSettings copy = new ServerSettings();
        copy.weight = weight;
        copy.maxconn = maxconn;
        copy.minconn = minconn;
        copy.maxqueue = maxqueue;
        copy.disabled = disabled;
        copy.backup = backup;
        copy.hashKey = hashKey;
        copy.poolMaxIdle = poolMaxIdle;
        copy.poolPurgeDelayMillis = poolPurgeDelayMillis;
        copy.maxReuse = maxReuse;
        copy.poolLowIdle = poolLowIdle;
        copy.strictMaxconn = strictMaxconn;
        copy.protocol = protocol;
        copy.websocket = websocket;
        copy.slowstartMillis = slowstartMillis;
        copy.connectionName = connectionName;
        copy.source = source;
        copy.socks4 = socks4;
        copy.checkViaSocks4 = checkViaSocks4;
        copy.tls = tls.copy();
        copy.proxy = proxy.copy();
        copy.check = check.copy();
        copy.cookie = cookie;
        copy.redirect = redirect;
        return copy;
    }
}
