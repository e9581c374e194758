package dev.shuttle.lang;

/**
 * Numbers read as C's {@code atol()} and {@code atoi()} read them, which HAProxy's parser uses for
 * many keywords: leading blanks, an optional sign, then the decimal digits there are; anything
 * else ends the number, and no digit at all reads as 0. So {@code "12abc"} is 12 and {@code "x"}
 * is 0, which HAProxy then accepts or refuses by the value alone.
 */
public final class CNumbers {
    private CNumbers() {}

    /** As {@code atol()}, saturating at the range of an {@code int} in magnitude (the values HAProxy keeps). */
    public static long atol(String text) {
        return Math.clamp(atoll(text), -Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    /**
     * As {@link #atol} on a 64-bit C library: the digits after optional spaces and sign, without the
     * clamp to an int (a value past {@code Long.MAX_VALUE} stays there), for the settings that take
     * more than an int (a server {@code id} goes to 4294967295).
     */
    public static long atoll(String text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        long value = 0;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            int digit = text.charAt(i) - '0';
            value = value > (Long.MAX_VALUE - digit) / 10 ? Long.MAX_VALUE : value * 10 + digit;
            i++;
        }
        return negative ? -value : value;
    }

    /** As {@code atoi()}: {@link #atol} as an {@code int}. */
    public static int atoi(String text) {
        return (int) atol(text);
    }
}
