package dev.shuttle.proxyproto;

import java.util.Arrays;

/**
 * The address block of a header: the client ({@code source}) and the address it reached ({@code
 * destination}), as raw bytes in network order: 4 bytes for IPv4, 16 for IPv6, 108 for a UNIX
 * socket path (NUL-padded); ports are 0 for UNIX sockets.
 */
public record ProxyAddresses(byte[] source, byte[] destination, int sourcePort, int destinationPort) {
    public ProxyAddresses {
        source = source.clone();
        destination = destination.clone();
        if (source.length != destination.length) {
            throw new IllegalArgumentException("source and destination of different lengths");
        }
        if ((sourcePort | destinationPort) >>> 16 != 0) {
            throw new IllegalArgumentException("port out of range");
        }
    }

    /** IPv4 or IPv6 addresses (by their length) with their ports. */
    public static ProxyAddresses ip(byte[] source, int sourcePort, byte[] destination, int destinationPort) {
        if (source.length != 4 && source.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes");
        }
        return new ProxyAddresses(source, destination, sourcePort, destinationPort);
    }

    @Override
    public byte[] source() {
        return source.clone();
    }

    @Override
    public byte[] destination() {
        return destination.clone();
    }

    /** The family these addresses belong to, by their length. */
    public AddressFamily family() {
        return switch (source.length) {
            case 4 -> AddressFamily.INET;
            case 16 -> AddressFamily.INET6;
            default -> AddressFamily.UNIX;
        };
    }

    /** The source as text: dotted quad, RFC 5952 IPv6, or a UNIX path up to its first NUL. */
    public String sourceText() {
        return AddressText.format(source);
    }

    public String destinationText() {
        return AddressText.format(destination);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProxyAddresses that && Arrays.equals(source, that.source)
                && Arrays.equals(destination, that.destination) && sourcePort == that.sourcePort
                && destinationPort == that.destinationPort;
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(source) * 31 + Arrays.hashCode(destination)) * 31 + sourcePort * 65537 + destinationPort;
    }

    @Override
    public String toString() {
        return sourceText() + ":" + sourcePort + " -> " + destinationText() + ":" + destinationPort;
    }
}
