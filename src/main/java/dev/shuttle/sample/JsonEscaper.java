package dev.shuttle.sample;

import java.util.Optional;

/**
 * The escaping of the {@code json} converter (configuration.txt §7.3.1, "json"): produces ASCII
 * text ready to sit between JSON double quotes, decoding the input as plain bytes or as UTF-8.
 *
 * <p>UTF-8 errors come in three kinds: a bad sequence (stray continuation byte, missing
 * continuation, invalid lead byte), an invalid range (surrogates, U+FFFE/U+FFFF, beyond
 * U+10FFFF) and an overlong encoding. A character beyond U+FFFF is also an error, because a JSON
 * {@code \\uXXXX} escape holds only four hex digits.
 */
final class JsonEscaper {
    private JsonEscaper() {}

    /** The decoders: "s" drops erroneous characters instead of failing, "p" accepts overlong forms. */
    enum Mode {
        ASCII, UTF8, UTF8S, UTF8P, UTF8PS;

        boolean utf8() {
            return this != ASCII;
        }

        boolean skipsErrors() {
            return this == UTF8S || this == UTF8PS;
        }

        boolean acceptsOverlong() {
            return this == UTF8P || this == UTF8PS;
        }
    }

    /** The escaped text, or empty when the mode fails on an error. */
    static Optional<String> escape(String input, Mode mode) {
        StringBuilder out = new StringBuilder(input.length() + 16);
        int i = 0;
        while (i < input.length()) {
            int lead = input.charAt(i) & 0xff;
            if (!mode.utf8() || lead < 0x80) {
                appendCodePoint(out, lead);
                i++;
                continue;
            }
            Decoded decoded = decode(input, i);
            boolean error = decoded.error && !(decoded.overlongOnly && mode.acceptsOverlong());
            if (error) {
                if (!mode.skipsErrors()) {
                    return Optional.empty();
                }
            } else {
                appendCodePoint(out, decoded.codePoint);
            }
            i += decoded.length;
        }
        return Optional.of(out.toString());
    }

    /** One decoded character: its value, how many bytes it took, and what was wrong with it. */
    private record Decoded(int codePoint, int length, boolean error, boolean overlongOnly) {
        static Decoded bad(int length) {
            return new Decoded(0, length, true, false);
        }
    }

    private static Decoded decode(String input, int start) {
        int lead = input.charAt(start) & 0xff;
        int continuations;
        int value;
        if (lead >= 0xc0 && lead < 0xe0) {
            continuations = 1;
            value = lead & 0x1f;
        } else if (lead >= 0xe0 && lead < 0xf0) {
            continuations = 2;
            value = lead & 0x0f;
        } else if (lead >= 0xf0 && lead < 0xf8) {
            continuations = 3;
            value = lead & 0x07;
        } else {
            return Decoded.bad(1); // a stray continuation byte or an impossible lead byte
        }
        for (int k = 1; k <= continuations; k++) {
            if (start + k >= input.length() || (input.charAt(start + k) & 0xc0) != 0x80) {
                return Decoded.bad(k);
            }
            value = (value << 6) | (input.charAt(start + k) & 0x3f);
        }
        int length = continuations + 1;
        int smallest = switch (continuations) {
            case 1 -> 0x80;
            case 2 -> 0x800;
            default -> 0x10000;
        };
        boolean overlong = value < smallest;
        boolean invalidRange = (value >= 0xd800 && value <= 0xdfff) || value == 0xfffe || value == 0xffff || value > 0x10ffff;
        boolean tooLong = value > 0xffff;
        if (invalidRange || tooLong) {
            return Decoded.bad(length);
        }
        return new Decoded(value, length, overlong, overlong);
    }

    private static void appendCodePoint(StringBuilder out, int codePoint) {
        switch (codePoint) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '/' -> out.append("\\/");
            case '\b' -> out.append("\\b");
            case '\t' -> out.append("\\t");
            case '\n' -> out.append("\\n");
            case '\f' -> out.append("\\f");
            case '\r' -> out.append("\\r");
            default -> {
                if (codePoint < 0x20 || codePoint >= 0x7f) {
                    out.append(String.format("\\u%04x", codePoint));
                } else {
                    out.append((char) codePoint);
                }
            }
        }
    }
}
