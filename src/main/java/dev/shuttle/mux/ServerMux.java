package dev.shuttle.mux;

/**
 * A connection to a server as the exchanges see it: it opens the stream of each exchange, waits
 * idle between exchanges, and tells whether it can carry another. HTTP/1: one stream at a time
 * ({@link H1ServerMux}); HTTP/2: several at once ({@link H2ServerMux}, {@link #multiplexed()}).
 *
 * <p>Owned by one thread at a time (the exchange using it, or the idle pool's purger checking it),
 * but for a multiplexed one, which the exchanges of its streams share: {@link #openStream()},
 * {@link #streamEnded}, {@link #streamCapacity()} and {@link #close()} may come from any thread.
 */
public interface ServerMux extends AutoCloseable {
    /** The stream for the next exchange. */
    ServerStream openStream();

    /** An exchange ended and the connection waits for the next one: buffers go back to the pool. */
    void idle();

    /**
     * The exchange of {@code stream} ended (its stream leaves the connection; one that did not end
     * both ways is reset). HTTP/1: the connection goes {@link #idle()}.
     */
    default void streamEnded(ServerStream stream) {
        idle();
    }

    /** Whether the connection carries several streams at once (HTTP/2), so that exchanges may share it. */
    default boolean multiplexed() {
        return false;
    }

    /**
     * How many streams the connection could carry at once now, counting those in flight: 0 once it
     * opens no more (closed, told to go away, out of stream identifiers). Never blocks: a pool asks
     * under its lock.
     */
    default int streamCapacity() {
        return isClosed() ? 0 : 1;
    }

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
