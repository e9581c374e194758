package dev.shuttle.server;

import dev.shuttle.net.Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The 64-bit key under which a server connection waits in its server's idle pool: two connections
 * with the same hash are interchangeable, so a request may take any idle connection whose hash
 * equals the one computed for it.
 *
 * <p>HAProxy (configuration.txt, "http-reuse": "Those are the SSL SNI, source and destination
 * address and proxy protocol block"; connection.h, {@code struct conn_hash_params}) hashes the
 * target server, the SNI, the destination address, the source address (for {@code source} /
 * {@code usesrc} and transparent proxying), the PROXY-protocol header sent to the server, the mark
 * and TOS set on the socket ({@code set-mark}/{@code set-tos}), and, since 3.0, a connection name
 * ({@code pool-conn-name}). Each parameter that is present mixes its own tag into the hash, so that
 * an absent parameter never collides with a present but empty one. Shuttle mixes the target, the
 * destination by family ({@link Builder#destination(Address, int)}: a transparent server's per
 * request), the {@code source} address, the TOS of {@code set-bc-tos}, the connection name
 * ({@code pool-conn-name}, else the SNI of a TLS server) and the ALPN protocols offered
 * ({@link #withName}), and for a {@code send-proxy*} server the PROXY header ({@link #withProxyHeader}).
 *
 * <p>Like HAProxy, a lookup trusts the hash alone: the mix below spreads every input bit over the
 * 64 bits (the finalizer of SplitMix64), so two different parameter sets of a server collide with
 * a probability near 2^-64.
 */
public final class ConnectionHash {
    /** The tag of each parameter, mixed in with its value; new parameters take new tags. */
    private enum Parameter {
        TARGET, DESTINATION_HOST, DESTINATION_PORT, CONNECTION_NAME, ALPN,
        // The destination by family (seed 000, GH#2765): each family its own tag, so that a UNIX
        // path never shares a connection with an abstract name written alike.
        DESTINATION_IPV4, DESTINATION_IPV6, DESTINATION_UNIX, DESTINATION_ABNS, DESTINATION_ABNSZ,
        DESTINATION_SOCKPAIR,
        SOURCE_HOST, SOURCE_PORT, TOS, MARK,
        // The PROXY header sent to the server: a connection that carries one client's is that client's.
        PROXY_HEADER,
        // TLS on the connection: a server's TLS changes at run time (set server ... ssl).
        TLS
    }

    private ConnectionHash() {}

    /**
     * The hash of a connection to {@code target} at {@code destinationHost}:{@code destinationPort}.
     *
     * @param destinationHost a text that identifies the address (IP literal, UNIX socket path...)
     * @param destinationPort the TCP port, which differs between connections of one server when it
     *                        was declared without a port or with a {@code +N} offset; 0 for none
     */
    public static long of(long target, String destinationHost, int destinationPort) {
        return new Builder().target(target).destination(destinationHost, destinationPort).build();
    }

    /**
     * The hash of a connection with a name and ALPN: {@code base} (the server and destination) with
     * its name, if any, and the ALPN protocols it offers, if any. The name is the value of {@code
     * pool-conn-name} when the server has one (seed 000: it "replaces SNI as arbitrary identifier for
     * connections in the idle pool"), else the SNI a TLS connection sends (configuration.txt,
     * "http-reuse": a connection with another SNI is another connection). A connection with
     * neither keeps {@code base}.
     */
    public static long withName(long base, Optional<String> name, List<String> alpn) {
        Builder builder = new Builder(base);
        name.ifPresent(builder::connectionName);
        if (!alpn.isEmpty()) {
            builder.alpn(String.join(",", alpn));
        }
        return builder.build();
    }

    /**
     * The hash of a connection that starts with {@code proxyHeader} ({@code send-proxy*}): {@code
     * base} with the header's bytes (configuration.txt, "http-reuse": the "proxy protocol block" is
     * part of the key). A header names its client's address and port, so a connection that carries
     * one client's header is found again only by that client: private to it, as in HAProxy.
     */
    public static long withProxyHeader(long base, byte[] proxyHeader) {
        return new Builder(base).proxyHeader(proxyHeader).build();
    }

    /**
     * Mixes the parameters a connection has, one call each; a parameter a connection lacks is not
     * mixed at all. The place where SNI, PROXY-protocol addresses, mark, TOS and a connection name
     * will go, each with a tag of its own.
     */
    public static final class Builder {
        private long hash;

        public Builder() {}

        /** Goes on from a hash already made (a server's destination hash). */
        public Builder(long start) {
            hash = start;
        }

        /** The connection's name in the pool: {@code pool-conn-name}'s value, else the TLS server name sent. */
        public Builder connectionName(String name) {
            return mix(Parameter.CONNECTION_NAME, text(name));
        }

        /** The ALPN protocols offered, comma-separated in order. */
        public Builder alpn(String protocols) {
            return mix(Parameter.ALPN, text(protocols));
        }

        /** A connection that speaks TLS, apart from the plain ones of the same server. */
        public Builder tls() {
            return mix(Parameter.TLS, 1);
        }

        /** The PROXY header sent first on the connection, all of its bytes. */
        public Builder proxyHeader(byte[] header) {
            return mix(Parameter.PROXY_HEADER, bytes(header));
        }

        /** The server, by a number unique in the process. */
        public Builder target(long serverId) {
            return mix(Parameter.TARGET, serverId);
        }

        /**
         * Where the connection goes, for an address of no family known here: the whole address as
         * text, and the TCP port (0 for none). As HAProxy does since GH#2765 for an unknown family,
         * nothing of the address is left out.
         */
        public Builder destination(String host, int port) {
            return mix(Parameter.DESTINATION_HOST, text(host)).mix(Parameter.DESTINATION_PORT, port);
        }

        /** Where the connection goes, by family: an IPv4 or IPv6 address (its bytes) and the TCP port. */
        public Builder destination(InetAddress ip, int port) {
            byte[] bytes = ip.getAddress();
            if (bytes.length == 4) {
                mix(Parameter.DESTINATION_IPV4, bits(bytes, 0, 4));
            } else {
                mix(Parameter.DESTINATION_IPV6, bits(bytes, 0, 8)).mix(Parameter.DESTINATION_IPV6, bits(bytes, 8, 8));
            }
            return mix(Parameter.DESTINATION_PORT, port);
        }

        /**
         * Where the connection goes, for each family an {@link Address} can name (seed 000:
         * "destination address for every family"): IP addresses by their bytes (a host name, which a
         * server line resolves at startup, by its text), a UNIX path, an {@code abns@} or {@code
         * abnsz@} name (apart: the kernel never matches one with the other), a socket pair's
         * descriptor.
         */
        public Builder destination(Address address, int port) {
            return switch (address) {
                case Address.Inet inet -> {
                    InetAddress ip = literal(inet);
                    yield ip != null ? destination(ip, port) : destination(inet.toString(), port);
                }
                case Address.UnixPath unix -> mix(Parameter.DESTINATION_UNIX, text(unix.path().toString()));
                case Address.AbstractName name -> mix(name.zeroTerminated() ? Parameter.DESTINATION_ABNSZ
                        : Parameter.DESTINATION_ABNS, text(name.name()));
                case Address.InheritedFd fd -> mix(Parameter.DESTINATION_SOCKPAIR, fd.fd());
            };
        }

        /** The local address the connection is bound to ({@code source}): address as text, port (0: any). */
        public Builder source(String host, int port) {
            return mix(Parameter.SOURCE_HOST, text(host)).mix(Parameter.SOURCE_PORT, port);
        }

        /** The IP TOS byte set on the connection ({@code set-bc-tos}). */
        public Builder tos(int tos) {
            return mix(Parameter.TOS, tos);
        }

        /** The netfilter mark set on the connection ({@code set-bc-mark}; refused at load by Shuttle today). */
        public Builder mark(long mark) {
            return mix(Parameter.MARK, mark);
        }

        public long build() {
            return hash;
        }

        private Builder mix(Parameter parameter, long value) {
            hash = finish(hash * 31 + ((long) (parameter.ordinal() + 1) << 56) + value);
            return this;
        }
    }

    /**
     * An IP literal as an address, or null for a host name (a server's host is resolved once, at
     * startup, so what is left here is a literal: {@code getByName} of a literal looks nothing up).
     */
    private static InetAddress literal(Address.Inet inet) {
        String host = inet.host();
        if (host.isEmpty() || !(host.indexOf(':') >= 0 || IPV4_LITERAL.matcher(host).matches())) {
            return null;
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static final Pattern IPV4_LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

    /** {@code count} bytes from {@code offset}, big-endian, as one long. */
    private static long bits(byte[] bytes, int offset, int count) {
        long value = 0;
        for (int i = 0; i < count; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xff);
        }
        return value;
    }

    /**
     * A text as 64 bits (FNV-1a over its UTF-16 units), so that two texts collide no more often
     * than the rest of the hash does; {@code String.hashCode()} has only 32 bits, and texts such
     * as "Aa" and "BB" share it.
     */
    static long text(String value) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < value.length(); i++) {
            h = (h ^ value.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }

    /** Bytes as 64 bits (FNV-1a), as {@link #text} does for texts. */
    static long bytes(byte[] value) {
        long h = 0xcbf29ce484222325L;
        for (byte b : value) {
            h = (h ^ (b & 0xFF)) * 0x100000001b3L;
        }
        return h;
    }

    /** SplitMix64's finalizer: every input bit affects every output bit. */
    private static long finish(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
