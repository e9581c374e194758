package dev.shuttle.pattern;

import dev.shuttle.sample.Sample;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * One shared list of patterns (HAProxy's "pattern reference"): a pattern or map file, however many
 * ACLs and map converters name it, or the values written on one {@code acl} line. The runtime API
 * changes it ({@code add}, {@code set}, {@code del}, {@code clear} map/acl) and every ACL and map
 * built from it sees the change on its next lookup (management.txt §9.3, "add map" to "show map").
 *
 * <p>Versions: every entry belongs to a version; only the current version's entries match.
 * {@code prepare} allocates the next version, entries are added to it, and {@code commit} makes it
 * current at once and forgets the older ones. Versions are unsigned 32-bit numbers that wrap, so
 * they are compared by the sign of their difference (a version "in the future" is after next_ver).
 *
 * <p>Locking: writers (the runtime API) take {@link #lock}; each change of the current version's
 * entries republishes {@link #visible} (an immutable list) and then asks every subscriber to
 * rebuild its index from it. Requests never take the lock: they read their subscriber's index,
 * one volatile read, which is copied on write. Lock order: a reference's lock, then a subscriber's.
 */
public final class PatternReference {
    /** What a reference is used as: {@code show acl} lists ACL references, {@code show map} map ones. */
    public enum Kind { ACL, MAP }

    /**
     * One entry: its unique id (what {@code #<ref>} names), its key or pattern, a map's value (null
     * for a pattern), its version, and its line in the file (0 when added at run time). An ACL
     * line's own values keep the pattern their operator made ({@code gt 5}), else null.
     */
    public record Entry(long uid, String key, String value, int version, int line, MatchPattern parsed) {}

    /**
     * Something built from the current entries (HAProxy's "pattern expression"): an ACL's
     * patterns, a map converter's table.
     */
    public interface Subscriber {
        /** Checks that an entry could join: throws HAProxy's message for a pattern or value it cannot parse. */
        void check(String key, String value) throws AclException;

        /** Rebuilds from the current entries (already checked). */
        void rebuild();

        MatchMethod method();

        boolean ignoreCase();

        /**
         * {@code get map|acl}: the current entry of this reference that {@code input} matches, as
         * this user reads the entries. For the runtime API only: it may build an index.
         */
        Optional<PatternSet.Match> lookup(Sample input);
    }

    /** Unique entry ids, for the whole process (HAProxy shows addresses; any unique number serves). */
    private static final AtomicLong NEXT_UID = new AtomicLong(0x5000_0000L);

    private final int id;
    private final String file;
    private final String origin;
    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by: lock
    private final List<Entry> entries = new ArrayList<>();
    // Guarded by: lock
    private final Set<Kind> kinds = EnumSet.noneOf(Kind.class);
    // Guarded by: lock
    private final List<String> uses = new ArrayList<>();
    // Guarded by: lock
    private final List<Subscriber> subscribers = new ArrayList<>();
    // Guarded by: lock
    private int currentVersion;
    // Guarded by: lock
    private int nextVersion;
    /** The current version's entries, republished after each change; read without the lock. */
    private volatile List<Entry> visible = List.of();

    /**
     * @param file   the file name, or "" for the values of an ACL line
     * @param origin for an ACL line, its description ({@code acl 'path_beg' file 'h.cfg' line 12})
     */
    PatternReference(int id, String file, String origin) {
        this.id = id;
        this.file = file;
        this.origin = origin;
    }

    public int id() {
        return id;
    }

    /** The file name, "" for an ACL line's values. */
    public String file() {
        return file;
    }

    public boolean is(Kind kind) {
        lock.lock();
        try {
            return kinds.contains(kind);
        } finally {
            lock.unlock();
        }
    }

    /** Records one user ({@code by acl at file 'h.cfg' line 12}) and what it uses the reference as. */
    void addUse(Kind kind, String where) {
        lock.lock();
        try {
            kinds.add(kind);
            if (where != null) {
                uses.add("by " + kind.name().toLowerCase() + " at " + where);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Adds a subscriber; it builds its first index from {@link #visible()} itself. */
    void subscribe(Subscriber subscriber) {
        lock.lock();
        try {
            subscribers.add(subscriber);
        } finally {
            lock.unlock();
        }
    }

    /** The users of this reference, in the order they came. */
    public List<Subscriber> subscribers() {
        lock.lock();
        try {
            return List.copyOf(subscribers);
        } finally {
            lock.unlock();
        }
    }

    /** The entries that match now, in order. */
    public List<Entry> visible() {
        return visible;
    }

    /**
     * Adds the entries read from the file or the configuration line, before any subscriber, all at
     * once (a large file is published once, not once per line).
     */
    void load(List<Entry> initial) {
        lock.lock();
        try {
            for (Entry entry : initial) {
                entries.add(new Entry(NEXT_UID.getAndIncrement(), entry.key(), entry.value(), currentVersion,
                        entry.line(), entry.parsed()));
            }
            publishLocked();
        } finally {
            lock.unlock();
        }
    }

    /** {@code show map} / {@code show acl} without argument: {@code 4 (f.map) pattern loaded from ... entry_cnt=3}. */
    public String describe() {
        lock.lock();
        try {
            StringBuilder out = new StringBuilder().append(id).append(" (").append(file).append(") ");
            if (file.isEmpty()) {
                out.append(origin);
            } else {
                out.append("pattern loaded from file '").append(file).append("'");
                if (!uses.isEmpty()) {
                    out.append(" used ").append(String.join(", ", uses));
                }
            }
            return out.append(". curr_ver=").append(Integer.toUnsignedString(currentVersion))
                    .append(" next_ver=").append(Integer.toUnsignedString(nextVersion))
                    .append(" entry_cnt=").append(entries.size()).toString();
        } finally {
            lock.unlock();
        }
    }

    /** The entries of one version, in order; {@code version} null for the current one. */
    public List<Entry> entries(Integer version) {
        lock.lock();
        try {
            int wanted = version == null ? currentVersion : version;
            return entries.stream().filter(e -> e.version() == wanted).toList();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds entries to a version (null: the current one), all or none of them: each is checked by
     * every subscriber first.
     *
     * @throws AclException "Version number in the future..." or a subscriber's parse error
     */
    public void add(Integer version, List<String[]> keysAndValues) throws AclException {
        lock.lock();
        try {
            int target = version == null ? currentVersion : version;
            if (target - nextVersion > 0) {
                throw new AclException("Version number in the future, please use 'prepare map' before.");
            }
            for (String[] keyAndValue : keysAndValues) {
                for (Subscriber subscriber : subscribers) {
                    subscriber.check(keyAndValue[0], keyAndValue[1]);
                }
            }
            for (String[] keyAndValue : keysAndValues) {
                entries.add(new Entry(NEXT_UID.getAndIncrement(), keyAndValue[0], keyAndValue[1], target, 0, null));
            }
            if (target == currentVersion) {
                publishLocked();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sets the value of the current entries that {@code which} selects.
     *
     * @return how many entries changed
     */
    public int setValue(Predicate<Entry> which, String value) throws AclException {
        lock.lock();
        try {
            List<Integer> positions = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                Entry entry = entries.get(i);
                if (entry.version() == currentVersion && which.test(entry)) {
                    positions.add(i);
                }
            }
            for (int position : positions) {
                for (Subscriber subscriber : subscribers) {
                    subscriber.check(entries.get(position).key(), value);
                }
            }
            for (int position : positions) {
                Entry old = entries.get(position);
                entries.set(position, new Entry(old.uid(), old.key(), value, old.version(), old.line(), old.parsed()));
            }
            if (!positions.isEmpty()) {
                publishLocked();
            }
            return positions.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Deletes the entries of a version (null: the current one) that {@code which} selects.
     *
     * @return how many were deleted
     */
    public int delete(Integer version, Predicate<Entry> which) {
        lock.lock();
        try {
            int wanted = version == null ? currentVersion : version;
            int before = entries.size();
            entries.removeIf(entry -> entry.version() == wanted && which.test(entry));
            int deleted = before - entries.size();
            if (deleted > 0 && wanted == currentVersion) {
                publishLocked();
            }
            return deleted;
        } finally {
            lock.unlock();
        }
    }

    /** {@code prepare map|acl}: allocates the next version and returns it. */
    public int prepare() {
        lock.lock();
        try {
            return ++nextVersion;
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@code commit map|acl @<ver>}: the version becomes the current one, older versions are
     * forgotten, newer prepared ones kept (management.txt: "between curr_ver+1 and next_ver").
     *
     * @throws AclException "Version number out of range." otherwise
     */
    public void commit(int version) throws AclException {
        lock.lock();
        try {
            if (version - currentVersion <= 0 || version - nextVersion > 0) {
                throw new AclException("Version number out of range.");
            }
            currentVersion = version;
            entries.removeIf(entry -> entry.version() - version < 0);
            publishLocked();
        } finally {
            lock.unlock();
        }
    }

    private void publishLocked() {
        visible = entries.stream().filter(e -> e.version() == currentVersion).toList();
        for (Subscriber subscriber : subscribers) {
            subscriber.rebuild();
        }
    }
}
