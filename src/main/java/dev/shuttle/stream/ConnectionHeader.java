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

    static void rewrite(HeaderList headers, boolean http11, boolean closeAfter) {
        List<String> kept = new ArrayList<>();
        for (String value : headers.all("Connection")) {
            for (String token : value.split(",")) {
                String trimmed = token.trim();
                if (!trimmed.isEmpty() && !trimmed.equalsIgnoreCase("close") && !trimmed.equalsIgnoreCase("keep-alive")) {
                    kept.add(trimmed);
                }
            }
        }
        if (http11 && closeAfter) {
            kept.add("close");
        } else if (!http11 && !closeAfter) {
            kept.add("keep-alive");
        }
        if (kept.isEmpty()) {
            headers.removeAll("Connection");
        } else {
            headers.set("connection", String.join(", ", kept));
        }
    }
}
