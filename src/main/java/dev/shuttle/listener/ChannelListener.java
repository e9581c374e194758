package dev.shuttle.listener;

import dev.shuttle.net.ChannelBridge;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;

/**
 * A {@link ListeningEndpoint} over a JDK {@link ServerSocketChannel} in blocking mode, for every
 * family Shuttle binds: TCP, unix paths, abstract names and inherited descriptors.
 */
final class ChannelListener implements ListeningEndpoint {
    private final ServerSocketChannel channel;
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
    public Socket accept() throws IOException {
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
