package dev.shuttle.http;

/** The HTTP versions Shuttle speaks on a connection: 1.0 and 1.1 (RFC 9112 §2.3); HTTP/2 comes later. */
public enum HttpVersion {
    HTTP_1_0("HTTP/1.0"), HTTP_1_1("HTTP/1.1");

    private final String text;

    HttpVersion(String text) {
        this.text = text;
    }

    /** As written on a request or status line. */
    public String text() {
        return text;
    }

    /** HTTP/1.1 connections persist unless told otherwise; HTTP/1.0 ones close unless told otherwise. */
    public boolean persistsByDefault() {
        return this == HTTP_1_1;
    }
}
