package dev.shuttle.pattern;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Case-sensitive prefixes, looked up longest first: HAProxy keeps {@code beg} patterns in a prefix
 * tree and returns "the first of the finest match" (configuration.txt, "map"), so with keys
 * {@code /a} and {@code /ab}, {@code /abc} finds {@code /ab} (checked against haproxy 2.6).
 *
 * <p>Built as buckets by length: a lookup tries each distinct pattern length, longest first, with
 * one hash probe each. Of equal keys, the first added is kept.
 */
final class PrefixIndex<V> {
    private final Map<String, V> byPrefix = new HashMap<>();
    private final TreeSet<Integer> lengths = new TreeSet<>();
    private int[] lengthsLongestFirst = new int[0];

    void add(String prefix, V value) {
        if (byPrefix.putIfAbsent(prefix, value) == null && lengths.add(prefix.length())) {
            lengthsLongestFirst = lengths.descendingSet().stream().mapToInt(Integer::intValue).toArray();
        }
    }

    Optional<V> longestPrefixOf(String text) {
        for (int length : lengthsLongestFirst) {
            if (length <= text.length()) {
                V value = byPrefix.get(text.substring(0, length));
                if (value != null) {
                    return Optional.of(value);
                }
            }
        }
        return Optional.empty();
    }

    boolean isEmpty() {
        return byPrefix.isEmpty();
    }
}
