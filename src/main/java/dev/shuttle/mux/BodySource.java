package dev.shuttle.mux;

/**
 * The body of a message that arrived, not yet read: the exchange hands it to the peer's
 * {@link BodySink} and the two muxes move the bytes. Sealed: each mux adds its kind, and the
 * compiler then asks for every pairing of a source with a sink.
 */
public sealed interface BodySource permits H1BodySource, HeldBody, H2BodySource {
    /**
     * Forwards the rest of the body into {@code sink}, trailers included, and flushes it. Each
     * read waits at most {@code idleMillis} (0: no limit).
     *
     * @return the payload bytes forwarded
     * @throws BodyTransferException naming what failed: the body's framing, its source, or the sink
     */
    long forwardTo(BodySink sink, long idleMillis) throws BodyTransferException;

    /**
     * Waits up to {@code timeoutMillis} for the body (or its first {@code atLeast} bytes when
     * positive) to be in memory, as {@code http-response wait-for-body} asks, and returns a copy of
     * what arrived; the body stays buffered for forwarding. A body without a length, or longer than a
     * buffer, is not held ({@link ClientStream.BufferedBody#STREAMED}).
     */
    ClientStream.BufferedBody buffer(long timeoutMillis, long atLeast) throws java.io.IOException;

    /**
     * A copy of the whole body when every byte of it is in memory already, without reading or
     * waiting: a body with a {@code Content-Length} that fits a buffer and has fully arrived. Empty
     * otherwise (a chunked body, a longer one, one still on its way). The body stays buffered.
     */
    java.util.Optional<byte[]> copyIfWhole();

    /**
     * Whether every byte of the body is in memory already, so that forwarding it never waits on
     * its source: no body, or a {@code Content-Length} body that fully arrived with its head (the
     * common small response). False when unsure.
     */
    boolean arrived();

    /**
     * Whether the body ends where its connection does (an HTTP/1 response without a length, RFC
     * 9112 §6.3 rule 8): once forwarded whole, its source has read the peer's close.
     */
    boolean endsWithConnection();
}
