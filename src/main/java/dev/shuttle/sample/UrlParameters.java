package dev.shuttle.sample;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds {@code name=value} parameters in a query string or a url-encoded body, for
 * {@code url_param}/{@code urlp}, {@code urlp_val} and {@code req.body_param}
 * (configuration.txt §7.3.6). Values are returned as written (no URL decoding).
 *
 * <p>The rules, each observed on haproxy 2.6: the parameters begin after the first
 * {@code delimiter} ('?' by default; a body begins at once); a parameter ends before '&amp;',
 * ';' or the delimiter, so with the default, {@code ?b=1?a=2} holds b=1 and a=2, while with
 * {@code urlp(a,;)} the URL {@code /p;a=1?b=2} gives {@code 1?b=2}. A named search wants the
 * parameter to start with exactly {@code name=}; without a name, any parameter with an '='
 * before its end matches (its name may be empty: {@code ?=5} gives 5), and one without '=' is
 * passed over.
 */
final class UrlParameters {
    private UrlParameters() {}

    /**
     * Every matching value in order.
     *
     * @param text      the whole URL, or the body
     * @param fromStart whether the parameters begin at the start (a body) or after the first
     *                  {@code delimiter} (a URL; none without one)
     * @param name      the parameter name, or null/empty for any parameter
     * @param ignoreCase whether names compare without case ({@code req.body_param(name,i)})
     */
    static List<String> find(String text, boolean fromStart, char delimiter, String name, boolean ignoreCase) {
        List<String> values = new ArrayList<>();
        int position;
        if (fromStart) {
            position = 0;
        } else {
            int start = text.indexOf(delimiter);
            if (start < 0) {
                return values;
            }
            position = start + 1;
        }
        boolean anyName = name == null || name.isEmpty();
        while (position < text.length()) {
            int valueStart = anyName ? assignment(text, position, delimiter) : namedValue(text, position, name, ignoreCase);
            if (valueStart >= 0) {
                int end = end(text, valueStart, delimiter);
                values.add(text.substring(valueStart, end));
                position = end + 1;
            } else {
                position = end(text, position, delimiter) + 1;
            }
        }
        return values;
    }

    /** After the '=' of the parameter starting at {@code position}, or -1 if it has none. */
    private static int assignment(String text, int position, char delimiter) {
        for (int i = position; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '=') {
                return i + 1;
            }
            if (isSeparator(c, delimiter)) {
                return -1;
            }
        }
        return -1;
    }

    private static int namedValue(String text, int position, String name, boolean ignoreCase) {
        int equals = position + name.length();
        if (equals < text.length() && text.charAt(equals) == '='
                && text.regionMatches(ignoreCase, position, name, 0, name.length())) {
            return equals + 1;
        }
        return -1;
    }

    /** The index of the next separator at or after {@code position}, or the text's length. */
    private static int end(String text, int position, char delimiter) {
        int i = position;
        while (i < text.length() && !isSeparator(text.charAt(i), delimiter)) {
            i++;
        }
        return i;
    }

    private static boolean isSeparator(char c, char delimiter) {
        return c == '&' || c == ';' || c == delimiter;
    }

    /** The delimiter of a {@code url_param} call: the first character of the argument, '?' without one. */
    static char delimiter(String argument) {
        return argument == null || argument.isEmpty() ? '?' : argument.charAt(0);
    }
}
