package dev.shuttle.mux;

import java.io.IOException;

/**
 * A request asking to upgrade the connection (WebSocket: {@code Connection: upgrade} with {@code
 * Upgrade}) that an HTTP/2 server stream cannot carry. HAProxy 3.5 (mux_h2.c) turns it into an
 * RFC 8441 extended CONNECT when the server announced {@code SETTINGS_ENABLE_CONNECT_PROTOCOL},
 * and fails it otherwise (the client gets a 502, {@code SH}); Shuttle does not build the tunnel
 * over a server stream yet, so it fails it in both cases, before anything is sent. Not retried:
 * another connection would fail it alike.
 */
public final class UpgradeRefused extends IOException {
    public UpgradeRefused(String message) {
        super(message);
    }
}
