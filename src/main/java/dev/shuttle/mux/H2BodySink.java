package dev.shuttle.mux;

/**
 * A body leaving on an HTTP/2 stream: its DATA frames, and the trailer fields of a body that has
 * some, as a closing HEADERS frame (RFC 9113 §8.1).
 *
 * @param data     where the payload is written; {@link H2DataOutputStream#finish()} ends the stream
 * @param trailers whether trailer fields go out (false under {@code option http-drop-*-trailers})
 */
record H2BodySink(H2DataOutputStream data, boolean trailers) implements BodySink {
    /** A sink that forwards trailer fields. */
    H2BodySink(H2DataOutputStream data) {
        this(data, true);
    }
}
