package dev.shuttle.pattern;

/** ASCII-only case folding: HAProxy compares case-insensitively in the C locale, where only A-Z fold. */
final class Ascii {
    private Ascii() {}

    static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    static String lower(String text) {
        StringBuilder folded = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (folded == null) {
                    folded = new StringBuilder(text);
                }
                folded.setCharAt(i, lower(c));
            }
        }
        return folded == null ? text : folded.toString();
    }

    /** Whether {@code input} holds {@code pattern} at {@code offset}, ignoring ASCII case. */
    static boolean regionEqualsIgnoreCase(String input, int offset, String pattern) {
        if (offset < 0 || offset + pattern.length() > input.length()) {
            return false;
        }
        for (int i = 0; i < pattern.length(); i++) {
            if (lower(input.charAt(offset + i)) != lower(pattern.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
