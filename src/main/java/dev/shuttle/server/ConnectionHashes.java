package dev.shuttle.server;

import dev.shuttle.net.Address;

/**
 * One server's {@link ConnectionHash}es, computed once when its destination is fixed and per
 * request only when the port follows the client's (a server without a port, or with {@code +N}).
 */
final class ConnectionHashes {
    private final long target;
    private final Address address;
    private final String host;
    private final long fixed;

    ConnectionHashes(long target, Address address) {
        this.target = target;
        this.address = address;
        this.host = switch (address) {
            case Address.Inet inet -> inet.host();
            default -> address.toString();
        };
        this.fixed = followsClientPort() ? 0 : ConnectionHash.of(target, host, fixedPort());
    }

    long forClientPort(int clientPort) {
        if (!followsClientPort()) {
            return fixed;
        }
        Address.Inet inet = (Address.Inet) address;
        return ConnectionHash.of(target, host, inet.portOffset() ? clientPort + inet.portLow() : clientPort);
    }

    private boolean followsClientPort() {
        return address instanceof Address.Inet inet && (inet.portOffset() || inet.hasNoPort());
    }

    private int fixedPort() {
        return address instanceof Address.Inet inet ? inet.portLow() : 0;
    }
}
