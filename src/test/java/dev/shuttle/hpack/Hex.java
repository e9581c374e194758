package dev.shuttle.hpack;

import java.util.HexFormat;

/** Hex strings as the RFC prints them (spaces allowed) to bytes and back. */
final class Hex {
    private Hex() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static String of(BlockBuffer buffer) {
        return HexFormat.of().formatHex(buffer.toByteArray());
    }
}
