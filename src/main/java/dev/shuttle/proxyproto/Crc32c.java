package dev.shuttle.proxyproto;

import java.util.zip.CRC32C;

/**
 * The {@code PP2_TYPE_CRC32C} checksum (proxy-protocol.txt §2.2.3): CRC32c (Castagnoli, RFC 4960
 * appendix B) over the whole header, TLVs included, computed with the checksum field's own four
 * bytes taken as zero, sent in network order.
 */
public final class Crc32c {
    private Crc32c() {}

    /**
     * The checksum of the header {@code bytes[offset, offset + length)} whose CRC32C value sits at
     * {@code fieldOffset} (absolute), as if that field were zero.
     */
    public static int of(byte[] bytes, int offset, int length, int fieldOffset) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, fieldOffset - offset);
        crc.update(new byte[4]);
        int after = fieldOffset + 4;
        crc.update(bytes, after, offset + length - after);
        return (int) crc.getValue();
    }
}
