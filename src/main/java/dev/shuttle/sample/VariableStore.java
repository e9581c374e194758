package dev.shuttle.sample;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The variables of one scope ({@code set-var(txn.name)}, configuration.txt §2.8 and "set-var"):
 * {@code proc} is shared by the whole process, {@code sess} lives as long as the client
 * connection, {@code txn} as one HTTP exchange, {@code req}/{@code res} as one direction of it.
 *
 * <p>The {@code proc} store is shared across threads (a concurrent map); the others belong to one
 * connection's thread.
 */
public final class VariableStore {
    /** The scopes a variable name starts with. */
    public enum Scope {
        PROC, SESS, TXN, REQ, RES, CHECK;

        public static Optional<Scope> fromPrefix(String prefix) {
            return switch (prefix) {
                case "proc" -> Optional.of(PROC);
                case "sess" -> Optional.of(SESS);
                case "txn" -> Optional.of(TXN);
                case "req" -> Optional.of(REQ);
                case "res" -> Optional.of(RES);
                case "check" -> Optional.of(CHECK);
                default -> Optional.empty();
            };
        }
    }

    private final Map<String, Sample> values;

    private VariableStore(Map<String, Sample> values) {
        this.values = values;
    }

    /** A store for one connection's or exchange's thread. */
    public static VariableStore local() {
        return new VariableStore(new HashMap<>());
    }

    /** The process-wide store. */
    public static VariableStore shared() {
        return new VariableStore(new ConcurrentHashMap<>());
    }

    /** Whether several threads may use this store at once. */
    public boolean isShared() {
        return values instanceof ConcurrentHashMap;
    }

    /** A store safe for several threads, holding this one's values. */
    public VariableStore sharedCopy() {
        return new VariableStore(new ConcurrentHashMap<>(values));
    }

    public Optional<Sample> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public void set(String name, Sample value) {
        values.put(name, value);
    }

    public void unset(String name) {
        values.remove(name);
    }

    public boolean isSet(String name) {
        return values.containsKey(name);
    }

    /** The variables' names and values, sorted by name (HAProxy's order is a random hash's). */
    public Map<String, Sample> snapshot() {
        return new TreeMap<>(values);
    }

    public void clear() {
        values.clear();
    }
}
