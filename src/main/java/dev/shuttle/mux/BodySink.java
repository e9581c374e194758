package dev.shuttle.mux;

/**
 * Where a body goes: the request body's way to a server, or the response body's way to a client,
 * framed as that side needs (HTTP/1: by length, chunked, or until the close). Obtained from the
 * stream it writes to; fed by a {@link BodySource}.
 */
public sealed interface BodySink permits H1BodySink, H2BodySink {}
