package dev.shuttle.backend;

import dev.shuttle.sample.TlsConnection;
import dev.shuttle.server.Server;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An established connection to a server, and whether it holds one of the server's slots. A slot
 * is a request in flight (a TCP session's whole life): it is taken with the connection, given back
 * with {@link #releaseSlot()} when an HTTP exchange ends while the connection stays open for the
 * next one, taken again by {@link ServerConnector} for that next one, and given back at the latest
 * by {@link #close()}. A multiplexed connection that exchanges share holds one slot per exchange
 * using it, which is why the slots are counted, atomically.
 *
 * <p>Owned by one thread at a time (an idle pool hands it over under its lock), but for its slot
 * count, which the exchanges of a shared connection change from their own threads.
 */
public final class ServerConnection implements AutoCloseable {
    private final Backend backend;
    private final Server server;
    private final Socket socket;
    private final long connectMillis;
    private final Optional<TlsConnection> tls;
    private final Runnable onClose;
    /** Set by the first close, from whichever thread (the exchanges of a shared connection may race). */
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Slots held by the exchanges using the connection: one, or several when they share it. */
    private final AtomicInteger slots = new AtomicInteger(1);
    /** Counted in its server's {@link dev.shuttle.server.ConnectionBudget} ({@code strict-maxconn}) until closed. */
    private boolean inBudget;
    private boolean closeBegun;
    private boolean addressesRead;
    private InetSocketAddress remoteAddress;
    private InetSocketAddress localAddress;

    ServerConnection(Backend backend, Server server, ServerTransport.Ready ready, long connectMillis) {
        this.backend = backend;
        this.server = server;
        this.socket = ready.socket();
        this.tls = ready.tls();
        this.onClose = ready.onClose();
        this.connectMillis = connectMillis;
    }

    ServerConnection(Backend backend, Server server, Socket socket, long connectMillis) {
        this(backend, server, ServerTransport.Ready.plain(socket), connectMillis);
    }

    /** What its TLS handshake settled, for a server declared with {@code ssl} ({@code ssl_bc*}, {@code ssl_s*}). */
    public Optional<TlsConnection> tls() {
        return tls;
    }

    public Backend backend() {
        return backend;
    }

    public Server server() {
        return server;
    }

    public Socket socket() {
        return socket;
    }

    /**
     * The server's address and the connection's own ({@code %si:%sp}, {@code %bi:%bp}, {@code
     * bc_src}...), read from the socket once for the connection's life: a reused connection costs
     * its exchanges no system call (the local address is a {@code getsockname}).
     */
    public Optional<InetSocketAddress> remoteAddress() {
        if (!addressesRead) {
            readAddresses();
        }
        return Optional.ofNullable(remoteAddress);
    }

    public Optional<InetSocketAddress> localAddress() {
        if (!addressesRead) {
            readAddresses();
        }
        return Optional.ofNullable(localAddress);
    }

    private void readAddresses() {
        addressesRead = true;
        remoteAddress = socket.getRemoteSocketAddress() instanceof InetSocketAddress remote ? remote : null;
        localAddress = socket.getLocalSocketAddress() instanceof InetSocketAddress local ? local : null;
    }

    /** How long the TCP (or UNIX) connection took to establish, for logs ({@code %Tc}). */
    public long connectMillis() {
        return connectMillis;
    }

    /** Whether the connection holds one of its server's slots now. */
    public boolean holdsSlot() {
        return slots.get() > 0;
    }

    /** Gives one server slot back while the connection stays open (an exchange ended); none when it holds none. */
    public void releaseSlot() {
        if (detachSlot()) {
            backend.release(server);
        }
    }

    /**
     * Stops holding the slot without giving it back yet, for a connection about to go back to a
     * pool: the caller gives it back ({@link Backend#release}) once the connection is in the pool,
     * so that the request the freed slot wakes finds it there. Returns whether it held one.
     */
    public boolean detachSlot() {
        return slots.getAndUpdate(held -> held > 0 ? held - 1 : 0) > 0;
    }

    /** Notes that the connection counts in its server's budget, which {@link #close()} gives back. */
    void countedInBudget() {
        inBudget = true;
    }

    /** Notes that {@link ServerConnector} took a slot on the server for this connection's next exchange. */
    void slotTaken() {
        slots.incrementAndGet();
    }

    /**
     * Announces the close about to happen (its mux may close the socket first), so that a request
     * waiting under {@code strict-maxconn} waits for the room it makes rather than fail (once
     * only), and sends the server the end of the connection now.
     */
    public void closing() {
        if (inBudget && !closeBegun) {
            closeBegun = true;
            server.connectionBudget().beginClose();
        }
        sendEnd();
    }

    /**
     * Closes the socket from another thread than the owner's (a server's state change ending the
     * stream): the owner's blocked read or write fails at once, and its own {@link #close()} then
     * gives back the slot and the rest.
     */
    public void abortSocket() {
        closeSocket();
    }

    /**
     * Closes the socket with its FIN sent now. A channel's socket (net.Connector) whose reader is a
     * parked virtual thread (the owner, or the idle purger's liveness read) closes only once that
     * thread runs again; its output is shut down first so that the server sees the end at once, as
     * it did when {@code NioSocketImpl.close} did that itself, and a {@code strict-maxconn} server
     * is never left holding one more connection than allowed while Shuttle opens the next.
     */
    private void closeSocket() {
        sendEnd();
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed: the owner sees it anyway
        }
    }

    /** Shuts the output of a channel's socket down, so that the server sees the end now (see {@link #closeSocket}). */
    private void sendEnd() {
        try {
            if (socket.getChannel() != null && !socket.isClosed() && !socket.isOutputShutdown()) {
                socket.shutdownOutput();
            }
        } catch (IOException ignored) {
            // not connected any more: the close is all there is to do
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closing();
        closeSocket();
        // Before the slot: a request the slot wakes must find the connection's count given back.
        if (inBudget) {
            inBudget = false;
            server.connectionBudget().endClose();
        }
        onClose.run();
        // Every slot still held: those of the exchanges sharing it too, whose own release then finds none.
        for (int held = slots.getAndSet(0); held > 0; held--) {
            backend.release(server);
        }
    }
}
