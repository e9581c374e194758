package dev.shuttle.pattern;

import dev.shuttle.sample.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.MatchResult;

/**
 * The patterns of one ACL term or the keys of one map, indexed for their match method, immutable
 * once built. Lookups follow the order HAProxy documents and 2.6 shows ("the first of the finest
 * match" for what it keeps in trees, else the first in file order):
 * <ul>
 *   <li>{@code str}: a hash table, exact match; of duplicate keys the first is kept;</li>
 *   <li>{@code beg}: longest prefix ({@link PrefixIndex});</li>
 *   <li>{@code ip}: longest network ({@link NetworkIndex});</li>
 *   <li>{@code int len bin sub end dir dom reg}: the first matching pattern in order.</li>
 * </ul>
 * Case-insensitive {@code str} and {@code beg} patterns, and networks whose mask has holes, are
 * not indexed: like HAProxy, they are tried in order after the index.
 */
public final class PatternSet {
    /** One pattern and, for a map, its value (null in an ACL). */
    public record Entry(MatchPattern pattern, Sample value) {}

    /** A successful lookup: the entry, and for a regex the groups {@code map_regm} substitutes. */
    public record Match(Entry entry, Optional<MatchResult> groups) {}

    private final MatchMethod method;
    private final List<Entry> entries;
    private final Map<String, Entry> exact;
    private final PrefixIndex<Entry> prefixes;
    private final NetworkIndex<Entry> networks;
    private final List<Entry> unindexed;

    private PatternSet(Builder builder) {
        this.method = builder.method;
        this.entries = List.copyOf(builder.entries);
        this.exact = builder.exact;
        this.prefixes = builder.prefixes;
        this.networks = builder.networks;
        this.unindexed = List.copyOf(builder.unindexed);
    }

    public static Builder builder(MatchMethod method) {
        if (!method.usesPatterns()) {
            throw new IllegalArgumentException(method + " takes no pattern");
        }
        return new Builder(method);
    }

    public MatchMethod method() {
        return method;
    }

    /** Every entry in the order it was added. */
    public List<Entry> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Looks a sample up; a sample that cannot be cast to what the method compares matches nothing. */
    public Optional<Match> lookup(Sample sample) {
        return switch (method.input()) {
            case INTEGER -> MatchInputs.integer(sample).flatMap(this::lookupInteger);
            case ADDRESS -> MatchInputs.address(sample).flatMap(this::lookupAddress);
            case BINARY -> lookupBytes(MatchInputs.bytes(sample));
            case TEXT -> method == MatchMethod.LEN ? lookupInteger((long) MatchInputs.text(sample).length())
                    : lookupText(MatchInputs.text(sample));
            case ANY -> throw new IllegalStateException("no pattern set for " + method);
        };
    }

    private Optional<Match> lookupInteger(long value) {
        return first(entry -> ((IntRange) entry.pattern()).contains(value));
    }

    private Optional<Match> lookupAddress(byte[] address) {
        return networks.lookup(address).map(PatternSet::plain)
                .or(() -> first(entry -> ((IpNetwork) entry.pattern()).matches(address)));
    }

    private Optional<Match> lookupBytes(byte[] bytes) {
        return first(entry -> ((BytesPattern) entry.pattern()).matches(bytes));
    }

    private Optional<Match> lookupText(String text) {
        switch (method) {
            case STR -> {
                Entry found = exact.get(text);
                if (found != null) {
                    return Optional.of(plain(found));
                }
            }
            case BEG -> {
                Optional<Entry> found = prefixes.longestPrefixOf(text);
                if (found.isPresent()) {
                    return found.map(PatternSet::plain);
                }
            }
            case REG -> {
                for (Entry entry : unindexed) {
                    Optional<MatchResult> groups = ((RegexPattern) entry.pattern()).find(text);
                    if (groups.isPresent()) {
                        return Optional.of(new Match(entry, groups));
                    }
                }
                return Optional.empty();
            }
            default -> { }
        }
        return first(entry -> ((TextPattern) entry.pattern()).matches(method, text));
    }

    private Optional<Match> first(Predicate<Entry> test) {
        for (Entry entry : unindexed) {
            if (test.test(entry)) {
                return Optional.of(plain(entry));
            }
        }
        return Optional.empty();
    }

    /** Whether a pattern goes to an index ("tree" in {@code get map}) rather than the ordered list. */
    public static boolean indexed(MatchMethod method, MatchPattern pattern) {
        if (pattern instanceof TextPattern text) {
            return !text.ignoreCase() && (method == MatchMethod.STR || method == MatchMethod.BEG);
        }
        return pattern instanceof IpNetwork network && network.prefixLength() >= 0;
    }

    private static Match plain(Entry entry) {
        return new Match(entry, Optional.empty());
    }

    /** Collects patterns in order, then freezes them; not thread-safe, used while loading. */
    public static final class Builder {
        private final MatchMethod method;
        private final List<Entry> entries = new ArrayList<>();
        private final Map<String, Entry> exact = new HashMap<>();
        private final PrefixIndex<Entry> prefixes = new PrefixIndex<>();
        private final NetworkIndex<Entry> networks = new NetworkIndex<>();
        private final List<Entry> unindexed = new ArrayList<>();

        private Builder(MatchMethod method) {
            this.method = method;
        }

        /** Adds a pattern parsed for this builder's method, with its map value or null. */
        public Builder add(MatchPattern pattern, Sample value) {
            Entry entry = new Entry(pattern, value);
            entries.add(entry);
            if (pattern instanceof TextPattern text && !text.ignoreCase() && method == MatchMethod.STR) {
                exact.putIfAbsent(text.text(), entry);
            } else if (pattern instanceof TextPattern text && !text.ignoreCase() && method == MatchMethod.BEG) {
                prefixes.add(text.text(), entry);
            } else if (pattern instanceof IpNetwork network && network.prefixLength() >= 0) {
                networks.add(network, entry);
            } else {
                unindexed.add(entry);
            }
            return this;
        }

        public Builder addAll(PatternSet other) {
            other.entries.forEach(entry -> add(entry.pattern(), entry.value()));
            return this;
        }

        public PatternSet build() {
            return new PatternSet(this);
        }
    }
}
