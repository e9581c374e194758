package dev.shuttle.pattern;

/**
 * A string pattern for the methods str, beg, end, sub, dir and dom (configuration.txt §7.1.3).
 * Case-insensitive comparison ({@code -i}) folds ASCII letters only, as HAProxy's
 * {@code strncasecmp} does in the C locale.
 */
public record TextPattern(String text, boolean ignoreCase) implements MatchPattern {
    private static final String DIR_DELIMITERS = "/";
    private static final String DOM_DELIMITERS = "/?.:";

    /** Whether this pattern matches {@code input} by {@code method}. */
    public boolean matches(MatchMethod method, String input) {
        return switch (method) {
            case STR -> input.length() == text.length() && regionEquals(input, 0, text);
            case BEG -> input.length() >= text.length() && regionEquals(input, 0, text);
            case END -> input.length() >= text.length() && regionEquals(input, input.length() - text.length(), text);
            case SUB -> contains(input);
            case DIR -> containsWord(input, DIR_DELIMITERS);
            case DOM -> containsWord(input, DOM_DELIMITERS);
            default -> throw new IllegalArgumentException("not a text method: " + method);
        };
    }

    private boolean regionEquals(String input, int offset, String pattern) {
        return input.regionMatches(offset, pattern, 0, pattern.length())
                || ignoreCase && Ascii.regionEqualsIgnoreCase(input, offset, pattern);
    }

    private boolean contains(String input) {
        for (int at = 0; at + text.length() <= input.length(); at++) {
            if (regionEquals(input, at, text)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the pattern, stripped of leading and trailing delimiters, appears in {@code input}
     * between delimiters or the ends: "png" is a subdir of "/images/png/logo.png", "eu" is not a
     * domain part of "www.dc-eu.example.com".
     */
    private boolean containsWord(String input, String delimiters) {
        String word = stripDelimiters(text, delimiters);
        for (int at = 0; at + word.length() <= input.length(); at++) {
            boolean startsWord = at == 0 || delimiters.indexOf(input.charAt(at - 1)) >= 0;
            int after = at + word.length();
            boolean endsWord = after == input.length() || delimiters.indexOf(input.charAt(after)) >= 0;
            if (startsWord && endsWord && regionEquals(input, at, word)) {
                return true;
            }
        }
        return false;
    }

    private static String stripDelimiters(String text, String delimiters) {
        int start = 0;
        int end = text.length();
        while (start < end && delimiters.indexOf(text.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && delimiters.indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return text.substring(start, end);
    }
}
