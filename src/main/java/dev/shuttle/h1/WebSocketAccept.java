package dev.shuttle.h1;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The {@code Sec-WebSocket-Accept} value a server must answer to a {@code Sec-WebSocket-Key}
 * (RFC 6455 §4.2.2 point 5.4): the base64 of the SHA-1 of the key followed by the protocol's GUID.
 */
public final class WebSocketAccept {
    /** RFC 6455 §1.3. */
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private WebSocketAccept() {}

    /** The accept value for {@code key}, as the key was sent (no trimming). */
    public static String of(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
