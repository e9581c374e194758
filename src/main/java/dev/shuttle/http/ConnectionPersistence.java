package dev.shuttle.http;

import java.util.ArrayList;
import java.util.List;

/**
 * What the {@code Connection} header of an outgoing HTTP/1 message says about persistence
 * (RFC 9112 §9.3, §C.2.2): HTTP/1.1 persists unless {@code close} is said, HTTP/1.0 closes unless
 * {@code keep-alive} is said. The one place these rules live, for forwarded messages and for the
 * ones Shuttle writes itself. Pure functions.
 */
public final class ConnectionPersistence {
    private ConnectionPersistence() {}

    /**
     * The token a response carries: an HTTP/1.1 message says {@code close} when the connection
     * ends; {@code keep-alive} is said when it persists and the message or the client is HTTP/1.0
     * (haproxy 2.6's H1 layer, as observed). Null when nothing is to be said.
     */
    public static String responseToken(boolean http11Message, boolean http11Client, boolean close) {
        if (close) {
            return http11Message ? "close" : null;
        }
        return !http11Message || !http11Client ? "keep-alive" : null;
    }

    /** The token a request to a server carries, stating what its HTTP version does not imply. Null when none. */
    public static String requestToken(boolean http11, boolean close) {
        return http11 && close ? "close" : !http11 && !close ? "keep-alive" : null;
    }

    /** A {@code Connection} value without its {@code close} and {@code keep-alive} tokens (others are kept). */
    public static List<String> otherTokens(String value) {
        List<String> kept = new ArrayList<>();
        for (String item : value.split(",")) {
            String trimmed = item.trim();
            if (!trimmed.isEmpty() && !trimmed.equalsIgnoreCase("close") && !trimmed.equalsIgnoreCase("keep-alive")) {
                kept.add(trimmed);
            }
        }
        return kept;
    }
}
