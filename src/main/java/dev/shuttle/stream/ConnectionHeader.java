package dev.shuttle.stream;

import dev.shuttle.http.HeaderList;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites the {@code Connection} header of a message leaving Shuttle so that it states what the
 * connection will do: HTTP/1.1 persists unless {@code close} is said, HTTP/1.0 closes unless
 * {@code keep-alive} is said (RFC 9112 §9.3, §C.2.2); other tokens are kept.
 */
final class ConnectionHeader {
    private ConnectionHeader() {}

    /**
     * The {@code Connection} header of a response: an HTTP/1.1 message says {@code close} when the
     * connection ends; {@code keep-alive} is said when the connection persists and either the
     * message or the client is HTTP/1.0 (haproxy 2.6's H1 layer, as observed).
     */
    static void rewriteResponse(HeaderList headers, boolean http11Message, boolean http11Client, boolean closeAfter) {
        String token = closeAfter ? (http11Message ? "close" : null)
                : (!http11Message || !http11Client ? "keep-alive" : null);
        replacePersistenceTokens(headers, token);
    }

    static void rewrite(HeaderList headers, boolean http11, boolean closeAfter) {
        String token = http11 && closeAfter ? "close" : !http11 && !closeAfter ? "keep-alive" : null;
        replacePersistenceTokens(headers, token);
    }

    private static void replacePersistenceTokens(HeaderList headers, String token) {
        List<String> kept = new ArrayList<>();
        for (String value : headers.all("Connection")) {
            for (String item : value.split(",")) {
                String trimmed = item.trim();
                if (!trimmed.isEmpty() && !trimmed.equalsIgnoreCase("close") && !trimmed.equalsIgnoreCase("keep-alive")) {
                    kept.add(trimmed);
                }
            }
        }
        if (token != null) {
            kept.add(token);
        }
        if (kept.isEmpty()) {
            headers.removeAll("Connection");
        } else {
            headers.set("connection", String.join(", ", kept));
        }
    }
}
