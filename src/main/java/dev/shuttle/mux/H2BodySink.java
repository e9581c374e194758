package dev.shuttle.mux;

/**
 * A body leaving on an HTTP/2 stream: its DATA frames.
 *
 * @param data where the payload is written; {@link H2DataOutputStream#finish()} ends the stream
 */
record H2BodySink(H2DataOutputStream data) implements BodySink {}
