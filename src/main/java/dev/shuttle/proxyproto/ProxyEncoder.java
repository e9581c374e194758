package dev.shuttle.proxyproto;

/**
 * Writes a PROXY header as the bytes a sender puts first on a connection (proxy-protocol.txt §2:
 * "the sender must always ensure that the header is sent at once"): version 1 as its line
 * ({@link V1Line}), version 2 as its block ({@link V2Block}), TLVs in the header's order, and the
 * CRC32C of the whole header computed into a CRC32C TLV when the header has one.
 */
public final class ProxyEncoder {
    private ProxyEncoder() {}

    public static byte[] encode(ProxyHeader header) {
        return header.version() == 1 ? V1Line.encode(header) : V2Block.encode(header);
    }
}
