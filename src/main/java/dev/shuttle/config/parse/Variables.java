package dev.shuttle.config.parse;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The mutable set of environment variables that the configuration parser sees.
 *
 * <p>HAProxy reads its configuration with the process environment, which the {@code global}
 * keywords {@code setenv}, {@code presetenv}, {@code unsetenv} and {@code resetenv} change while
 * parsing goes on (manual section 3.1), and which also carries the variables HAProxy defines
 * itself (section 2.3). Shuttle never touches its real environment: this object stands in for it,
 * so a test can start from any map and a reload can start again from a fresh copy.
 *
 * <p>Not thread-safe: configuration is read by one thread.
 */
public final class Variables {
    private final Map<String, String> values;

    private Variables(Map<String, String> values) {
        this.values = new HashMap<>(values);
    }

    /** A copy of this process's environment, as HAProxy starts from its own. */
    public static Variables fromProcessEnvironment() {
        return new Variables(System.getenv());
    }

    /** A set holding exactly the given variables (a copy: later changes to the map are not seen). */
    public static Variables of(Map<String, String> values) {
        return new Variables(values);
    }

    /** The value of a variable, empty when it is not defined (a defined variable may hold ""). */
    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The value of a variable, or null when it is not defined. */
    public String getOrNull(String name) {
        return values.get(name);
    }

    /** True when the variable exists, whatever it holds, as {@code defined()} asks. */
    public boolean isDefined(String name) {
        return values.containsKey(name);
    }

    /** Defines or replaces a variable ({@code setenv}). */
    public void set(String name, String value) {
        values.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    }

    /** Defines a variable only when it does not exist yet ({@code presetenv}). */
    public void setIfAbsent(String name, String value) {
        values.putIfAbsent(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    }

    /** Removes the named variables; names that are not defined are ignored ({@code unsetenv}). */
    public void unset(String... names) {
        for (String name : names) {
            values.remove(name);
        }
    }

    /** Keeps only the listed variables, or removes them all when the list is empty ({@code resetenv}). */
    public void retainOnly(Collection<String> names) {
        Set<String> kept = new HashSet<>(names);
        values.keySet().removeIf(name -> !kept.contains(name));
    }

    /** An unmodifiable copy of the current variables, e.g. for the environment of a child process. */
    public Map<String, String> snapshot() {
        return Map.copyOf(values);
    }
}
