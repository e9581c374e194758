package dev.shuttle.backend;

import dev.shuttle.net.Address;
import dev.shuttle.net.AddressException;
import dev.shuttle.net.AddressParser;
import dev.shuttle.net.ConnectOptions;
import dev.shuttle.net.Connector;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.server.Server;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;

/**
 * Where a request's connection to a server goes and how its socket is set up: the server's own
 * address, or for a transparent server ({@code server ... 0.0.0.0[:port]}) the request's
 * destination; the server's (or backend's) {@code source}; the TOS of {@code set-bc-tos}. The pool
 * key ({@link ConnectionKeys}) and the connect ({@link ServerTransport#dial}) read the same answers,
 * so a request never reuses a connection opened for another destination (GH#2765).
 */
final class ServerDestinations {
    private ServerDestinations() {}

    /**
     * A transparent server's destination for the current request (configuration.txt §5.2,
     * "server" {@code <address>}: 0.0.0.0 or :: connects to the address the client reached, as
     * {@code set-dst} left it): {@code dst} with the server's port rule (none: {@code dst}'s port;
     * {@code +N}: {@code dst}'s port plus N; a fixed port), or the UNIX or abstract socket that
     * {@code set-dst} named. Empty when the request has no destination (a client that came over a
     * UNIX socket, without {@code set-dst}).
     */
    static Optional<Address> transparent(Server server, SampleContext context) {
        Optional<String> socket = context.destinationSocket();
        if (socket.isPresent()) {
            try {
                return Optional.of(AddressParser.parseServer(socket.get()));
            } catch (AddressException e) {
                return Optional.empty();
            }
        }
        Optional<InetSocketAddress> destination = context.destination();
        if (destination.isEmpty()) {
            return Optional.empty();
        }
        Address.Inet declared = (Address.Inet) server.config().address();
        int port = declared.portOffset() ? destination.get().getPort() + declared.portLow()
                : declared.hasNoPort() ? destination.get().getPort() : declared.portLow();
        return Optional.of(new Address.Inet(destination.get().getAddress().getHostAddress(), port,
                Address.Family.ANY));
    }

    /** The port of a destination (0 for a socket without one). */
    static int port(Address address) {
        return address instanceof Address.Inet inet ? inet.portLow() : 0;
    }

    /** How the socket is set up: the server's {@code source}, and the TOS if a rule set one (-1: none). */
    static ConnectOptions options(Server server, int tos) {
        return new ConnectOptions(server.config().pooling().source(), tos);
    }

    /**
     * Opens a new connection to {@code address} for {@code server}: directly, or through the
     * server's SOCKS4 proxy ({@code socks4}), which then connects to the address (a UNIX socket
     * server is always reached directly). Costs one field read when the server has no proxy.
     */
    static Socket connect(Server server, Address address, int clientPort, int timeoutMillis, ConnectOptions options)
            throws IOException {
        Optional<Address.Inet> socks4 = server.config().pooling().socks4().proxy();
        if (socks4.isEmpty() || !(address instanceof Address.Inet inet)) {
            return Connector.connect(address, clientPort, timeoutMillis, options);
        }
        return Socks4Tunnel.connect(socks4.get(), Socks4Tunnel.destination(inet, clientPort), timeoutMillis, options);
    }

    /** The address to connect to for this request, or a failure that names the transparent server without one. */
    static Address address(Server server, SampleContext context) throws IOException {
        if (!server.isTransparent()) {
            return server.address();
        }
        if (context == null) {
            throw new IOException(server.qualifiedName() + " is transparent and the request has no destination");
        }
        return transparent(server, context).orElseThrow(() -> new IOException(server.qualifiedName()
                + " is transparent and the request has no destination"));
    }
}
