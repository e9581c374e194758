package dev.shuttle.stream;

/**
 * The dates a persistence cookie carries with {@code maxidle} or {@code maxlife}
 * ({@code NAME=SRV|<last seen>|<first seen>}, configuration.txt §4.2, "cookie"): a UNIX date in
 * 4-second units, 30 bits written as 5 base64 characters, most significant first, without padding
 * (HAProxy's s30tob64()/b64tos30() format).
 */
final class CookieDates {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private CookieDates() {}

    /** The 5 characters for a date in seconds: the date rounded up to the next 4-second unit. */
    static String encode(long epochSeconds) {
        return encodeUnits((int) ((epochSeconds + 3) >> 2));
    }

    /** The 5 characters for a date that came decoded from a cookie (a whole number of 4-second units). */
    static String encodeExact(long decodedSeconds) {
        return encodeUnits((int) (decodedSeconds >> 2));
    }

    private static String encodeUnits(int units) {
        char[] out = new char[5];
        for (int i = 0; i < 5; i++) {
            out[i] = ALPHABET.charAt((units >> 24) & 0x3F);
            units <<= 6;
        }
        return new String(out);
    }

    /**
     * The date in seconds written by the 5 characters at {@code from}, or 0 when they are not 5
     * base64 characters (the cookie then counts as undated).
     */
    static long decode(CharSequence text, int from) {
        if (text.length() - from < 5) {
            return 0;
        }
        int units = 0;
        for (int i = 0; i < 5; i++) {
            int digit = ALPHABET.indexOf(text.charAt(from + i));
            if (digit < 0) {
                return 0;
            }
            units = (units << 6) + digit;
        }
        return (long) units << 2;
    }
}
