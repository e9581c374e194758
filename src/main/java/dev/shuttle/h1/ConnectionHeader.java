package dev.shuttle.h1;

import dev.shuttle.http.ConnectionPersistence;
import dev.shuttle.http.HeaderList;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites the {@code Connection} header of a message leaving Shuttle so that it states what the
 * connection will do ({@link ConnectionPersistence} decides the token); other tokens are kept.
 */
public final class ConnectionHeader {
    private ConnectionHeader() {}

    /** A response's header; see {@link ConnectionPersistence#responseToken}. */
    public static void rewriteResponse(HeaderList headers, boolean http11Message, boolean http11Client, boolean closeAfter) {
        replacePersistenceTokens(headers, ConnectionPersistence.responseToken(http11Message, http11Client, closeAfter));
    }

    /** A request's header towards a server; see {@link ConnectionPersistence#requestToken}. */
    public static void rewrite(HeaderList headers, boolean http11, boolean closeAfter) {
        replacePersistenceTokens(headers, ConnectionPersistence.requestToken(http11, closeAfter));
    }

    private static void replacePersistenceTokens(HeaderList headers, String token) {
        // Most messages have no Connection field or one of only close/keep-alive: no list then.
        List<String> kept = null;
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).hasName("Connection")) {
                List<String> others = ConnectionPersistence.otherTokens(headers.get(i).value());
                if (!others.isEmpty() && kept == null) {
                    kept = new ArrayList<>();
                }
                if (!others.isEmpty()) {
                    kept.addAll(others);
                }
            }
        }
        if (kept == null) {
            if (token == null) {
                headers.removeAll("Connection");
            } else {
                headers.set("connection", token);
            }
            return;
        }
        if (token != null) {
            kept.add(token);
        }
        headers.set("connection", String.join(", ", kept));
    }
}
