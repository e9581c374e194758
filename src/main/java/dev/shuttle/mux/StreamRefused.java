package dev.shuttle.mux;

import java.io.IOException;

/**
 * An HTTP/2 server did not process a request's stream: it refused it (RST_STREAM REFUSED_STREAM,
 * RFC 9113 §8.7) or went away before it (a GOAWAY naming a lower stream, §6.8), or the connection
 * could open no stream. Nothing of the request was acted on. A stream the connection could not
 * open ({@link #unsent()}) never reached the server: the exchange takes another connection, as
 * HAProxy looks for one when a connection has no stream left. A stream the server refused is a
 * read error to HAProxy 3.5 (http_ana.c: retried only under {@code retry-on empty-response}, else
 * a 502).
 */
public final class StreamRefused extends IOException {
    private final boolean unsent;

    /** The server refused the stream (RST_STREAM REFUSED_STREAM, or a GOAWAY below it). */
    public StreamRefused(String message) {
        this(message, false);
    }

    private StreamRefused(String message, boolean unsent) {
        super(message);
        this.unsent = unsent;
    }

    /** The connection could open no stream: nothing was sent. */
    public static StreamRefused beforeSending(String message) {
        return new StreamRefused(message, true);
    }

    /** Whether nothing of the request went out: the connection could open no stream. */
    public boolean unsent() {
        return unsent;
    }
}
