package dev.shuttle.server;

import dev.shuttle.config.ConnectionPooling;
import dev.shuttle.net.Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * One server's {@link ConnectionHash}es: computed once when its destination is fixed, per request
 * only when the port follows the client's (a server without a port, or with {@code +N}) or the
 * whole destination does (a transparent server, {@code 0.0.0.0}: see {@link #forDestination}).
 * The server's {@code source} address is part of each.
 */
final class ConnectionHashes {
    private final long target;
    private final Address address;
    /** The server's IP address, parsed once, when its port follows the client's; else null. */
    private final InetAddress ip;
    private final Optional<Address.Inet> source;
    private final long fixed;

    ConnectionHashes(long target, Address address, ConnectionPooling pooling) {
        this.target = target;
        this.address = address;
        this.source = pooling.source();
        this.ip = followsClientPort() ? literal((Address.Inet) address) : null;
        this.fixed = followsClientPort() ? 0 : start().destination(address, fixedPort()).build();
    }

    long forClientPort(int clientPort) {
        if (!followsClientPort()) {
            return fixed;
        }
        Address.Inet inet = (Address.Inet) address;
        int port = inet.portOffset() ? clientPort + inet.portLow() : clientPort;
        ConnectionHash.Builder builder = start();
        return (ip != null ? builder.destination(ip, port) : builder.destination(address.toString(), port)).build();
    }

    /** The hash of a connection of a transparent server to the destination its request chose. */
    long forDestination(Address destination, int port) {
        return start().destination(destination, port).build();
    }

    private ConnectionHash.Builder start() {
        ConnectionHash.Builder builder = new ConnectionHash.Builder().target(target);
        source.ifPresent(inet -> builder.source(inet.host(), inet.portLow()));
        return builder;
    }

    private boolean followsClientPort() {
        return address instanceof Address.Inet inet && (inet.portOffset() || inet.hasNoPort());
    }

    private int fixedPort() {
        return address instanceof Address.Inet inet ? inet.portLow() : 0;
    }

    /** A resolved server's host is a literal: parsing it looks nothing up. */
    private static InetAddress literal(Address.Inet inet) {
        if (inet.host().isEmpty()) {
            return null;
        }
        try {
            return InetAddress.getByName(inet.host().indexOf(':') >= 0 ? "[" + inet.host() + "]" : inet.host());
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
