package dev.shuttle.pattern;

import dev.shuttle.sample.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The patterns of one ACL term, kept up to date with the references they come from: the values
 * written on the {@code acl} line and each {@code -f} file (configuration.txt §7.1). A lookup reads
 * {@link #current()}, an immutable {@link PatternSet} replaced whole when the runtime API changes a
 * reference (copy on write), so requests take no lock and see a change on their next lookup.
 */
public final class LivePatterns {
    private final MatchMethod method;
    private final List<Part> parts = new ArrayList<>();
    private final ReentrantLock rebuildLock = new ReentrantLock();
    /** Rebuilt under {@link #rebuildLock}; read without a lock. */
    private volatile PatternSet current;

    public LivePatterns(MatchMethod method) {
        this.method = method;
        this.current = PatternSet.builder(method).build();
    }

    /** The patterns to match now. */
    public PatternSet current() {
        return current;
    }

    /**
     * Adds a reference, its entries read with the options in force where it was named ({@code -i},
     * {@code -n}); called while the configuration loads, before any request.
     */
    public void add(PatternReference reference, PatternParser.Options options) {
        Part part = new Part(reference, options);
        parts.add(part);
        reference.subscribe(part);
        rebuild();
    }

    /**
     * Rebuilds from every reference's current entries. Each reference publishes its entries before
     * calling this, and this reads them under its own lock, so the last rebuild sees every change.
     */
    private void rebuild() {
        rebuildLock.lock();
        try {
            PatternSet.Builder builder = PatternSet.builder(method);
            for (Part part : parts) {
                part.addTo(builder);
            }
            current = builder.build();
        } finally {
            rebuildLock.unlock();
        }
    }

    /** One reference as this term reads it: HAProxy's pattern expression. */
    private final class Part implements PatternReference.Subscriber {
        private final PatternReference reference;
        private final PatternParser.Options options;

        Part(PatternReference reference, PatternParser.Options options) {
            this.reference = reference;
            this.options = options;
        }

        @Override
        public void check(String key, String value) throws AclException {
            PatternParser.parse(key, method, options);
        }

        @Override
        public void rebuild() {
            LivePatterns.this.rebuild();
        }

        @Override
        public MatchMethod method() {
            return method;
        }

        @Override
        public boolean ignoreCase() {
            return options.ignoreCase();
        }

        @Override
        public Optional<PatternSet.Match> lookup(Sample input) {
            PatternSet.Builder builder = PatternSet.builder(method);
            addTo(builder);
            return builder.build().lookup(input);
        }

        /** Adds this reference's current entries; one that no longer parses (it was checked) is left out. */
        void addTo(PatternSet.Builder builder) {
            for (PatternReference.Entry entry : reference.visible()) {
                try {
                    MatchPattern pattern = entry.parsed() != null ? entry.parsed()
                            : PatternParser.parse(entry.key(), method, options);
                    builder.add(pattern, null);
                } catch (AclException e) {
                    // checked when it was added: cannot happen
                }
            }
        }
    }
}
