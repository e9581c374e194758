package dev.shuttle.listener;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates sockets from {@link Address} values: listening endpoints for {@code bind} lines and
 * outgoing connections for {@code server} lines.
 *
 * <p>All sockets are JDK channels in blocking mode, whose blocking calls park virtual threads
 * (see {@link ChannelBridge} for the families the public API cannot reach). Socket tuning beyond
 * {@code SO_REUSEADDR} and the bind options (for instance {@code TCP_NODELAY}) is the caller's.
 * Bind failures read as HAProxy's: {@code cannot bind socket (Address already in use) [0.0.0.0:80]};
 * the caller adds {@code Starting frontend NAME: }.
 */
public final class Endpoints {
    private Endpoints() {
    }

    /** Binds {@code address}: one endpoint per port of a range, one for any other family. */
    public static List<ListeningEndpoint> bind(Address address, BindSocketOptions options) throws IOException {
        return switch (address) {
            case Address.Inet inet -> bindInet(inet, options);
            case Address.InheritedFd inherited -> List.of(InheritedSocket.open(inherited.fd(), options.backlog()));
            case Address.UnixPath unix -> List.of(bindUnixPath(unix, options));
            case Address.AbstractName name -> List.of(new ChannelListener(
                    AbstractSockets.bind(name, options.backlog()), true, name.toString()));
        };
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
        return switch (address) {
            case Address.Inet inet -> connectInet(inet, clientPort, connectTimeoutMillis);
            case Address.UnixPath unix -> {
                SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(unix.path()));
                yield ChannelBridge.socket(channel, true);
            }
            case Address.AbstractName name -> AbstractSockets.connect(name, connectTimeoutMillis);
            case Address.InheritedFd fd -> throw new IOException("cannot connect to " + fd);
        };
    }

    private static Socket connectInet(Address.Inet inet, int clientPort, int timeoutMillis) throws IOException {
        int port = inet.portOffset() ? clientPort + inet.portLow() : inet.hasNoPort() ? clientPort : inet.portLow();
        if (port < 1 || port > 65535) {
            throw new IOException("no valid port to connect to " + inet + " (client port " + clientPort + ")");
        }
        InetAddress ip = resolve(inet);
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(ip, port), Math.max(0, timeoutMillis));
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static List<ListeningEndpoint> bindInet(Address.Inet inet, BindSocketOptions options) throws IOException {
        InetAddress ip = resolve(inet);
        List<ListeningEndpoint> bound = new ArrayList<>();
        try {
            for (int port = inet.portLow(); port <= inet.portHigh(); port++) {
                bound.add(bindTcp(ip, port, options));
            }
        } catch (IOException e) {
            bound.forEach(ListeningEndpoint::close);
            throw e;
        }
        return bound;
    }

    private static ListeningEndpoint bindTcp(InetAddress ip, int port, BindSocketOptions options) throws IOException {
        boolean ipv6 = ip instanceof Inet6Address;
        String description = (ipv6 ? "[" + ip.getHostAddress() + "]" : ip.getHostAddress()) + ":" + port;
        ServerSocketChannel channel = ServerSocketChannel.open(ipv6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, options.reuseAddress());
            if (ipv6) {
                // The JDK leaves IPV6_V6ONLY off, which is what "v4v6" asks for.
                ChannelBridge.setIpv6Only(channel, options.v6only());
            }
            channel.bind(new InetSocketAddress(ip, port), options.backlog());
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot bind socket (" + reason(e) + ") [" + description + "]", e);
        }
        return new ChannelListener(channel, false, description);
    }

    private static ListeningEndpoint bindUnixPath(Address.UnixPath unix, BindSocketOptions options) throws IOException {
        String description = unix.toString();
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            UnixSocketFiles.removeStale(unix.path());
            channel.bind(UnixDomainSocketAddress.of(unix.path()), options.backlog());
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot bind UNIX socket (" + reason(e) + ") [" + unix.path() + "]", e);
        }
        try {
            UnixSocketFiles.applyOwnership(unix.path(), options);
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot change UNIX socket ownership (" + reason(e) + ") [" + unix.path() + "]", e);
        }
        return new ChannelListener(channel, true, description);
    }

    private static InetAddress resolve(Address.Inet inet) throws IOException {
        try {
            return HostResolver.resolve(inet.host(), inet.family());
        } catch (UnknownHostException e) {
            throw new IOException("could not resolve address '" + inet.host() + "'.", e);
        }
    }

    /** The system's wording of the error ("Address already in use"), without the JDK's decorations. */
    private static String reason(IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int colon = message.indexOf(": ");
        return colon > 0 && message.startsWith("Bind failed") ? message.substring(colon + 2) : message;
    }
}
