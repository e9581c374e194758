package dev.shuttle.config.parse;

import dev.shuttle.config.Configuration;
import dev.shuttle.config.ProxyConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Writes configuration files into a test's temporary directory and loads them with the standard keywords. */
final class ConfigFixture {
    /** Timeouts that silence the "missing timeouts" warning, for tests about something else. */
    static final String TIMEOUTS = """
            defaults
                timeout client 1s
                timeout server 1s
                timeout connect 1s
            """;

    private final Path directory;

    ConfigFixture(Path directory) {
        this.directory = directory;
    }

    Path write(String name, String text) {
        Path file = directory.resolve(name);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Loads {@code text} as the single file {@code test.cfg}, with an empty environment. */
    Loaded load(String text) {
        return load(text, Map.of());
    }

    Loaded load(String text, Map<String, String> environment) {
        Path file = write("test.cfg", text);
        return load(List.of(file), Variables.of(environment), file);
    }

    Loaded load(List<Path> arguments, Variables variables, Path mainFile) {
        Diagnostics diagnostics = Diagnostics.collecting();
        Optional<Configuration> configuration =
                new ConfigLoader(KeywordRegistry.standard()).load(arguments, variables, diagnostics);
        return new Loaded(mainFile, configuration, diagnostics.messages(), variables);
    }

    /** The outcome of one load: the configuration (empty on failure) and every message. */
    record Loaded(Path file, Optional<Configuration> configuration, List<Diagnostics.Message> messages,
                  Variables variables) {
        /** The prefix of a message about line {@code line} of the main file, in HAProxy's layout. */
        String at(int line) {
            return "config : parsing [" + file + ":" + line + "] : ";
        }

        /** The place 3.5 writes before a server, default-server or server-template line's refusal: no "parsing". */
        String serverAt(int line) {
            return "config : [" + file + ":" + line + "] : ";
        }

        /** {@link #serverAt} or {@link #at}, as line {@code line} of {@code text} is a server line or not. */
        String placeOf(String text, int line) {
            String keyword = text.split("\n", -1)[line - 1].trim().split("\\s+")[0];
            boolean serverLine = keyword.equals("server") || keyword.equals("default-server")
                    || keyword.equals("server-template");
            return serverLine ? serverAt(line) : at(line);
        }

        List<String> texts(Diagnostics.Level level) {
            return messages.stream().filter(m -> m.level() == level).map(Diagnostics.Message::text).toList();
        }

        List<String> alerts() {
            return texts(Diagnostics.Level.ALERT);
        }

        List<String> warnings() {
            return texts(Diagnostics.Level.WARNING);
        }

        List<String> notices() {
            return texts(Diagnostics.Level.NOTICE);
        }

        Configuration config() {
            return configuration.orElseThrow(() -> new AssertionError("loading failed: " + messages));
        }

        ProxyConfig proxy(String name) {
            return config().proxies().stream().filter(p -> p.name().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no proxy " + name));
        }
    }
}
