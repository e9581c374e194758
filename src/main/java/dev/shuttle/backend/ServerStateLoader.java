package dev.shuttle.backend;

import dev.shuttle.config.ServerStateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies the server state files at start, before any traffic (configuration.txt,
 * "load-server-state-from-file"; HAProxy 3.5's apply_server_state()): the global
 * {@code server-state-file} for the backends that load {@code global}, each backend's own file for
 * those that load {@code local}. A line names its server by backend and server name; what it holds is
 * applied by {@link SavedServerState}. The messages are 3.5's: a missing or empty file is a notice;
 * a file without a version, a corrupted one, a backend whose name or id differs, a server the
 * backend does not have (own files only) are warnings.
 */
public final class ServerStateLoader {
    /** Where the messages go (the process's standard error, as [WARNING] and [NOTICE] lines). */
    public interface Messages {
        void warning(String text);

        void notice(String text);
    }

    private final ServerStateFiles files;
    private final Messages messages;

    public ServerStateLoader(ServerStateFiles files, Messages messages) {
        this.files = files;
        this.messages = messages;
    }

    /** Reads the files and applies them to {@code backends}' servers. */
    public void apply(List<Backend> backends) {
        Map<String, List<String>> global = readGlobal();
        for (Backend backend : backends) {
            ServerStateFiles.Source source = files.sources().get(backend.name());
            if (source == null || source.mode() == ServerStateFiles.Mode.NONE || backend.config().disabled()
                    || backend.servers().isEmpty()) {
                continue;
            }
            if (source.mode() == ServerStateFiles.Mode.GLOBAL) {
                // the global file is keyed by backend name: its id is not compared
                for (var server : backend.servers()) {
                    List<String> line = global.get(backend.name() + " " + server.name());
                    if (line != null) {
                        SavedServerState.apply(backend, server, line, messages);
                    }
                }
            } else {
                applyLocal(backend);
            }
        }
    }

    /** The global file's lines by "backend server", or none when there is no file or it cannot be used. */
    private Map<String, List<String>> readGlobal() {
        Map<String, List<String>> lines = new LinkedHashMap<>();
        Optional<Path> path = files.globalPath();
        if (path.isEmpty()) {
            return lines;
        }
        String file = path.get().toString();
        Optional<ServerStateFile.Parsed> parsed = read(path.get(), "config: Can't open global server state file '"
                + file + "': ", "");
        if (parsed.isEmpty()) {
            return lines;
        }
        switch (parsed.get()) {
            case ServerStateFile.Empty empty -> messages.notice("config: Empty global server state file '" + file + "'.");
            case ServerStateFile.NoVersion none ->
                    messages.warning("config: Can't get version of the global server state file '" + file + "'.");
            case ServerStateFile.Corrupted corrupted -> messages.warning("config: corrupted global server state file '"
                    + file + "' at line " + corrupted.lineNumber() + ".");
            case ServerStateFile.Lines found -> found.lines().forEach(line ->
                    lines.putIfAbsent(line.get(1) + " " + line.get(3), line)); // a repeated line is dropped
        }
        return lines;
    }

    /** A backend's own file: lines of another backend are skipped, servers it does not have warned about. */
    private void applyLocal(Backend backend) {
        Path path = files.localPath(backend.name());
        String file = path.toString();
        String proxy = "Proxy '" + backend.name() + "': ";
        Optional<ServerStateFile.Parsed> parsed = read(path, proxy + "Can't open server state file '" + file + "': ",
                ".");
        if (parsed.isEmpty()) {
            return;
        }
        List<List<String>> found = switch (parsed.get()) {
            case ServerStateFile.Empty empty -> {
                messages.notice(proxy + "Empty server state file '" + file + "'.");
                yield List.of();
            }
            case ServerStateFile.NoVersion none -> {
                messages.warning(proxy + "Can't get version of the server state file '" + file + "'.");
                yield List.of();
            }
            case ServerStateFile.Corrupted corrupted -> {
                messages.warning(proxy + "corrupted server state file '" + file + "' at line "
                        + corrupted.lineNumber() + ".");
                yield List.of();
            }
            case ServerStateFile.Lines lines -> lines.lines();
        };
        Map<String, List<String>> byServer = new LinkedHashMap<>();
        for (List<String> line : found) {
            if (ofThisBackend(backend, line, proxy)) {
                byServer.putIfAbsent(line.get(3), line);
            }
        }
        for (var server : backend.servers()) {
            List<String> line = byServer.remove(server.name());
            if (line != null) {
                SavedServerState.apply(backend, server, line, messages);
            }
        }
        byServer.keySet().forEach(name ->
                messages.warning(proxy + "can't find server '" + name + "' in backend '" + backend.name() + "'"));
    }

    /**
     * Whether a line of a backend's own file is about it: its name or its id must match; a different
     * id is warned about and the line used, a different name is warned about and the line skipped
     * unless the old backend's id was forced ({@code bk_f_forced_id}).
     */
    private boolean ofThisBackend(Backend backend, List<String> line, String proxy) {
        boolean sameId = atoi(line.get(0)) == backend.config().id();
        boolean sameName = line.get(1).equals(backend.name());
        if (!sameId && !sameName) {
            return false;
        }
        if (!sameId) {
            messages.warning(proxy + "backend ID mismatch: from server state file: '" + line.get(0)
                    + "', from running config '" + backend.config().id() + "'");
        } else if (!sameName) {
            messages.warning(proxy + "backend name mismatch: from server state file: '" + line.get(1)
                    + "', from running config '" + backend.name() + "'");
            return atoi(line.get(15)) == 1;
        }
        return true;
    }

    /** The file's text parsed, or empty when it cannot be read (a notice when missing, else a warning). */
    private Optional<ServerStateFile.Parsed> read(Path path, String cannotOpen, String period) {
        try {
            return Optional.of(ServerStateFile.parse(Files.readString(path, StandardCharsets.ISO_8859_1)));
        } catch (NoSuchFileException e) {
            messages.notice(cannotOpen + "No such file or directory" + period);
        } catch (IOException e) {
            messages.warning(cannotOpen + e.getMessage() + period);
        }
        return Optional.empty();
    }

    /** C's atoi(): the leading digits, 0 when there are none. */
    private static int atoi(String text) {
        int end = 0;
        while (end < text.length() && end < 9 && Character.isDigit(text.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(text.substring(0, end));
    }
}
