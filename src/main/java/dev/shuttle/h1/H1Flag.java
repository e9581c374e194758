package dev.shuttle.h1;

/** What a parsed HTTP/1 head tells the connection and stream layers beyond its fields and framing. */
public enum H1Flag {
    /** {@code Connection: close} was received. */
    CONNECTION_CLOSE,
    /** {@code Connection: keep-alive} was received. */
    CONNECTION_KEEP_ALIVE,
    /** {@code Connection: upgrade} was received. */
    CONNECTION_UPGRADE,
    /** An {@code Upgrade} header with {@code Connection: upgrade}: a protocol switch is asked or granted. */
    UPGRADE,
    /** The upgrade is to WebSocket (RFC 6455). */
    WEBSOCKET,
    /** {@code Expect: 100-continue} (RFC 9110 §10.1.1). */
    EXPECT_CONTINUE,
    /**
     * The framing was ambiguous (Transfer-Encoding with Content-Length, or Transfer-Encoding in
     * HTTP/1.0): Content-Length was dropped and chunked forwarded, but the server connection must
     * not be reused afterwards (RFC 9112 §6.3 point 3; HAProxy 3.x closes it too).
     */
    CLOSE_SERVER_AFTER,
    /**
     * The message broke a rule that only {@code option accept-unsafe-violations-in-http-*}
     * (2.6: {@code accept-invalid-http-*}) lets through: HAProxy captures such messages for
     * {@code show errors}.
     */
    UNSAFE_ACCEPTED
}
