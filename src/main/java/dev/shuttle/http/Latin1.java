package dev.shuttle.http;

/** Comparing received bytes with text without making a String of them (one char per byte, ISO-8859-1). */
public final class Latin1 {
    private Latin1() {}

    /** Whether {@code buf[from, to)} holds exactly the chars of {@code text}, one byte each. */
    public static boolean matches(byte[] buf, int from, int to, String text) {
        if (to - from != text.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if ((buf[from + i] & 0xff) != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
