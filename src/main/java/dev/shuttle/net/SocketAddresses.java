package dev.shuttle.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;

/**
 * The addresses of a connected socket, whatever its family. The JDK's socket adaptor over a UNIX
 * channel fails on the {@code InetAddress}-shaped getters, so these ask the channel instead.
 */
public final class SocketAddresses {
    private SocketAddresses() {}

    /**
     * The local address: an {@link InetSocketAddress}, a {@code UnixDomainSocketAddress}, or null
     * once closed. Each call asks the kernel ({@code getsockname}): read it once per connection.
     */
    public static SocketAddress local(Socket socket) {
        SocketChannel channel = socket.getChannel();
        if (channel == null) {
            return socket.getLocalSocketAddress();
        }
        try {
            return channel.getLocalAddress();
        } catch (IOException closed) {
            return null;
        }
    }

    /** The peer's address, or null once closed. */
    public static SocketAddress remote(Socket socket) {
        SocketChannel channel = socket.getChannel();
        if (channel == null) {
            return socket.getRemoteSocketAddress();
        }
        try {
            return channel.getRemoteAddress();
        } catch (IOException closed) {
            return null;
        }
    }

    /** The TCP port of an address, or 0 for a UNIX socket's (or none). */
    public static int port(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getPort() : 0;
    }

    /** {@code ip:port} for TCP, as HAProxy logs it; {@code unix:1} for UNIX sockets, as HAProxy logs those. */
    public static String describe(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return "unix:1";
    }
}
