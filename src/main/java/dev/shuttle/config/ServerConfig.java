package dev.shuttle.config;

import dev.shuttle.lang.SourceLocation;
import dev.shuttle.net.Address;

/**
 * One {@code server} line of a backend, with the settings inherited from {@code default-server}.
 *
 * @param id       the numeric id, given with {@code id} or numbered in order from 1
 * @param weight   relative share of the traffic, 0 to 256 (configuration.txt, "weight"), default 1
 * @param maxconn  concurrent connections at most; 0 = no limit
 * @param backup   used only when no active server is usable
 * @param pooling  what happens to its idle connections ({@code pool-max-conn}, {@code pool-purge-delay}, {@code max-reuse})
 * @param tls      whether and how its connections use TLS ({@code ssl}, {@code verify}, {@code sni}...)
 * @param proxySending whether its connections start with a PROXY header ({@code send-proxy*})
 * @param check    its health checks ({@code check}, {@code inter}, {@code rise}, {@code fall}...)
 * @param queueing its dynamic limit and queue bound ({@code minconn}, {@code maxqueue})
 * @param hashKey  what places it on a consistent-hash ring ({@code hash-key})
 * @param persistence its persistence cookie value and redirect prefix ({@code cookie}, {@code redir})
 * @param slowstartMillis {@code slowstart}: how long its ramp lasts after it comes back up; 0 for none
 */
public record ServerConfig(SourceLocation where, String name, Address address, int id, int weight, int maxconn,
                           boolean disabled, boolean backup, ConnectionPooling pooling, TlsServerSettings tls,
                           ProxySending proxySending, ServerCheckSettings check, ServerQueueing queueing,
                           ServerHashKey hashKey, ServerPersistence persistence, long slowstartMillis,
                           String guid) {
    /** A server without a {@code guid}. */
    public ServerConfig(SourceLocation where, String name, Address address, int id, int weight, int maxconn,
                        boolean disabled, boolean backup, ConnectionPooling pooling, TlsServerSettings tls,
                        ProxySending proxySending, ServerCheckSettings check, ServerQueueing queueing,
                        ServerHashKey hashKey, ServerPersistence persistence, long slowstartMillis) {
        this(where, name, address, id, weight, maxconn, disabled, backup, pooling, tls, proxySending, check,
                queueing, hashKey, persistence, slowstartMillis, "");
    }

    /** A server with only a dynamic limit or queue bound among the balancing settings. */
    public ServerConfig(SourceLocation where, String name, Address address, int id, int weight, int maxconn,
                        boolean disabled, boolean backup, ConnectionPooling pooling, TlsServerSettings tls,
                        ProxySending proxySending, ServerCheckSettings check, ServerQueueing queueing) {
        this(where, name, address, id, weight, maxconn, disabled, backup, pooling, tls, proxySending, check,
                queueing, ServerHashKey.ID, ServerPersistence.NONE, 0);
    }

    /** A server with only a {@code hash-key} among the balancing settings. */
    public ServerConfig(SourceLocation where, String name, Address address, int id, int weight, int maxconn,
                        boolean disabled, boolean backup, ConnectionPooling pooling, TlsServerSettings tls,
                        ProxySending proxySending, ServerCheckSettings check, ServerHashKey hashKey) {
        this(where, name, address, id, weight, maxconn, disabled, backup, pooling, tls, proxySending, check,
                ServerQueueing.NONE, hashKey, ServerPersistence.NONE, 0);
    }

    /** A server with only a persistence cookie or redirect prefix among the balancing settings. */
    public ServerConfig(SourceLocation where, String name, Address address, int id, int weight, int maxconn,
                        boolean disabled, boolean backup, ConnectionPooling pooling, TlsServerSettings tls,
                        ProxySending proxySending, ServerCheckSettings check, ServerPersistence persistence) {
        this(where, name, address, id, weight, maxconn, disabled, backup, pooling, tls, proxySending, check,
                ServerQueueing.NONE, ServerHashKey.ID, persistence, 0);
    }

    /** A server with the default balancing settings (static maxconn, id as hash key, no cookie, no slowstart). */
    public ServerConfig(SourceLocation where, String name, Address address, int id, int weight, int maxconn,
                        boolean disabled, boolean backup, ConnectionPooling pooling, TlsServerSettings tls,
                        ProxySending proxySending, ServerCheckSettings check) {
        this(where, name, address, id, weight, maxconn, disabled, backup, pooling, tls, proxySending, check,
                ServerQueueing.NONE, ServerHashKey.ID, ServerPersistence.NONE, 0);
    }

    /** A server that sends no PROXY header and has no health checks. */
    public ServerConfig(SourceLocation where, String name, Address address, int id, int weight, int maxconn,
                        boolean disabled, boolean backup, ConnectionPooling pooling, TlsServerSettings tls) {
        this(where, name, address, id, weight, maxconn, disabled, backup, pooling, tls, ProxySending.NONE,
                ServerCheckSettings.NONE);
    }

    /** A server without health checks. */
    public ServerConfig(SourceLocation where, String name, Address address, int id, int weight, int maxconn,
                        boolean disabled, boolean backup, ConnectionPooling pooling, TlsServerSettings tls,
                        ProxySending proxySending) {
        this(where, name, address, id, weight, maxconn, disabled, backup, pooling, tls, proxySending,
                ServerCheckSettings.NONE);
    }

    /** A server without TLS. */
    public ServerConfig(SourceLocation where, String name, Address address, int id, int weight, int maxconn,
                        boolean disabled, boolean backup, ConnectionPooling pooling) {
        this(where, name, address, id, weight, maxconn, disabled, backup, pooling, TlsServerSettings.NONE);
    }

    /** A server with the default pooling settings. */
    public ServerConfig(SourceLocation where, String name, Address address, int id, int weight, int maxconn,
                        boolean disabled, boolean backup) {
        this(where, name, address, id, weight, maxconn, disabled, backup, ConnectionPooling.DEFAULTS);
    }

    /**
     * Whether its health checks use TLS (configuration.txt §5.2, "check-ssl", "ssl", HAProxy 3.5's
     * init_srv_check()): with {@code check-ssl}; else, when they go to its own address (neither
     * {@code port} nor {@code addr}), as its traffic does ({@code ssl}) unless {@code no-check-ssl}.
     */
    public boolean checksUseTls() {
        return checksUseTls(tls.enabled());
    }

    /**
     * The same, for a server whose traffic uses TLS or not now ({@code trafficTls}, which {@code set
     * server ... ssl} changes at run time; 3.5's srv_set_ssl() moves the check's transport with it only
     * under the same conditions).
     */
    public boolean checksUseTls(boolean trafficTls) {
        if (tls.checkSsl()) {
            return true;
        }
        boolean ownAddress = check.port() == 0 && check.address().isEmpty();
        return ownAddress && trafficTls && !tls.noCheckSsl();
    }

    /** The same server with another numeric id (a server added at runtime gets the first free one). */
    public ServerConfig withId(int newId) {
        return new ServerConfig(where, name, address, newId, weight, maxconn, disabled, backup, pooling, tls,
                proxySending, check, queueing, hashKey, persistence, slowstartMillis, guid);
    }

    /** The same server with other persistence settings (its cookie value), everything else kept. */
    public ServerConfig withPersistence(ServerPersistence newPersistence) {
        return new ServerConfig(where, name, address, id, weight, maxconn, disabled, backup, pooling, tls,
                proxySending, check, queueing, hashKey, newPersistence, slowstartMillis, guid);
    }
}
