package dev.shuttle.sample;

/**
 * Writes the values of one log-format rendering into a buffer, honouring the item's flags
 * (configuration.txt §8.2.6): quoting, the {@code -} of an empty mandatory value, {@code E}'s
 * backslashes, JSON and CBOR encodings, and the escaping of unsafe bytes that each kind of value
 * needs (§8.6: {@code #XX} in captured headers and request lines, {@code %XX} in HTTP header
 * values). One per rendering, owned by the rendering thread.
 *
 * <p>A "variable text" is a value written in several pieces (a request line, the braces and bars
 * of header captures): it opens one quote (or one CBOR text) and closes it at the item's end.
 */
final class LogLineBuilder {
    /** Bytes escaped with {@code #} in captured headers: controls, 127 and above, and {@code " # { | }}. */
    static final boolean[] HEADER_UNSAFE = unsafe("\"#{|}", 32, 127);
    /** Bytes escaped with {@code #} in request lines and paths: controls, 127 and above, {@code "} and {@code #}. */
    static final boolean[] URL_UNSAFE = unsafe("\"#", 32, 127);
    /** Bytes escaped with {@code %} in HTTP header values: controls but tab, and 127. */
    static final boolean[] HTTP_UNSAFE = httpUnsafe();
    private static final boolean[] NONE_UNSAFE = new boolean[256];
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    final StringBuilder out;
    /** The current item's options ({@link LogOptions}). */
    int options;
    /** The current item's forced type ({@code %(name:sint)}): NONE for none. */
    LogFormat.Typecast typecast = LogFormat.Typecast.NONE;
    /** Whether a variable text is open. */
    private boolean inText;

    LogLineBuilder(StringBuilder out) {
        this.out = out;
    }

    private boolean has(int option) {
        return (options & option) != 0;
    }

    /** A string value: quoted when asked, {@code -} when empty and mandatory. */
    void text(CharSequence value) {
        if (has(LogOptions.QUOTE | LogOptions.JSON)) {
            quoted(value);
            return;
        }
        int before = out.length();
        plain(value);
        if (out.length() == before && !has(LogOptions.CBOR) && has(LogOptions.MANDATORY)) {
            out.append('-');
        }
    }

    /** A string value that is never quoted nor replaced by {@code -} (a text already in quotes, or an encoded one). */
    void rawText(CharSequence value) {
        if (!inText && has(LogOptions.JSON)) {
            quoted(value);
        } else {
            plain(value);
        }
    }

    private void quoted(CharSequence value) {
        out.append('"');
        plain(value);
        out.append('"');
    }

    private void plain(CharSequence value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        if (has(LogOptions.CBOR)) {
            cborText(value);
            return;
        }
        String escaped = has(LogOptions.JSON) ? "\"\\" : has(LogOptions.ESCAPE) ? "\"\\]" : null;
        if (escaped == null && value instanceof String text) {
            // Nothing to escape (every plain name and code of a line): one copy, up to a NUL.
            int nul = text.indexOf('\0');
            out.append(text, 0, nul < 0 ? text.length() : nul);
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                return; // HAProxy's strings end at a NUL byte
            }
            if (escaped != null && escaped.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
    }

    /** A number: decimal, or encoded (a JSON number, a CBOR integer, a boolean for {@code :bool}). */
    void integer(long value) {
        if (has(LogOptions.ENCODE)) {
            encodeInteger(value);
        } else {
            out.append(value);
        }
    }

    /** A number of three digits at least ({@code %ms}). */
    void integerPadded3(long value) {
        if (has(LogOptions.ENCODE)) {
            encodeInteger(value);
            return;
        }
        if (value < 100) {
            out.append('0');
        }
        if (value < 10) {
            out.append('0');
        }
        out.append(value);
    }

    void encodeInteger(long value) {
        if (typecast == LogFormat.Typecast.BOOL) {
            bool(value != 0);
        } else if (has(LogOptions.JSON)) {
            if (typecast == LogFormat.Typecast.STR) {
                out.append('"').append(value).append('"');
            } else {
                out.append(value);
            }
        } else if (has(LogOptions.CBOR)) {
            LogCbor.integer(this, value);
        }
    }

    void bool(boolean value) {
        if (has(LogOptions.JSON)) {
            out.append(value ? "true" : "false");
        } else if (has(LogOptions.CBOR)) {
            cborByte(value ? 0xF5 : 0xF4);
        }
    }

    /** Opens a value written in pieces. */
    void varTextStart() {
        inText = true;
        if (has(LogOptions.CBOR)) {
            cborByte(0x7F);
        } else if (has(LogOptions.QUOTE | LogOptions.JSON)) {
            out.append('"');
        }
    }

    /** Closes the value opened by {@link #varTextStart}, if any. */
    void varTextEnd() {
        if (!inText) {
            return;
        }
        inText = false;
        if (has(LogOptions.CBOR)) {
            cborByte(0xFF);
        } else if (has(LogOptions.QUOTE | LogOptions.JSON)) {
            out.append('"');
        }
    }

    boolean inText() {
        return inText;
    }

    /** One character of a value (inside a CBOR text, its own chunk). */
    void character(char c) {
        if (has(LogOptions.CBOR) && inText) {
            cborText(String.valueOf(c));
        } else {
            out.append(c);
        }
    }

    /** A hint that is not part of the value ({@code +} of an incomplete total): dropped when encoding. */
    void meta(char c) {
        if (!has(LogOptions.ENCODE)) {
            character(c);
        }
    }

    void arrayStart() {
        if (has(LogOptions.JSON)) {
            out.append('[');
        } else if (has(LogOptions.CBOR)) {
            cborByte(0x9F);
        }
    }

    void arrayNext() {
        if (has(LogOptions.CBOR)) {
            return;
        }
        out.append(has(LogOptions.JSON) ? ", " : " ");
    }

    void arrayEnd() {
        if (has(LogOptions.JSON)) {
            out.append(']');
        } else if (has(LogOptions.CBOR)) {
            cborByte(0xFF);
        }
    }

    /**
     * Bytes of {@code value} with those in {@code unsafe} written {@code <escape>XX} (§8.6). With
     * {@code E} or JSON, the other bytes get their backslash escapes; with CBOR, runs of safe bytes
     * and each escape become chunks of one text (or of a byte string when not in a text).
     */
    void encoded(char escape, boolean[] unsafe, CharSequence value) {
        if (has(LogOptions.CBOR)) {
            LogCbor.encoded(this, escape, unsafe, value, inText);
            return;
        }
        String backslashed = has(LogOptions.JSON) ? "\"\\" : has(LogOptions.ESCAPE) ? "\"\\]" : null;
        if (backslashed == null) {
            encodePlain(out, escape, unsafe, value);
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            int b = c & 0xFF;
            if (unsafe[b]) {
                out.append(escape).append(HEX[b >> 4]).append(HEX[b & 0xF]);
            } else {
                if (backslashed != null && backslashed.indexOf(c) >= 0) {
                    out.append('\\');
                }
                out.append(c);
            }
        }
    }

    /**
     * The common case of {@link #encoded} (a request line without {@code E} nor an encoding): runs
     * of safe bytes copied at once, the others written {@code <escape>XX}.
     */
    static void encodePlain(StringBuilder out, char escape, boolean[] unsafe, CharSequence value) {
        int run = 0;
        int length = value.length();
        for (int i = 0; i < length; i++) {
            int b = value.charAt(i) & 0xFF;
            if (unsafe[b]) {
                out.append(value, run, i).append(escape).append(HEX[b >> 4]).append(HEX[b & 0xF]);
                run = i + 1;
            }
        }
        out.append(value, run, length);
    }

    /** A binary value as it is ({@code %{+bin}o}). */
    void binary(CharSequence value) {
        encoded('\0', NONE_UNSAFE, value);
    }

    /** Appends a CBOR byte: raw with {@code bin}, two hexadecimal digits otherwise. */
    void cborByte(int b) {
        if (has(LogOptions.BIN)) {
            out.append((char) (b & 0xFF));
        } else {
            out.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
    }

    void cborText(CharSequence text) {
        LogCbor.text(this, text, 0x60);
    }

    private static boolean[] unsafe(String characters, int below, int from) {
        boolean[] map = new boolean[256];
        for (int i = 0; i < below; i++) {
            map[i] = true;
        }
        for (int i = from; i < 256; i++) {
            map[i] = true;
        }
        for (char c : characters.toCharArray()) {
            map[c] = true;
        }
        return map;
    }

    private static boolean[] httpUnsafe() {
        boolean[] map = new boolean[256];
        for (int i = 0; i < 32; i++) {
            map[i] = i != '\t';
        }
        map[0x7F] = true;
        return map;
    }
}
