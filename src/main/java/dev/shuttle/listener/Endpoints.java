package dev.shuttle.listener;

import dev.shuttle.net.AbstractSockets;
import dev.shuttle.net.Address;
import dev.shuttle.net.BindSocketOptions;
import dev.shuttle.net.ChannelBridge;
import dev.shuttle.net.Connector;
import dev.shuttle.net.HostResolver;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates listening endpoints from the {@link Address} values of {@code bind} lines (outgoing
 * connections for {@code server} lines are {@link Connector}'s).
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

    private static List<ListeningEndpoint> bindInet(Address.Inet inet, BindSocketOptions options) throws IOException {
        InetAddress ip = HostResolver.resolve(inet);
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
        return new ChannelListener(channel, false, description, port != 0);
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

    /** The system's wording of the error ("Address already in use"), without the JDK's decorations. */
    private static String reason(IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int colon = message.indexOf(": ");
        return colon > 0 && message.startsWith("Bind failed") ? message.substring(colon + 2) : message;
    }
}
