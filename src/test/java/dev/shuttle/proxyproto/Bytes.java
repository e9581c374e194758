package dev.shuttle.proxyproto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/** Test helpers: hex and ASCII to bytes, and a version 2 block put together by hand. */
final class Bytes {
    static final String SIGNATURE = "0d0a0d0a000d0a515549540a";

    private Bytes() {}

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A version 2 block: signature, version/command byte, family/protocol byte, length, then {@code body}. */
    static byte[] v2(int versionCommand, int familyProtocol, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(hex(SIGNATURE));
        out.write(versionCommand);
        out.write(familyProtocol);
        out.write(body.length >>> 8);
        out.write(body.length);
        out.writeBytes(body);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** A TLV of {@code type} with {@code length} bytes of 'A'. */
    static byte[] tlv(int type, int length) {
        byte[] bytes = new byte[3 + length];
        bytes[0] = (byte) type;
        bytes[1] = (byte) (length >>> 8);
        bytes[2] = (byte) length;
        Arrays.fill(bytes, 3, bytes.length, (byte) 'A');
        return bytes;
    }
}
