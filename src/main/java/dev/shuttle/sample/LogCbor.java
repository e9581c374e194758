package dev.shuttle.sample;

/**
 * The CBOR encoding of log-format values ({@code %{+cbor}o}, RFC 8949): maps, texts, byte
 * strings and integers, written through a {@link LogLineBuilder} (as hexadecimal digits unless
 * {@code +bin}).
 */
final class LogCbor {
    private LogCbor() {}

    /** A head: major type and argument, in the shortest form (RFC 8949 §3). */
    static void head(LogLineBuilder line, int major, long argument) {
        int type = major << 5;
        if (argument < 24) {
            line.cborByte(type | (int) argument);
        } else if (argument < 0x100) {
            line.cborByte(type | 24);
            line.cborByte((int) argument);
        } else if (argument < 0x10000) {
            line.cborByte(type | 25);
            bytes(line, argument, 2);
        } else if (argument < 0x100000000L) {
            line.cborByte(type | 26);
            bytes(line, argument, 4);
        } else {
            line.cborByte(type | 27);
            bytes(line, argument, 8);
        }
    }

    private static void bytes(LogLineBuilder line, long value, int count) {
        for (int i = count - 1; i >= 0; i--) {
            line.cborByte((int) (value >>> (8 * i)) & 0xFF);
        }
    }

    /** An integer: major type 0, or 1 for a negative one. */
    static void integer(LogLineBuilder line, long value) {
        if (value >= 0) {
            head(line, 0, value);
        } else {
            head(line, 1, -1 - value);
        }
    }

    /** A definite-length text ({@code prefix} 0x60) or byte string (0x40) of Latin-1 characters. */
    static void text(LogLineBuilder line, CharSequence text, int prefix) {
        head(line, prefix >> 5, text.length());
        for (int i = 0; i < text.length(); i++) {
            line.cborByte(text.charAt(i) & 0xFF);
        }
    }

    /**
     * An escaped value: an indefinite-length text (or byte string, outside a variable text) whose
     * chunks are the runs of safe bytes and each {@code <escape>XX}; inside a variable text, only
     * the chunks.
     */
    static void encoded(LogLineBuilder line, char escape, boolean[] unsafe, CharSequence value, boolean inText) {
        int prefix = inText ? 0x60 : 0x40;
        if (!inText) {
            line.cborByte(prefix | 0x1F);
        }
        int pending = 0;
        for (int i = 0; i < value.length(); i++) {
            int b = value.charAt(i) & 0xFF;
            if (unsafe[b]) {
                if (pending < i) {
                    text(line, value.subSequence(pending, i), prefix);
                }
                text(line, "" + escape + hex(b >> 4) + hex(b & 0xF), prefix);
                pending = i + 1;
            }
        }
        if (pending < value.length()) {
            text(line, value.subSequence(pending, value.length()), prefix);
        }
        if (!inText) {
            line.cborByte(0xFF);
        }
    }

    private static char hex(int digit) {
        return "0123456789ABCDEF".charAt(digit);
    }
}
