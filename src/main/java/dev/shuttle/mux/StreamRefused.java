package dev.shuttle.mux;

import java.io.IOException;

/**
 * An HTTP/2 server did not process a request's stream: it refused it (RST_STREAM REFUSED_STREAM,
 * RFC 9113 §8.7) or went away before it (a GOAWAY naming a lower stream, §6.8), or the connection
 * could open no stream. Nothing of the request was acted on, so it may be tried again on another
 * connection, as HAProxy treats it: a connection failure.
 */
public final class StreamRefused extends IOException {
    public StreamRefused(String message) {
        super(message);
    }
}
