package dev.shuttle.sample;

import java.util.List;
import java.util.Optional;

/**
 * {@code language(<values>[,<default>])} (configuration.txt §7.3.1): picks, from an
 * {@code Accept-Language}-style list with q-values, the entry of {@code <values>} (';'-separated)
 * with the highest q-value, the first one in the input winning ties. Behaviour checked against
 * haproxy 2.6.12:
 * <ul>
 *   <li>an input language matches a value equal to it, or a value it extends after a '-'
 *       ({@code en-US-x} matches {@code en-US} and {@code en}, {@code en-USA} only {@code en});
 *       the first such value in the argument list is the one given ({@code en-US} against
 *       {@code en;en-US} gives {@code en}); the match is case-sensitive; {@code *} matches only a
 *       literal {@code *} value;</li>
 *   <li>only the first parameter after the language is read as a q-value, and only when it is
 *       {@code q=} (lower case; blanks allowed around ';' and after '='): "1..." is 1, "0.ddd" is
 *       read to three decimals, "0" followed by anything but '.' is 0, anything else is 1. A q
 *       of 0 (0.0009 included) drops the entry;</li>
 *   <li>an entry whose language is followed by anything but ';' or ',' is ignored.</li>
 * </ul>
 * HAProxy reads past the end of its input when it ends inside a q-value ("fr;q=0" at the very
 * end), with results that vary between runs; here the input simply ends there.
 */
public final class LanguageConverters {
    private LanguageConverters() {}

    public static void register(SampleRegistry registry) {
        registry.registerConverter(new ConverterDefinition("language", List.of(ArgType.STR, ArgType.STR), 1,
                SampleType.STR, SampleType.STR,
                (in, a, c) -> language(in.asString(), a.str(0), a.has(1) ? a.str(1) : null)));
    }

    static Optional<Sample> language(String input, String values, String fallback) {
        String[] candidates = values.split(";", -1);
        String best = null;
        int bestQ = 0;
        int n = input.length();
        int i = 0;
        while (i < n) {
            char c = input.charAt(i);
            if (c == ',' || isBlank(c)) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && input.charAt(i) != ',' && input.charAt(i) != ';' && !isBlank(input.charAt(i))) {
                i++;
            }
            String language = input.substring(start, i);
            i = skipBlanks(input, i);
            int q = 1000;
            boolean valid = i >= n || input.charAt(i) == ',' || input.charAt(i) == ';';
            if (i < n && input.charAt(i) == ';') {
                i = skipBlanks(input, i + 1);
                if (input.startsWith("q=", i)) {
                    q = qValue(input, skipBlanks(input, i + 2));
                }
            }
            while (i < n && input.charAt(i) != ',') {
                i++;
            }
            if (!valid || q == 0 || q <= bestQ) {
                continue;
            }
            String match = match(language, candidates);
            if (match != null) {
                best = match;
                bestQ = q;
            }
        }
        if (best != null) {
            return Optional.of(Sample.str(best));
        }
        return fallback == null ? Optional.empty() : Optional.of(Sample.str(fallback));
    }

    /** A q-value in thousandths, as haproxy 2.6 reads it. */
    private static int qValue(String text, int i) {
        if (i >= text.length() || text.charAt(i) != '0') {
            return 1000;
        }
        if (i + 1 >= text.length() || text.charAt(i + 1) != '.') {
            return 0;
        }
        int value = 0;
        int scale = 100;
        for (int j = i + 2; j < text.length() && j < i + 5 && Character.isDigit(text.charAt(j))
                && text.charAt(j) < 128; j++) {
            value += (text.charAt(j) - '0') * scale;
            scale /= 10;
        }
        return value;
    }

    private static String match(String language, String[] candidates) {
        for (String candidate : candidates) {
            if (candidate.isEmpty()) {
                continue;
            }
            if (language.equals(candidate) || (language.startsWith(candidate)
                    && language.charAt(candidate.length()) == '-')) {
                return candidate;
            }
        }
        return null;
    }

    private static int skipBlanks(String text, int i) {
        while (i < text.length() && isBlank(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
