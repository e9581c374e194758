package dev.shuttle.backend;

import dev.shuttle.config.DynamicCookie;
import dev.shuttle.config.PersistenceCookie;
import dev.shuttle.net.Address;
import dev.shuttle.server.Server;
import java.util.List;
import java.util.Optional;

/**
 * A backend's dynamic cookies at run time (configuration.txt §4.2, "dynamic-cookie-key"; management.txt
 * §9.3, "set dynamic-cookie-key backend", "enable|disable dynamic-cookie backend"): whether they are
 * on, the key, and each server's value derived from them. A server whose line gives its own
 * {@code cookie} keeps it. Enabled without a key, the servers keep what they have, as in HAProxy.
 *
 * <p>Locking: confined to its backend's lock, which every method expects held.
 */
final class DynamicCookies {
    // Guarded by: the backend's lock
    private boolean enabled;
    // Guarded by: the backend's lock (null: no key)
    private String key;

    DynamicCookies(Optional<PersistenceCookie> cookie) {
        this.enabled = cookie.map(PersistenceCookie::dynamic).orElse(false);
        this.key = cookie.flatMap(PersistenceCookie::dynamicKey).orElse(null);
    }

    /** {@code set dynamic-cookie-key}: every server's value derived again (when they are on). */
    void setKeyLocked(String newKey, List<Server> servers) {
        key = newKey;
        servers.forEach(this::applyLocked);
    }

    /** {@code enable|disable dynamic-cookie}: derived again, or taken away from every server. */
    void setEnabledLocked(boolean on, List<Server> servers) {
        enabled = on;
        servers.forEach(this::applyLocked);
    }

    /** One server's value, after its address changed or once it is added. */
    void applyLocked(Server server) {
        boolean ownCookie = server.config().persistence().cookie().isPresent()
                && !server.config().persistence().cookieDerived();
        if (ownCookie) {
            return;
        }
        if (!enabled) {
            server.setCookieLocked(Optional.empty());
        } else if (key != null && server.address() instanceof Address.Inet inet) {
            server.setCookieLocked(DynamicCookie.derive(key, inet));
        }
    }
}
