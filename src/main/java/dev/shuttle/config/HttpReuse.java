package dev.shuttle.config;

import java.util.Optional;

/**
 * {@code http-reuse never|safe|aggressive|always} (configuration.txt §4.2, "http-reuse"): which
 * idle server connections a request may be sent over. HAProxy sorts a server's idle connections in
 * two lists: "idle" ones have carried one complete exchange, "safe" ones have been reused at least
 * once, proving that the server keeps its connections alive. The first request of a client
 * connection is special: if its server connection breaks, the client cannot know whether to retry,
 * while a browser silently retries a later request on a broken keep-alive connection.
 *
 * <pre>
 *                   first request          later requests
 *   never           own new connection     the session's own connection only
 *   safe            own new connection     idle list, then safe list
 *   aggressive      safe list              idle list, then safe list
 *   always          safe list, then idle   idle list, then safe list
 * </pre>
 *
 * Later requests try the idle list first: they can be retried, so they are the right ones to prove
 * an idle connection (HAProxy's backend.c, connect_server(), documents the same table).
 */
public enum HttpReuse {
    /** Connections are private to the client session that opened them (HAProxy marks them private). */
    NEVER,
    /** The default: only requests after the first of a session may take a shared connection. */
    SAFE,
    /** First requests may take connections that were already reused once. */
    AGGRESSIVE,
    /** First requests may take any idle connection. */
    ALWAYS;

    /** The keyword's argument, or empty for an unknown one. */
    public static Optional<HttpReuse> fromKeyword(String word) {
        return switch (word) {
            case "never" -> Optional.of(NEVER);
            case "safe" -> Optional.of(SAFE);
            case "aggressive" -> Optional.of(AGGRESSIVE);
            case "always" -> Optional.of(ALWAYS);
            default -> Optional.empty();
        };
    }

    /** Whether connections go to the server's shared pool at all. */
    public boolean shares() {
        return this != NEVER;
    }
}
