package dev.shuttle.config;

/**
 * The protocol a server's HTTP connections speak (configuration.txt, server "proto" and "alpn"):
 * HTTP/2 when the server line says {@code proto h2}, HTTP/1.1 when it says {@code proto h1}, and
 * otherwise what TLS's ALPN settled on ({@code h2} gives HTTP/2), HTTP/1.1 without it.
 */
public enum ServerProtocol {
    /** No {@code proto}: ALPN decides, HTTP/1.1 by default. */
    BY_ALPN,
    /** {@code proto h1}. */
    HTTP1,
    /** {@code proto h2}: HTTP/2 with prior knowledge, over clear text or TLS alike. */
    HTTP2;

    /** Whether a connection on which ALPN settled on {@code alpn} (null: none) speaks HTTP/2. */
    public boolean speaksHttp2(String alpn) {
        return switch (this) {
            case HTTP2 -> true;
            case HTTP1 -> false;
            case BY_ALPN -> ApplicationProtocols.H2.equals(alpn);
        };
    }
}
