package dev.shuttle.listener;

import dev.shuttle.io.ReadinessPoller;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketAddress;

/**
 * One bound listening socket, from which a listener's acceptor takes new connections.
 *
 * <p>{@link #accept()} blocks; it is meant to be called from a virtual thread, which it parks
 * without holding a carrier thread. Closing the endpoint makes a pending {@code accept()} fail.
 */
public interface ListeningEndpoint extends AutoCloseable {

    /**
     * Waits for the next connection. The returned socket is in blocking mode and supports
     * {@link Socket#setSoTimeout(int)}, its streams, shutdowns and close.
     */
    Socket accept() throws IOException;

    /**
     * Lets {@link #accept()} wait for connections through the process's readiness poller, where
     * the endpoint can (a JDK channel) and the poller runs; else it keeps the JDK's blocking way.
     * Called once, before the acceptor starts.
     */
    default void acceptThrough(ReadinessPoller poller) {
    }

    /** Stops listening and releases the descriptor. Idempotent. */
    @Override
    void close();

    /** The address in HAProxy's syntax, for logs and errors: {@code 127.0.0.1:8080}, {@code abns@foo}. */
    String describe();

    /**
     * The socket's local address: an {@code InetSocketAddress} (with the real port, useful after a
     * bind to port 0), or a {@code UnixDomainSocketAddress} (empty for an abstract name).
     */
    SocketAddress localAddress();

    /**
     * Whether {@link #pause()} can stop listening (new connections refused) and {@link #resume()}
     * listen again on the same address. When it cannot, a paused listener only stops serving what
     * it accepts, and connections wait as in the backlog.
     */
    default boolean canStopListening() {
        return false;
    }

    /**
     * Stops listening without closing, so that {@link #resume()} can listen again on the same
     * socket; a pending {@code accept()} fails. Only where {@link #canStopListening()}.
     *
     * @throws IOException when the socket cannot be paused (the message says why)
     */
    default void pause() throws IOException {
        throw new IOException("cannot pause " + describe());
    }

    /** Listens again after {@link #pause()}. */
    default void resume() throws IOException {
        throw new IOException("cannot resume " + describe());
    }
}
