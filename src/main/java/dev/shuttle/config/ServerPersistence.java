package dev.shuttle.config;

import java.util.Optional;

/**
 * How a client finds its way back to one server (configuration.txt §5.2, "cookie" and "redir").
 *
 * @param cookie   the value of the backend's persistence cookie that names the server: given with
 *                 {@code cookie <value>}, or derived from {@code dynamic-cookie-key}; empty: none,
 *                 and a client sent to it loses its persistence
 * @param redirect {@code redir <prefix>}: GET and HEAD requests sent to the server are answered
 *                 with a 302 to the prefix followed by the request's path
 * @param cookieDerived whether the cookie comes from {@code dynamic-cookie-key} rather than the server
 *                 line (HAProxy's SRV_F_COOKIESET unset): the runtime API may derive it again
 */
public record ServerPersistence(Optional<String> cookie, Optional<String> redirect, boolean cookieDerived) {
    public static final ServerPersistence NONE = new ServerPersistence(Optional.empty(), Optional.empty());

    /** A cookie and a redirect given on the server line. */
    public ServerPersistence(Optional<String> cookie, Optional<String> redirect) {
        this(cookie, redirect, false);
    }

    /** With {@code cookie <value>} given on the server line. */
    public ServerPersistence withCookie(String value) {
        return new ServerPersistence(Optional.of(value), redirect, false);
    }

    /** With the cookie {@code dynamic-cookie-key} derives. */
    public ServerPersistence withDerivedCookie(String value) {
        return new ServerPersistence(Optional.of(value), redirect, true);
    }
}
