package dev.shuttle.http;

/**
 * The HTTP versions Shuttle speaks on a connection: 1.0 and 1.1 (RFC 9112 §2.3), and 2 (RFC 9113),
 * written {@code HTTP/2.0} where HAProxy writes a version (logs, {@code req.ver} is {@code 2.0}).
 */
public enum HttpVersion {
    HTTP_1_0("HTTP/1.0"), HTTP_1_1("HTTP/1.1"), HTTP_2("HTTP/2.0");

    private final String text;

    HttpVersion(String text) {
        this.text = text;
    }

    /** As written on a request or status line. */
    public String text() {
        return text;
    }

    /**
     * HTTP/1.1 connections persist unless told otherwise; HTTP/1.0 ones close unless told otherwise;
     * an HTTP/2 connection outlives its streams.
     */
    public boolean persistsByDefault() {
        return this != HTTP_1_0;
    }
}
