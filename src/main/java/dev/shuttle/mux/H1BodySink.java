package dev.shuttle.mux;

/**
 * A body leaving on an HTTP/1 connection, framed as {@code output} says.
 *
 * @param connection the connection it is written to
 * @param output     how it is delimited there
 */
record H1BodySink(H1Connection connection, BodyForwarder.Output output) implements BodySink {}
