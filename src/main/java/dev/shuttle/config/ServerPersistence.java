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
 */
public record ServerPersistence(Optional<String> cookie, Optional<String> redirect) {
    public static final ServerPersistence NONE = new ServerPersistence(Optional.empty(), Optional.empty());

    public ServerPersistence withCookie(String value) {
        return new ServerPersistence(Optional.of(value), redirect);
    }
}
