package dev.shuttle.h1;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The bytes of one HTTP/1 head, gathered in one array and written with one call. A head's text
 * is written one byte per char, as ISO-8859-1 encodes it (HTTP fields are read as ISO-8859-1, RFC
 * 9110 §5.5): a char beyond Latin-1 becomes {@code ?}, a surrogate pair one {@code ?} (the JDK's
 * encoder, byte for byte). Before this, each line was a concatenated {@code String} encoded into
 * an array of its own: three objects per field line.
 */
final class HeadBytes {
    private byte[] bytes;
    private int length;

    /** {@code capacity}: the chars the head will hold at most (more only costs a copy). */
    HeadBytes(int capacity) {
        bytes = new byte[capacity];
    }

    HeadBytes text(String text) {
        int chars = text.length();
        ensure(chars);
        byte[] into = bytes;
        int at = length;
        for (int i = 0; i < chars; i++) {
            char c = text.charAt(i);
            if (c <= 0xFF) {
                into[at++] = (byte) c;
            } else {
                if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++; // one code point, one '?'
                }
                into[at++] = '?';
            }
        }
        length = at;
        return this;
    }

    HeadBytes text(char c) {
        ensure(1);
        bytes[length++] = (byte) (c <= 0xFF ? c : '?');
        return this;
    }

    /** A decimal number (a status code), its digits written in place. */
    HeadBytes number(int value) {
        if (value < 0) {
            return text(Integer.toString(value));
        }
        int digits = 1;
        for (int rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        ensure(digits);
        for (int at = length + digits - 1, rest = value; at >= length; at--, rest /= 10) {
            bytes[at] = (byte) ('0' + rest % 10);
        }
        length += digits;
        return this;
    }

    HeadBytes crlf() {
        ensure(2);
        bytes[length++] = '\r';
        bytes[length++] = '\n';
        return this;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
