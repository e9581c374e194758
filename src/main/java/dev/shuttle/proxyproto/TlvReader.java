package dev.shuttle.proxyproto;

import java.io.ByteArrayOutputStream;
import java.util.List;

/** Reads and writes a run of TLVs (proxy-protocol.txt §2.2): the header's, or an SSL TLV's sub-TLVs. */
final class TlvReader {
    private TlvReader() {}

    /**
     * Reads the TLVs of {@code bytes[from, to)} into {@code out}. A TLV whose 3-byte header or value
     * runs past {@code to} (its parent's end) is refused.
     */
    static void read(byte[] bytes, int from, int to, List<Tlv> out) throws ProxyParseError {
        int at = from;
        while (at < to) {
            if (at + Tlv.HEADER_LENGTH > to) {
                throw new ProxyParseError(ProxyParseError.Code.PRX_BAD_HDR, "TLV header overruns its parent");
            }
            int type = bytes[at] & 0xFF;
            int length = (bytes[at + 1] & 0xFF) << 8 | (bytes[at + 2] & 0xFF);
            int valueStart = at + Tlv.HEADER_LENGTH;
            if (valueStart + length > to) {
                throw new ProxyParseError(ProxyParseError.Code.PRX_BAD_HDR, "TLV 0x" + Integer.toHexString(type)
                        + " of " + length + " bytes overruns its parent");
            }
            byte[] value = new byte[length];
            System.arraycopy(bytes, valueStart, value, 0, length);
            out.add(new Tlv(type, value));
            at = valueStart + length;
        }
    }

    static void write(ByteArrayOutputStream out, Tlv tlv) {
        out.write(tlv.type());
        out.write(tlv.length() >>> 8);
        out.write(tlv.length());
        out.writeBytes(tlv.value());
    }
}
