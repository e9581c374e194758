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

    ChannelListener(ServerSocketChannel channel, boolean unixDomain, String description) {
        this.channel = channel;
        this.unixDomain = unixDomain;
        this.description = description;
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
