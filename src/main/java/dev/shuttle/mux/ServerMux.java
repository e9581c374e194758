package dev.shuttle.mux;

/**
 * A connection to a server as the exchanges see it: it opens the stream of each exchange, waits
 * idle between exchanges, and tells whether it can carry another. HTTP/1: one stream at a time
 * ({@link H1ServerMux}).
 *
 * <p>Owned by one thread at a time: the exchange using it, or the idle pool's purger checking it;
 * {@link #close()} may come from any thread.
 */
public interface ServerMux extends AutoCloseable {
    /** The stream for the next exchange. */
    ServerStream openStream();

    /** An exchange ended and the connection waits for the next one: buffers go back to the pool. */
    void idle();

    /**
     * Whether a connection that waited idle can carry another exchange: nothing came from the server
     * meanwhile and, when {@code waitMillis} is positive, no close shows within that time.
     */
    boolean looksReusable(long waitMillis);

    boolean isClosed();

    /** Closes the connection; safe from any thread, and more than once. */
    @Override
    void close();
}
