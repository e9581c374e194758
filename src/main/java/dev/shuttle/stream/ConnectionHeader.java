package dev.shuttle.stream;

import dev.shuttle.http.ConnectionPersistence;
import dev.shuttle.http.HeaderList;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites the {@code Connection} header of a message leaving Shuttle so that it states what the
 * connection will do ({@link ConnectionPersistence} decides the token); other tokens are kept.
 */
final class ConnectionHeader {
    private ConnectionHeader() {}

    /** A response's header; see {@link ConnectionPersistence#responseToken}. */
    static void rewriteResponse(HeaderList headers, boolean http11Message, boolean http11Client, boolean closeAfter) {
        replacePersistenceTokens(headers, ConnectionPersistence.responseToken(http11Message, http11Client, closeAfter));
    }

    /** A request's header towards a server; see {@link ConnectionPersistence#requestToken}. */
    static void rewrite(HeaderList headers, boolean http11, boolean closeAfter) {
        replacePersistenceTokens(headers, ConnectionPersistence.requestToken(http11, closeAfter));
    }

    private static void replacePersistenceTokens(HeaderList headers, String token) {
        List<String> kept = new ArrayList<>();
        for (String value : headers.all("Connection")) {
            kept.addAll(ConnectionPersistence.otherTokens(value));
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
