package dev.shuttle.server;

import java.util.List;
import java.util.Optional;

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
 * an absent parameter never collides with a present but empty one. Shuttle has, today, the
 * target, the destination, the connection name ({@code pool-conn-name}, else the SNI of a TLS
 * server) and the ALPN protocols offered ({@link #withName}); the other parameters get their tag and a {@link Builder} method once the
 * feature that sets them exists (PROXY with {@code send-proxy}, {@code pool-conn-name}...).
 *
 * <p>Like HAProxy, a lookup trusts the hash alone: the mix below spreads every input bit over the
 * 64 bits (the finalizer of SplitMix64), so two different parameter sets of a server collide with
 * a probability near 2^-64.
 */
public final class ConnectionHash {
    /** The tag of each parameter, mixed in with its value; new parameters take new tags. */
    private enum Parameter { TARGET, DESTINATION_HOST, DESTINATION_PORT, CONNECTION_NAME, ALPN }

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
     * Mixes the parameters a connection has, one call each; a parameter a connection lacks is not
     * mixed at all. The place where SNI, PROXY-protocol addresses, mark, TOS and a connection name
     * will go, each with a tag of its own.
     */
    public static final class Builder {
        private long hash;

        public Builder() {}

        /** Goes on from a hash already made (a server's destination hash). */
        Builder(long start) {
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

        /** The server, by a number unique in the process. */
        public Builder target(long serverId) {
            return mix(Parameter.TARGET, serverId);
        }

        /** Where the connection goes: the address as text and the TCP port (0 for none). */
        public Builder destination(String host, int port) {
            return mix(Parameter.DESTINATION_HOST, text(host)).mix(Parameter.DESTINATION_PORT, port);
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

    /** SplitMix64's finalizer: every input bit affects every output bit. */
    private static long finish(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
