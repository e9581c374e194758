package dev.shuttle.config.parse;

import dev.shuttle.config.ConnectionPooling;

/**
 * The per-server settings that {@code default-server} presets and {@code server} lines override.
 * Mutable while a section is parsed; {@link #copy()} gives each server line its own.
 */
public final class ServerSettings {
    int weight = 1;
    int maxconn;
    boolean disabled;
    boolean backup;
    Integer id;
    int poolMaxIdle = ConnectionPooling.DEFAULTS.maxIdle();
    long poolPurgeDelayMillis = ConnectionPooling.DEFAULTS.purgeDelayMillis();
    int maxReuse = ConnectionPooling.DEFAULTS.maxReuse();
    int poolLowIdle = ConnectionPooling.DEFAULTS.lowIdle();
    /** {@code ssl}, {@code verify}, {@code sni}... */
    TlsServerOptions tls = new TlsServerOptions();
    /** {@code check}, {@code inter}, {@code rise}, {@code fall}... */
    ServerCheckOptions check = new ServerCheckOptions();

    ConnectionPooling pooling() {
        return new ConnectionPooling(poolMaxIdle, poolPurgeDelayMillis, maxReuse, poolLowIdle);
    }

    public ServerSettings copy() {
        ServerSettings copy = new ServerSettings();
        copy.weight = weight;
        copy.maxconn = maxconn;
        copy.disabled = disabled;
        copy.backup = backup;
        copy.poolMaxIdle = poolMaxIdle;
        copy.poolPurgeDelayMillis = poolPurgeDelayMillis;
        copy.maxReuse = maxReuse;
        copy.poolLowIdle = poolLowIdle;
        copy.tls = tls.copy();
        copy.check = check.copy();
        return copy;
    }
}
