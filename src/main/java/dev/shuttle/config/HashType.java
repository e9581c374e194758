package dev.shuttle.config;

import java.util.Locale;

/**
 * {@code hash-type <method> [<function>] [avalanche]} (configuration.txt, "hash-type"): how a
 * hashing {@code balance} turns a request's key into a server.
 *
 * @param consistent whether servers sit on a consistent-hash ring ({@code consistent}) rather than
 *                   in a table indexed by the hash modulo the total weight ({@code map-based})
 * @param function   the function that hashes the key's bytes
 * @param avalanche  whether the hash is passed through the full avalanche hash afterwards
 */
public record HashType(boolean consistent, Function function, boolean avalanche) {
    /** What a backend without {@code hash-type} uses: {@code map-based sdbm}. */
    public static final HashType DEFAULT = new HashType(false, Function.SDBM, false);

    /** The hash functions of {@code hash-type}. */
    public enum Function {
        SDBM, DJB2, WT6, CRC32,
        /** The key is a decimal number that is its own hash. */
        NONE;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The method's keyword, for messages. */
    public String method() {
        return consistent ? "consistent" : "map-based";
    }
}
