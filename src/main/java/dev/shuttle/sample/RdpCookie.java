package dev.shuttle.sample;

import java.util.Locale;

/**
 * The cookie of an RDP client's first packet (configuration.txt, "req.rdp_cookie" and "balance
 * rdp-cookie"): the X.224 Connection Request that follows the 11 bytes of the TPKT and X.224
 * headers carries "Cookie: name=value\r\n" (HAProxy's fetch_rdp_cookie_name(), payload.c, reads it
 * the same way: the "Cookie:" keyword and the name are compared without case, blanks after the
 * colon are skipped, and the value runs to the CR LF).
 */
public final class RdpCookie {
    private RdpCookie() {}

    /** Where the header's fixed part ends and "Cookie:" starts. */
    private static final int HEADER = 11;
    private static final String KEYWORD = "cookie:";

    /**
     * The outcome of a look at the buffered bytes.
     *
     * @param found   whether the cookie is there, its value at [start, end)
     * @param tooShort whether more bytes could still make it appear (the answer may change)
     */
    public record Lookup(boolean found, boolean tooShort, int start, int end) {
        static final Lookup TOO_SHORT = new Lookup(false, true, 0, 0);
        static final Lookup NOT_COOKIE = new Lookup(false, false, 0, 0);

        /** The value's bytes (found lookups only). */
        public byte[] value(ContentBuffer content) {
            return content.copy(start, end - start);
        }
    }

    /**
     * Looks for the cookie {@code name} (any name when empty) in the buffered bytes.
     */
    public static Lookup find(ContentBuffer content, String name) {
        int left = content.length();
        if (left <= HEADER) {
            return Lookup.TOO_SHORT;
        }
        int at = HEADER;
        left -= HEADER;
        if (left <= KEYWORD.length()) {
            return Lookup.TOO_SHORT;
        }
        if (!matchesIgnoringCase(content, at, KEYWORD)) {
            return Lookup.NOT_COOKIE;
        }
        at += KEYWORD.length();
        left -= KEYWORD.length();
        while (left > 0 && content.byteAt(at) == ' ') {
            at++;
            left--;
        }
        if (!name.isEmpty()) {
            if (left <= name.length()) {
                return Lookup.TOO_SHORT;
            }
            if (content.byteAt(at + name.length()) != '=' || !matchesIgnoringCase(content, at, name)) {
                return Lookup.NOT_COOKIE;
            }
            at += name.length() + 1;
            left -= name.length() + 1;
        } else {
            while (left > 0 && content.byteAt(at) != '=') {
                if (content.byteAt(at) == '\r' || content.byteAt(at) == '\n') {
                    return Lookup.NOT_COOKIE;
                }
                at++;
                left--;
            }
            if (left < 1) {
                return Lookup.TOO_SHORT;
            }
            at++;
            left--;
        }
        int start = at;
        while (left > 0 && content.byteAt(at) != '\r') {
            at++;
            left--;
        }
        if (left < 2) {
            return Lookup.TOO_SHORT;
        }
        if (content.byteAt(at + 1) != '\n') {
            return Lookup.NOT_COOKIE;
        }
        return new Lookup(true, false, start, at);
    }

    private static boolean matchesIgnoringCase(ContentBuffer content, int at, String expected) {
        String lower = expected.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            if (Character.toLowerCase((char) content.byteAt(at + i)) != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
