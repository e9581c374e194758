package dev.shuttle.net;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;

/**
 * Opens outgoing connections to the {@link Address} values of {@code server} lines.
 *
 * <p>All sockets are JDK channels in blocking mode, whose blocking calls park virtual threads
 * (see {@link ChannelBridge} for the families the public API cannot reach). Socket tuning (for
 * instance {@code TCP_NODELAY}) is the caller's.
 */
public final class Connector {
    private Connector() {
    }

    /**
     * Connects to a server address that names its port; see {@link #connect(Address, int, int)}
     * for addresses without a port or with a port offset.
     */
    public static Socket connect(Address address, int connectTimeoutMillis) throws IOException {
        return connect(address, 0, connectTimeoutMillis);
    }

    /**
     * Connects to a server address.
     *
     * @param clientPort the port the client connected to: used when the server has no port, and
     *     as the base of a {@code +N}/{@code -N} offset (HAProxy manual, "server", {@code <port>})
     * @param connectTimeoutMillis 0 for no timeout (unix sockets connect at once or fail)
     */
    public static Socket connect(Address address, int clientPort, int connectTimeoutMillis) throws IOException {
        return connect(address, clientPort, connectTimeoutMillis, ConnectOptions.NONE);
    }

    /**
     * Connects to a server address, the TCP socket bound and tuned as {@code options} say before
     * it connects (UNIX sockets ignore them).
     */
    public static Socket connect(Address address, int clientPort, int connectTimeoutMillis, ConnectOptions options)
            throws IOException {
        return switch (address) {
            case Address.Inet inet -> connectInet(inet, clientPort, connectTimeoutMillis, options);
            case Address.UnixPath unix -> {
                SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(unix.path()));
                yield ChannelBridge.socket(channel, true);
            }
            case Address.AbstractName name -> AbstractSockets.connect(name, connectTimeoutMillis);
            case Address.InheritedFd fd -> throw new IOException("cannot connect to " + fd);
        };
    }

    private static Socket connectInet(Address.Inet inet, int clientPort, int timeoutMillis, ConnectOptions options)
            throws IOException {
        int port = inet.portOffset() ? clientPort + inet.portLow() : inet.hasNoPort() ? clientPort : inet.portLow();
        if (port < 1 || port > 65535) {
            throw new IOException("no valid port to connect to " + inet + " (client port " + clientPort + ")");
        }
        InetAddress ip = HostResolver.resolve(inet);
        Socket socket = tcpSocket(ip, options);
        try {
            if (options.tos() >= 0) {
                // IP_TOS (StandardSocketOptions); the JDK applies it to IPv6's traffic class too.
                socket.setTrafficClass(options.tos());
            }
            if (options.source().isPresent()) {
                Address.Inet source = options.source().get();
                socket.bind(new InetSocketAddress(HostResolver.resolve(source), source.portLow()));
            }
            socket.connect(new InetSocketAddress(ip, port), Math.max(0, timeoutMillis));
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * A TCP socket for a connection to {@code ip}: the {@link Socket} face of a JDK channel of the
     * address's own family. A {@code new Socket()} would be an IPv6 socket for every address (one
     * more {@code setsockopt} for {@code IPV6_V6ONLY}, IPv4 through the IPv6 stack's mapping), and its
     * close would read {@code SO_LINGER} and shut the output down before closing, where a channel
     * just closes (docs/benchmarks.md, "The cost of a new connection"). A source bound to an IPv6
     * address keeps an IPv6 socket, as before.
     */
    private static Socket tcpSocket(InetAddress ip, ConnectOptions options) throws IOException {
        boolean ipv6Source = options.source().isPresent()
                && HostResolver.resolve(options.source().get()) instanceof Inet6Address;
        ProtocolFamily family = ip instanceof Inet4Address && !ipv6Source
                ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
        SocketChannel channel = SocketChannel.open(family);
        VirtualThreadSockets.nonBlockingBeforeConnect(channel);
        return channel.socket();
    }
}
