package dev.shuttle.stats.proxy;

import dev.shuttle.net.Address;
import dev.shuttle.server.Server;

/**
 * A server's {@code addr} column: {@code <ip>:<port>}, an IPv6 address in brackets, {@code unix}
 * for a unix socket (management.txt §9.1 field 73). Shuttle prints the host as configured where
 * HAProxy prints the address a name resolved to.
 */
final class ServerAddresses {
    private ServerAddresses() {}

    static String text(Server server) {
        return switch (server.address()) {
            case Address.Inet inet -> (inet.host().indexOf(':') >= 0 ? "[" + inet.host() + "]" : inet.host())
                    + ":" + (inet.portOffset() ? 0 : inet.portLow());
            case Address.UnixPath unused -> "unix";
            case Address.AbstractName unused -> "unix";
            case Address.InheritedFd fd -> fd.toString();
        };
    }
}
