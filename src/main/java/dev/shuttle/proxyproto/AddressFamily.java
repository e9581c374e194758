package dev.shuttle.proxyproto;

/**
 * The address family of a version 2 header (proxy-protocol.txt §2.2, the high nibble of byte 14),
 * with the length of the address block it implies under the PROXY command.
 */
public enum AddressFamily {
    /** 0x0: unknown or unspecified; no address block. */
    UNSPEC(0x0, 0),
    /** 0x1: IPv4: 4-byte source and destination, 2-byte ports (12 bytes). */
    INET(0x1, 12),
    /** 0x2: IPv6: 16-byte source and destination, 2-byte ports (36 bytes). */
    INET6(0x2, 36),
    /** 0x3: UNIX sockets: two 108-byte paths (216 bytes). */
    UNIX(0x3, 216);

    private final int code;
    private final int addressBlockLength;

    AddressFamily(int code, int addressBlockLength) {
        this.code = code;
        this.addressBlockLength = addressBlockLength;
    }

    public int code() {
        return code;
    }

    /** The length of the address block that follows the 16-byte header under the PROXY command. */
    public int addressBlockLength() {
        return addressBlockLength;
    }

    /** The family of a nibble, or null for the values the spec leaves undefined. */
    static AddressFamily of(int code) {
        for (AddressFamily family : values()) {
            if (family.code == code) {
                return family;
            }
        }
        return null;
    }
}
