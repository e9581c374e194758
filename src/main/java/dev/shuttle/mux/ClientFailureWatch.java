package dev.shuttle.mux;

import java.io.IOException;
import java.net.SocketException;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Watches a client connection for its reset while the exchange's thread waits on the server (the
 * response head, the rest of a response body): HAProxy's poller reads the client's reset at once,
 * and the stream ends {@code CD} with the client's error, however long the server would have kept
 * it waiting. The
 * readiness poller sees the reset ({@link dev.shuttle.io.ReadReadiness#onPeerFailure}); the watch
 * then runs the exchange's action (which ends the server wait) on a virtual thread of its own, so
 * that the poller never waits on it. A FIN is no failure: a client may half-close and still read.
 *
 * <p>An HTTP/2 stream is watched by its connection's reader, which sees the client's RST_STREAM and
 * the connection's end (a reset, a close) at once ({@link H2ClientStream}). A TLS connection is
 * watched through the plain socket beneath it ({@code H1Connection#failuresWatchedOn}). A socket
 * the poller does not track is never watched: its client's reset is seen by the next write.
 *
 * <p>A watch may start later than it is made ({@link #deferred}, {@link #start()}): the wait for a
 * response head starts it only once the server turns out slow, from the read-deadline watcher's
 * thread, so that a quick exchange never makes its client socket join the poller (a connection's
 * first request is read without it). A reset that came before the start is seen at the start: the
 * poller reports what the socket already has when it joins.
 *
 * <p>Under {@code option abortonclose} (on by default in HTTP backends) a watch made with {@code
 * endsToo} fires on the client's FIN as well, while a request waits for a server slot, for its
 * connection, or for its response head ({@link #closedOnly()} then tells a FIN from a reset).
 *
 * <p>Locking: {@code lock} guards {@code started}, {@code closed} and {@code action}, so that once
 * {@link #close()} returned, the watch has either not started and never will, or its action has
 * run to its end or will never run; what a start did to the connection is then visible to the
 * exchange's thread.
 */
public final class ClientFailureWatch implements AutoCloseable {
    /**
     * What a watch watches: an HTTP/1 connection (through the readiness poller), or an HTTP/2
     * stream (its reader sees the client's RST_STREAM and the connection's end).
     */
    interface Source {
        /** Runs {@code hook} once when the client goes; false, never running it, when this cannot tell. */
        boolean onPeerFailure(Runnable hook);

        /** The hook no longer runs (if it has not yet). */
        void stopWatchingFailure();

        /** What ended the client, once it went; null when nothing says more than an end. */
        IOException pendingFailure();

        /**
         * As {@link #onPeerFailure}, but the client's close of its sending side (a FIN) runs the
         * hook too. A source that has no such thing as a half-close watches failures only.
         */
        default boolean onPeerEnd(Runnable hook) {
            return onPeerFailure(hook);
        }

        /** Whether the client failed (a reset, an error) rather than only closed its side. */
        default boolean peerFailed() {
            return true;
        }

        /** Whether the client was seen closing its sending side (or failing); false when this cannot tell. */
        default boolean peerEnded() {
            return false;
        }
    }

    /** A watch that never fires. */
    public static final ClientFailureWatch NEVER = new ClientFailureWatch(null, null, false);

    private final Source connection;
    private final Runnable onFailure;
    /** The client's FIN fires the watch too ({@code option abortonclose}), not only its reset. */
    private final boolean endsToo;
    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by: lock
    private boolean started;
    // Guarded by: lock
    private boolean closed;
    /** The thread running the action once the client failed; null before. */
    // Guarded by: lock
    private Thread action;
    private volatile boolean fired;

    private ClientFailureWatch(Source connection, Runnable onFailure, boolean endsToo) {
        this.connection = connection;
        this.onFailure = onFailure;
        this.endsToo = endsToo;
    }

    /** Watches {@code connection} until closed: on its reset, {@code onFailure} runs once, on another thread. */
    static ClientFailureWatch start(Source connection, Runnable onFailure) {
        ClientFailureWatch watch = deferred(connection, onFailure);
        watch.start();
        return watch;
    }

    /**
     * A watch of {@code connection} that starts with {@link #start()}. Only while the exchange's
     * thread leaves the connection alone (it waits on the server and no upload reads the client):
     * the start may come from another thread.
     */
    static ClientFailureWatch deferred(Source connection, Runnable onFailure) {
        return deferred(connection, onFailure, false);
    }

    /**
     * As {@link #deferred(Source, Runnable)}; with {@code endsToo}, the client's close of its
     * sending side (a FIN) fires the watch as its reset does: HAProxy's {@code option abortonclose}
     * (configuration.txt), for a request not answered yet. A FIN seen before the start fires at the
     * start.
     */
    static ClientFailureWatch deferred(Source connection, Runnable onFailure, boolean endsToo) {
        return new ClientFailureWatch(connection, onFailure, endsToo);
    }

    /**
     * Starts watching, unless closed already; idempotent, from any thread. A connection the poller
     * cannot track is never watched.
     */
    public void start() {
        if (connection == null) {
            return;
        }
        lock.lock();
        try {
            if (closed || started) {
                return;
            }
            started = true;
            if (endsToo) {
                connection.onPeerEnd(this::fire); // an end seen already fires at once (the lock is reentrant)
            } else {
                connection.onPeerFailure(this::fire); // a failure seen already fires at once (the lock is reentrant)
            }
        } finally {
            lock.unlock();
        }
    }

    private void fire() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            fired = true;
            action = Thread.ofVirtual().name("client-failure").start(onFailure);
        } finally {
            lock.unlock();
        }
    }

    /** Whether the client failed while watched (definite once {@link #close()} returned). */
    public boolean fired() {
        return fired;
    }

    /**
     * Whether the watch fired on the client's close of its sending side (a FIN) without a reset:
     * HAProxy's abortonclose ends the stream {@code CH} then, a reset {@code CD}. Definite once
     * {@link #close()} returned.
     */
    public boolean closedOnly() {
        return fired && endsToo && !connection.peerFailed();
    }

    /**
     * Whether the client closed its sending side (a FIN) while watched, though the watch did not
     * fire on it (without {@code option abortonclose}): HAProxy reads that end all the same, and
     * its log shows it. For the exchange's thread, once {@link #close()} returned.
     */
    public boolean sawEnd() {
        lock.lock();
        try {
            return started && !fired && connection.peerEnded();
        } finally {
            lock.unlock();
        }
    }

    /**
     * What reading the failed client connection reports, its reset ({@code ECONNRESET}) as HAProxy
     * reads it (a reset even when the read reports only an end: see inside); empty when the watch
     * did not fire. For the exchange's thread, once fired.
     */
    public Optional<IOException> failure() {
        if (connection == null || !fired) {
            return Optional.empty();
        }
        IOException read = connection.pendingFailure();
        // A client that closed (FIN) with the response unread resets when more bytes reach it; the
        // kernel then reports an end of stream to reads (the FIN came first) and keeps EPIPE as the
        // socket's error. The poller saw the reset (EPOLLHUP on a socket whose output is still
        // open): it is named as HAProxy names it, ERESET. (An HTTP/2 stream always says why.)
        return Optional.of(read != null ? read : new SocketException("Connection reset"));
    }

    /** Stops watching; when the client failed, waits for the action to end. Idempotent. */
    @Override
    public void close() {
        if (connection == null) {
            return;
        }
        Thread running;
        boolean wasStarted;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            running = action;
            wasStarted = started;
        } finally {
            lock.unlock();
        }
        if (wasStarted) {
            connection.stopWatchingFailure();
        }
        if (running != null) {
            try {
                running.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
