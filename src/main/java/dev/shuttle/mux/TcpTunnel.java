package dev.shuttle.mux;

import dev.shuttle.io.InputBuffer;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Forwards bytes both ways between a client and a server side ({@link TunnelSide}: a socket, or an
 * HTTP/2 stream) until both directions end: the
 * pass-through "mux" of TCP mode (HAProxy's mux_pt), and the tunnel an HTTP exchange becomes after
 * a 101 or a successful CONNECT. Bytes either side had already sent (read past its last head) are
 * passed on first.
 *
 * <p>Each direction is a blocking copy loop; the server-to-client one runs on a second virtual
 * thread. A FIN seen one way is passed on with {@code shutdownOutput} and the other way keeps
 * flowing (half-close). A direction's reads time out after its side's inactivity timeout, but
 * activity in the other direction counts too, so a one-way transfer is not cut; once a direction
 * has ended, the remaining one uses the {@code client-fin}/{@code server-fin} timeouts when set.
 * A reset aborts both directions. A timeout ends its direction as an end of stream would, as
 * HAProxy 3.5 does (checked live with {@code %[term_events]}): the other peer gets a FIN and its
 * direction goes on until it ends in turn (its end, a reset, its own timeout), and the tunnel
 * ends with the timeout; when the other direction's timeout has run out too, both are cut at
 * once and the client's is the one reported (3.5 looks at the request channel first). A timeout
 * after a FIN ends the tunnel at once.
 */
public final class TcpTunnel {
    private static final int BUFFER_SIZE = 16 * 1024;

    /**
     * Inactivity timeouts in milliseconds, 0 = none.
     *
     * @param client    reading from the client ({@code timeout client}, or {@code tunnel} when set)
     * @param server    reading from the server ({@code timeout server}, or {@code tunnel} when set)
     * @param clientFin reading from the client once a direction has ended (0 = keep {@code client})
     * @param serverFin reading from the server once a direction has ended (0 = keep {@code server})
     */
    public record Timeouts(long client, long server, long clientFin, long serverFin) {}

    /** How the tunnel ended, for logs and counters. */
    public enum Ending {
        /** Both sides closed their direction normally. */
        CLOSED,
        /** The client went silent for its timeout ({@code cD}). */
        CLIENT_TIMEOUT,
        /** The server went silent for its timeout ({@code sD}). */
        SERVER_TIMEOUT,
        /** The client reset or broke the connection ({@code CD}). */
        CLIENT_ABORT,
        /** The server reset or broke the connection ({@code SD}). */
        SERVER_ABORT
    }

    /**
     * What crossed the tunnel: bytes from the client, bytes to the client, and how it ended.
     *
     * @param bothTimedOut whether both directions ran out of time together ({@code ending} is then
     *                     {@link Ending#CLIENT_TIMEOUT})
     * @param afterTimeout when a single direction timed out ({@code ending}): how the other one
     *                     ended afterwards ({@link Ending#CLOSED} for its end of stream), else null
     * @param abortCause   the socket error behind the first abort (a reset read or written), for
     *                     {@code fc_err}/{@code bc_err}; null when no I/O error ended the tunnel
     */
    public record Result(long bytesFromClient, long bytesToClient, Ending ending, boolean bothTimedOut,
                         Ending afterTimeout, IOException abortCause) {
        /** A tunnel that did not end by a timeout. */
        public Result(long bytesFromClient, long bytesToClient, Ending ending) {
            this(bytesFromClient, bytesToClient, ending, false, null, null);
        }

        /** A tunnel whose abort, if any, had no I/O error to name. */
        public Result(long bytesFromClient, long bytesToClient, Ending ending, boolean bothTimedOut,
                      Ending afterTimeout) {
            this(bytesFromClient, bytesToClient, ending, bothTimedOut, afterTimeout, null);
        }
    }

    private final TunnelEnd clientEnd;
    private final TunnelEnd serverEnd;
    private final TunnelSide client;
    private final TunnelSide server;
    private final Timeouts timeouts;
    private final AtomicLong lastActivity = new AtomicLong(System.nanoTime());
    private volatile boolean halfClosed;
    private final AtomicReference<Ending> failure = new AtomicReference<>();
    /** Which direction reached its end of stream first: true for the client's, null while neither did. */
    private final AtomicReference<Boolean> clientEndedFirst = new AtomicReference<>();
    /** Whether one direction's timeout ended it, passed on as a FIN while the other goes on. */
    private volatile boolean halfClosedByTimeout;
    private volatile boolean bothTimedOut;
    /** How the other direction ended after a direction's timeout half-closed the tunnel. */
    private final AtomicReference<Ending> afterTimeout = new AtomicReference<>();
    /** The I/O error behind the first abort, kept for the log's error names. */
    private final AtomicReference<IOException> abortCause = new AtomicReference<>();

    public TcpTunnel(TunnelEnd client, TunnelEnd server, Timeouts timeouts) {
        this.clientEnd = client;
        this.serverEnd = server;
        this.client = client.side();
        this.server = server.side();
        this.timeouts = timeouts;
    }

    /**
     * Runs the tunnel to its end; both sides are closed when it returns.
     *
     * @throws IOException when the bytes already read from one side cannot be passed to the other
     *                     (the sockets are then left to their owners)
     */
    public Result run() throws IOException, InterruptedException {
        passPending(serverEnd, clientEnd);
        passPending(clientEnd, serverEnd);
        long[] toClient = new long[1];
        Thread backward = Thread.ofVirtual().name("tunnel-server-to-client")
                .start(() -> toClient[0] = pump(server, client, false));
        long fromClient = pump(client, server, true);
        backward.join();
        client.close();
        server.close();
        Ending ending = failure.get() == null ? Ending.CLOSED : failure.get();
        return new Result(fromClient, toClient[0], ending, bothTimedOut, afterTimeout.get(), abortCause.get());
    }

    /** After {@link #run}: whether the client closed its direction before the server closed its own. */
    public boolean clientEndedFirst() {
        return Boolean.TRUE.equals(clientEndedFirst.get());
    }

    /** Writes what was read from {@code from} but not yet forwarded to {@code to}, and flushes {@code to}. */
    private static void passPending(TunnelEnd from, TunnelEnd to) throws IOException {
        InputBuffer pending = from.pending();
        if (pending != null && pending.buffered() > 0) {
            to.output().write(pending.array(), pending.start(), pending.buffered());
            pending.consume(pending.buffered());
        }
        to.output().flush();
    }

    /** Copies one direction until EOF, error or timeout; returns the bytes copied. */
    private long pump(TunnelSide from, TunnelSide to, boolean fromClient) {
        Ending readerFault = fromClient ? Ending.CLIENT_ABORT : Ending.SERVER_ABORT;
        Ending writerFault = fromClient ? Ending.SERVER_ABORT : Ending.CLIENT_ABORT;
        byte[] buffer = new byte[BUFFER_SIZE];
        long copied = 0;
        while (true) {
            int count;
            try {
                count = readWithInactivityTimeout(from, buffer, fromClient);
            } catch (SocketTimeoutException e) {
                timedOut(fromClient, to);
                return copied;
            } catch (IOException e) {
                abort(readerFault, e);
                return copied;
            }
            try {
                if (count < 0) {
                    // As HAProxy, the fin timeout of the remaining direction counts from the FIN.
                    lastActivity.set(System.nanoTime());
                    clientEndedFirst.compareAndSet(null, fromClient);
                    if (halfClosedByTimeout) {
                        afterTimeout.compareAndSet(null, Ending.CLOSED);
                    }
                    halfClosed = true;
                    to.shutdownOutput();
                    return copied;
                }
                to.write(buffer, 0, count);
            } catch (IOException e) {
                abort(writerFault, e);
                return copied;
            }
            copied += count;
            lastActivity.set(System.nanoTime());
        }
    }

    /**
     * Reads, waiting while either direction has been active within this side's timeout.
     *
     * <p>A read already blocked keeps the {@code SO_TIMEOUT} it started with (the JDK reads the
     * option once per read), so when the other direction half-closes, nothing can shorten it.
     * Hence, while a fin timeout may still take over, a read waits at most that long in one go;
     * then the deadline is computed again from the timeout in force.
     */
    private int readWithInactivityTimeout(TunnelSide from, byte[] buffer, boolean fromClient) throws IOException {
        while (true) {
            try {
                return from.read(buffer, nextWaitMillis(fromClient));
            } catch (SocketTimeoutException e) {
                long timeout = currentTimeout(fromClient);
                if ((timeout > 0 && idleMillis() >= timeout) || failure.get() != null) {
                    throw e;
                }
            }
        }
    }

    /** How long the next read may block: until the deadline, and no longer than a pending fin timeout (0 = forever). */
    private long nextWaitMillis(boolean fromClient) {
        long timeout = currentTimeout(fromClient);
        long wait = timeout > 0 ? Math.max(1, timeout - idleMillis()) : 0;
        long fin = fromClient ? timeouts.clientFin() : timeouts.serverFin();
        if (!halfClosed && fin > 0) {
            wait = wait == 0 ? fin : Math.min(wait, fin);
        }
        return wait;
    }

    private long idleMillis() {
        return (System.nanoTime() - lastActivity.get()) / 1_000_000;
    }

    private long currentTimeout(boolean fromClient) {
        long normal = fromClient ? timeouts.client() : timeouts.server();
        long fin = fromClient ? timeouts.clientFin() : timeouts.serverFin();
        return halfClosed && fin > 0 ? fin : normal;
    }

    /**
     * The direction read {@code fromClient} (or the other way) ran out of time. With the other
     * direction still open and within its own time, the end is passed on as a FIN ({@code to}),
     * and the other direction goes on; else both directions end here.
     */
    private void timedOut(boolean fromClient, TunnelSide to) {
        Ending ending = fromClient ? Ending.CLIENT_TIMEOUT : Ending.SERVER_TIMEOUT;
        if (halfClosed || failure.get() != null) {
            abort(ending);
            return;
        }
        long otherTimeout = currentTimeout(!fromClient);
        if (otherTimeout > 0 && idleMillis() >= otherTimeout) {
            // Both directions' threads may get here at once: only the one that records the
            // failure says so (the other's failed compare-and-set must not clear it).
            if (failure.compareAndSet(null, Ending.CLIENT_TIMEOUT)) {
                bothTimedOut = true;
            }
            abort(Ending.CLIENT_TIMEOUT);
            return;
        }
        if (!failure.compareAndSet(null, ending)) {
            abort(ending);
            return;
        }
        halfClosedByTimeout = true;
        halfClosed = true;
        lastActivity.set(System.nanoTime()); // the other direction's time counts from the FIN, as after an end of stream
        try {
            to.shutdownOutput();
        } catch (IOException e) {
            abort(fromClient ? Ending.SERVER_ABORT : Ending.CLIENT_ABORT);
        }
    }

    /** Records the first failure and closes both sides, which ends the other direction's blocking I/O. */
    private void abort(Ending ending) {
        abort(ending, null);
    }

    /**
     * As {@link #abort(Ending)}, {@code cause} the I/O error behind it: kept only when it is the
     * first failure (a side closed by an earlier abort fails too, with no news).
     */
    private void abort(Ending ending, IOException cause) {
        if (failure.compareAndSet(null, ending)) {
            abortCause.set(cause);
        } else if (halfClosedByTimeout) {
            afterTimeout.compareAndSet(null, ending);
        }
        client.close();
        server.close();
    }
}
