package dev.shuttle.sample;

/**
 * The flags of a log-format item (configuration.txt §8.2.6, "Supported item flags"), as bits:
 * set with {@code %{+Q}}, cleared with {@code %{-Q}}, for all following items with {@code %o}.
 * Two more bits are not flags a user writes but the context a format is compiled for: {@link
 * #HTTP} (a header value, a redirect location: unsafe bytes become {@code %XX}, samples are never
 * quoted) and {@link #MANDATORY} (a log line: an empty value prints as {@code -}).
 */
final class LogOptions {
    static final int NONE = 0;
    /** {@code M}: print {@code -} for an empty value (log lines set it). */
    static final int MANDATORY = 1;
    /** {@code Q}: quote strings. */
    static final int QUOTE = 1 << 1;
    /** {@code X}: hexadecimal addresses, ports, {@code %Ts}, {@code %ms}, {@code %rt}, {@code %pid}. */
    static final int HEXA = 1 << 2;
    /** {@code E}: escape {@code " \ ]} with a backslash (RFC 5424 structured data). */
    static final int ESCAPE = 1 << 3;
    /** {@code bin}: keep binary samples binary (only as a global option, {@code %{+bin}o}). */
    static final int BIN = 1 << 4;
    /** {@code json}: encode values as JSON. */
    static final int JSON = 1 << 5;
    /** {@code cbor}: encode values as CBOR (printed in hexadecimal unless {@code bin}). */
    static final int CBOR = 1 << 6;
    /** Not a flag: the format builds an HTTP header value or a URL. */
    static final int HTTP = 1 << 7;
    /** Not a flag: spaces separate items and runs of them print as one (log lines, unique IDs). */
    static final int MERGE_SPACES = 1 << 8;

    static final int ENCODE = JSON | CBOR;

    private LogOptions() {}

    /** The bit of a flag's name, or 0 when it names none (HAProxy ignores unknown flags). */
    static int bit(String name) {
        return switch (name) {
            case "M" -> MANDATORY;
            case "Q" -> QUOTE;
            case "X" -> HEXA;
            case "E" -> ESCAPE;
            case "bin" -> BIN;
            case "json" -> JSON;
            case "cbor" -> CBOR;
            default -> 0;
        };
    }

    /**
     * Applies {@code %{+A,-B}} to {@code options}: {@code +} sets, {@code -} clears, and an
     * encoding already set keeps priority over a second one.
     */
    static int apply(String arguments, int options) {
        for (String argument : arguments.split(",", -1)) {
            if (argument.length() < 2) {
                continue;
            }
            int bit = bit(argument.substring(1));
            if (argument.charAt(0) == '+') {
                options |= (options & ENCODE) != 0 ? bit & ~ENCODE : bit;
            } else if (argument.charAt(0) == '-') {
                options &= ~bit;
            }
        }
        return options;
    }

    /**
     * The options an item prints with once the whole format is known: a global encoding wins over
     * the item's, {@code bin} only counts globally, HTTP contexts drop encodings (unless encoding
     * is global and HTTP only the item's), and an encoding ignores {@code E}.
     */
    static int settle(int item, int global) {
        if ((global & ENCODE) != 0) {
            item = (item & ~(BIN | ENCODE)) | (global & (BIN | ENCODE));
        } else {
            item = (item & ~BIN) | (global & BIN);
        }
        if ((item & HTTP) != 0) {
            if ((global & (HTTP | ENCODE)) == ENCODE) {
                item &= ~HTTP;
            } else {
                item &= ~ENCODE;
            }
        }
        if ((item & ENCODE) != 0) {
            item &= ~ESCAPE;
        }
        return item;
    }
}
