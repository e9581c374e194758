package dev.shuttle.config;

/**
 * The protocol a server's health checks speak ({@code check-proto <name>}, configuration.txt §5.2):
 * when not given, an HTTP check inherits the server's {@code proto} (HTTP/2 for {@code proto h2}),
 * as HAProxy 3.5's check.c does; over TLS without either, ALPN decides ({@code check-alpn h2}).
 */
public enum CheckProtocol {
    /** No {@code check-proto}: the server's {@code proto} for an HTTP check, else ALPN or HTTP/1.1. */
    INHERIT,
    /** {@code check-proto h1}. */
    HTTP1,
    /** {@code check-proto h2}: HTTP/2 with prior knowledge. */
    HTTP2,
    /** {@code check-proto none}: bytes, for tcp-check and connect-only checks. */
    TCP;

    /** Whether an HTTP check of a server whose connections speak {@code server} uses HTTP/2 with prior knowledge. */
    public boolean http2(ServerProtocol server) {
        return this == HTTP2 || this == INHERIT && server == ServerProtocol.HTTP2;
    }
}
