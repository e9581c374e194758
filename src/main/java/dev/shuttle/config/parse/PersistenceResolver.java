package dev.shuttle.config.parse;

import dev.shuttle.config.DynamicCookie;
import dev.shuttle.config.PersistenceCookie;
import dev.shuttle.config.ProxyMode;
import dev.shuttle.config.ServerConfig;
import dev.shuttle.net.Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The persistence settings of a proxy once all its lines are read: HAProxy's warnings for cookies
 * and redirect prefixes outside {@code mode http}, and the servers' dynamic cookies, derived only
 * now because the {@code cookie ... dynamic} line and the key may follow the servers
 * (configuration.txt §4.2, "dynamic-cookie-key").
 */
final class PersistenceResolver {
    private PersistenceResolver() {}

    static List<ServerConfig> resolve(ProxySection p, List<ServerConfig> servers, Diagnostics diagnostics) {
        PersistenceCookie cookie = p.http.cookie;
        if (p.mode != ProxyMode.HTTP) {
            if (cookie != null && p.kind.hasBackendCapability()) {
                diagnostics.emit(Diagnostics.Level.WARNING, "config : cookie will be ignored for " + p.describe()
                        + " (needs 'mode http').");
            }
            for (ServerConfig server : servers) {
                if (server.persistence().redirect().isPresent()) {
                    diagnostics.emit(Diagnostics.Level.ALERT, "config : " + p.describe()
                            + " : server cannot have cookie or redirect prefix in non-HTTP mode.");
                }
                if (server.persistence().cookie().isPresent()) {
                    diagnostics.emit(Diagnostics.Level.WARNING, "config : " + p.describe() + " : ignoring cookie for "
                            + "server '" + server.name() + "' as HTTP mode is disabled.");
                }
            }
            return servers;
        }
        if (cookie == null || !cookie.dynamic() || p.http.dynamicCookieKey == null) {
            return servers;
        }
        List<ServerConfig> resolved = new ArrayList<>(servers.size());
        Map<String, String> owners = new HashMap<>();
        for (ServerConfig server : servers) {
            if (server.persistence().cookie().isEmpty() && server.address() instanceof Address.Inet inet) {
                String value = dynamicCookie(p.http.dynamicCookieKey, inet);
                if (value != null) {
                    String other = owners.putIfAbsent(value, server.name());
                    if (other != null && !server.disabled()) {
                        diagnostics.emit(Diagnostics.Level.WARNING, "config : We generated two equal cookies for two "
                                + "different servers.\nPlease change the secret key for '" + p.name + "'.");
                    }
                    server = withCookie(server, value);
                }
            }
            resolved.add(server);
        }
        return resolved;
    }

    /** See {@link DynamicCookie}; null for a server that has no IP address yet. */
    static String dynamicCookie(String key, Address.Inet inet) {
        return DynamicCookie.derive(key, inet).orElse(null);
    }

    private static ServerConfig withCookie(ServerConfig s, String value) {
        return s.withPersistence(s.persistence().withDerivedCookie(value));
    }
}
