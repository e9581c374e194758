package dev.shuttle.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where each backend's servers find the state they start with (configuration.txt §3.1
 * "server-state-file", "server-state-base"; §4.2 "load-server-state-from-file",
 * "server-state-file-name"): a file written by {@code show servers state} before a reload,
 * applied at start before any traffic.
 *
 * @param globalFile the global {@code server-state-file}, empty when none
 * @param base       {@code server-state-base}: the directory of relative file names, empty when none
 * @param sources    per backend name, where its state comes from; a backend not named loads none
 */
public record ServerStateFiles(Optional<String> globalFile, Optional<String> base, Map<String, Source> sources) {
    public static final ServerStateFiles NONE = new ServerStateFiles(Optional.empty(), Optional.empty(), Map.of());

    public ServerStateFiles {
        sources = Map.copyOf(sources);
    }

    /** {@code load-server-state-from-file}'s choices. */
    public enum Mode { NONE, GLOBAL, LOCAL }

    /**
     * One backend's choice.
     *
     * @param mode     global file, its own file, or none
     * @param fileName {@code server-state-file-name <file>}; empty: the backend's name
     */
    public record Source(Mode mode, Optional<String> fileName) {}

    /** Whether any backend loads a state. */
    public boolean any() {
        return sources.values().stream().anyMatch(source -> source.mode() != Mode.NONE);
    }

    /** The global file's path, relative to {@code server-state-base} unless absolute. */
    public Optional<Path> globalPath() {
        return globalFile.map(this::resolve);
    }

    /** A backend's own file's path ({@code local}): its {@code server-state-file-name}, or its name. */
    public Path localPath(String backend) {
        Source source = sources.get(backend);
        return resolve(source == null ? backend : source.fileName().orElse(backend));
    }

    /** HAProxy's srv_state_get_filepath(): an absolute name as is, else under the base when there is one. */
    private Path resolve(String name) {
        if (name.startsWith("/") || base.isEmpty()) {
            return Path.of(name);
        }
        return Path.of(base.get()).resolve(name);
    }
}
