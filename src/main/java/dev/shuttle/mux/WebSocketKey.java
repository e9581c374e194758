package dev.shuttle.mux;

import dev.shuttle.h2.H2Request;
import dev.shuttle.http.HeaderList;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The {@code sec-websocket-key} an HTTP/1.1 server needs to accept a WebSocket upgrade (RFC 6455
 * §4.1), which an HTTP/2 client's extended CONNECT does not carry (RFC 8441 §5): as HAProxy's
 * HTTP/1 side does, a random one is made (16 random bytes, base64) when the request has none, and
 * noted on the head so that the server's {@code Sec-WebSocket-Accept} is checked against it.
 */
final class WebSocketKey {
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebSocketKey() {}

    /** Adds a key to an extended CONNECT for {@code websocket} that has none. */
    static void addIfMissing(H2Request request) {
        HeaderList headers = request.head().headers();
        if (!"websocket".equalsIgnoreCase(request.protocol()) || headers.contains("sec-websocket-key")) {
            return;
        }
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        headers.add("sec-websocket-key", key);
        request.head().markGeneratedWebSocketKey(key);
    }
}
