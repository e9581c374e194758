package dev.shuttle.mux;

import dev.shuttle.io.Activity;

/**
 * A body leaving on an HTTP/1 connection, framed as {@code output} says.
 *
 * @param connection the connection it is written to
 * @param output     how it is delimited there
 * @param activity   noted at each write (a request body: the server is not silent while it is
 *                   being written to); null when nobody waits on it
 * @param trailers   whether a chunked body's trailer fields go out too
 */
record H1BodySink(H1Connection connection, BodyForwarder.Output output, Activity activity, boolean trailers)
        implements BodySink {}
