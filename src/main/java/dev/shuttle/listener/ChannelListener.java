package dev.shuttle.listener;

import dev.shuttle.io.ReadReadiness;
import dev.shuttle.io.ReadinessPoller;
import dev.shuttle.net.ChannelBridge;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A {@link ListeningEndpoint} over a JDK {@link ServerSocketChannel}, for every family Shuttle
 * binds: TCP, unix paths, abstract names and inherited descriptors.
 *
 * <p><b>How it waits.</b> In blocking mode (the default), an accept that finds no connection waits
 * the JDK's way: the accept fails ({@code EAGAIN}), the JDK re-arms a one-shot registration of the
 * socket in its poller ({@code epoll_ctl}) and parks the acceptor. Once {@link
 * #acceptThrough(ReadinessPoller)} gave it the process's readiness poller, the socket is
 * non-blocking and registered there once for its life: the acceptor accepts until none is left,
 * then parks until the poller counts the next edge, without a system call (how HAProxy's
 * listeners stay in its poller and accept until {@code EAGAIN}).
 */
final class ChannelListener implements ListeningEndpoint {
    private final ServerSocketChannel channel;
    /** The listening socket's edges, once in the readiness poller; set before the acceptor starts. */
    private volatile ReadReadiness readiness = ReadReadiness.UNTRACKED;
    private final boolean unixDomain;
    private final String description;
    /** Whether a pause may stop listening: only a TCP socket bound to a port of its own choosing. */
    private final boolean ownPort;

    ChannelListener(ServerSocketChannel channel, boolean unixDomain, String description) {
        this(channel, unixDomain, description, false);
    }

    /**
     * @param ownPort whether this process bound the socket to an explicit TCP port: after a
     *                shutdown, Linux keeps such a port for the next listen(), while a port the
     *                kernel chose (an inherited {@code fd@} bound to port 0, as VTest's are) is
     *                released and a listen() would pick another
     */
    ChannelListener(ServerSocketChannel channel, boolean unixDomain, String description, boolean ownPort) {
        this.channel = channel;
        this.unixDomain = unixDomain;
        this.description = description;
        this.ownPort = ownPort;
    }

    @Override
    public void acceptThrough(ReadinessPoller poller) {
        if (!poller.enabled() || readiness.tracked()) {
            return;
        }
        try {
            channel.configureBlocking(false);
            ReadReadiness tracked = poller.trackListening(channel);
            if (!tracked.tracked()) {
                channel.configureBlocking(true);
            }
            readiness = tracked;
        } catch (IOException e) {
            // a closed channel: its acceptor's accept will say so, the JDK's way
        }
    }

    @Override
    public Socket accept() throws IOException {
        ReadReadiness edges = readiness;
        if (!edges.tracked()) {
            return ChannelBridge.socket(channel.accept(), unixDomain);
        }
        while (edges.polled()) {
            int edgesBefore = edges.edges();
            SocketChannel accepted = channel.accept(); // null: none left (EAGAIN)
            if (accepted != null) {
                return ChannelBridge.socket(accepted, unixDomain);
            }
            edges.readReturned(edgesBefore, 0, 1);
            // Returns at the next edge, or at once when closed or interrupted: the accept then says which.
            edges.awaitReadable();
        }
        // The poller stopped: block the JDK's way from now on.
        readiness = ReadReadiness.UNTRACKED;
        edges.close();
        channel.configureBlocking(true);
        return ChannelBridge.socket(channel.accept(), unixDomain);
    }

    @Override
    public void close() {
        try {
            if (channel.isOpen()) {
                ChannelBridge.shutdownListening(channel);
            }
        } catch (IOException ignored) {
            // not listening any more, or never was: closing below is all that is left to do
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing a listening socket only fails on a bad descriptor: nothing left to release.
        }
        readiness.close(); // wakes the acceptor if it waits for an edge: its accept then fails
    }

    @Override
    public boolean canStopListening() {
        return ownPort;
    }

    /** A shutdown stops listening for every holder of the socket; a listen() starts again (HAProxy's pause). */
    @Override
    public void pause() throws IOException {
        ChannelBridge.shutdownListening(channel);
    }

    @Override
    public void resume() throws IOException {
        ChannelBridge.listenAgain(channel, 0);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public SocketAddress localAddress() {
        try {
            return channel.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
