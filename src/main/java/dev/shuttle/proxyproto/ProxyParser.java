package dev.shuttle.proxyproto;

/**
 * Reads a PROXY header, version 1 or 2, from the first bytes a connection received
 * (proxy-protocol.txt §2: the header comes before any other byte, and the receiver tells the
 * versions apart by their first bytes, {@code "PROXY "} or the 12-byte binary signature).
 *
 * <p>Incremental without keeping state: given the bytes received so far it answers either a whole
 * header and its length (the bytes after it belong to the next layer), or how many bytes it needs
 * at least before it can say more ({@link Parsed.NeedMore}), or refuses with the {@code PRX_*} code
 * of the first rule broken ({@link ProxyParseError}). Bytes that can only start something else are
 * refused at once, so a receiver fed one byte at a time never waits for a header that cannot come;
 * the code is HAProxy 3.5's for that many bytes ({@link #notAHeader}). Version 1 lines are read by
 * {@link V1Line}, version 2 blocks by {@link V2Block}.
 */
public final class ProxyParser {
    /** What the bytes so far amount to. */
    public sealed interface Parsed {
        /** Not enough bytes yet: at least {@code atLeast} in all are needed before the parser can decide. */
        record NeedMore(int atLeast) implements Parsed {}

        /** A whole header, which took the first {@code length} bytes. */
        record Complete(ProxyHeader header, int length) implements Parsed {}
    }

    private ProxyParser() {}

    /**
     * Parses the header at the start of {@code bytes[offset, offset + length)}.
     *
     * @throws ProxyParseError {@code PRX_NOT_HDR}, {@code PRX_BAD_HDR}, {@code PRX_BAD_PROTO}, or
     *                         {@code PRX_TRUNCATED} for a header larger than {@code limits} allow to hold
     */
    public static Parsed parse(byte[] bytes, int offset, int length, ReceiverLimits limits) throws ProxyParseError {
        if (length == 0) {
            return new Parsed.NeedMore(1);
        }
        return switch (bytes[offset]) {
            case 'P' -> V1Line.parse(bytes, offset, length, limits);
            case 0x0D -> V2Block.parse(bytes, offset, length, limits);
            default -> throw notAHeader(length, "no PROXY signature");
        };
    }

    /**
     * The refusal of {@code length} bytes that start no header: {@code PRX_NOT_HDR} once they are at
     * least a version 2 header's fixed part (16 bytes), {@code PRX_TRUNCATED} before. HAProxy 3.5
     * decides so: it tells "not a header" only after it could check the whole v2 signature and
     * version, and calls fewer bytes a truncated header (conn_recv_proxy, seen live: 11 bytes of
     * "GARBAGE\r\n\r\n" are logged "Truncated PROXY protocol header received", fc_err 14).
     */
    static ProxyParseError notAHeader(int length, String reason) {
        return length < V2Block.FIXED_LENGTH
                ? new ProxyParseError(ProxyParseError.Code.PRX_TRUNCATED, reason + " in fewer than 16 bytes")
                : new ProxyParseError(ProxyParseError.Code.PRX_NOT_HDR, reason);
    }

    /** Parses a whole header held in {@code bytes}; fewer bytes than a header are {@code PRX_TRUNCATED}. */
    public static Parsed.Complete parseWhole(byte[] bytes, ReceiverLimits limits) throws ProxyParseError {
        Parsed parsed = parse(bytes, 0, bytes.length, limits);
        if (parsed instanceof Parsed.Complete complete) {
            return complete;
        }
        throw new ProxyParseError(ProxyParseError.Code.PRX_TRUNCATED, "the header ends early");
    }

    /** Whether {@code bytes[offset, offset + length)} agree with {@code expected}'s first bytes. */
    static boolean startsLike(byte[] bytes, int offset, int length, byte[] expected) {
        int n = Math.min(length, expected.length);
        for (int i = 0; i < n; i++) {
            if (bytes[offset + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
