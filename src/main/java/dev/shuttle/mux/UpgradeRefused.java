package dev.shuttle.mux;

import java.io.IOException;

/**
 * A request asking to upgrade the connection (WebSocket: {@code Connection: upgrade} with {@code
 * Upgrade}) that an HTTP/2 server stream cannot carry. As HAProxy 3.5 (mux_h2.c), an HTTP/2 server
 * stream sends it as an RFC 8441 extended CONNECT when the server announced {@code
 * SETTINGS_ENABLE_CONNECT_PROTOCOL}, and fails it otherwise, or when the request has a body,
 * before anything is sent (the client gets a 502, {@code SH}). Not retried: another connection
 * to the same server would fail it alike.
 */
public final class UpgradeRefused extends IOException {
    public UpgradeRefused(String message) {
        super(message);
    }
}
