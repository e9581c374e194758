package dev.shuttle.bench.jmh;

import dev.shuttle.config.Configuration;
import dev.shuttle.config.parse.ConfigLoader;
import dev.shuttle.config.parse.Diagnostics;
import dev.shuttle.config.parse.KeywordRegistry;
import dev.shuttle.config.parse.Variables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Configuration texts the benchmarks load, and the one way they load them (Shuttle's own loader). */
public final class Configs {
    private Configs() {}

    /** The 1,000-line configuration of bench/startup.sh: 110 backends of 7 servers each. */
    static String big() {
        StringBuilder text = new StringBuilder("""
                global
                    maxconn 1000
                defaults
                    mode tcp
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend fe
                    bind 127.0.0.1:18999
                    default_backend be0
                """);
        for (int b = 0; b < 110; b++) {
            text.append("backend be").append(b).append("\n    balance roundrobin\n");
            for (int s = 1; s <= 7; s++) {
                text.append("    server s").append(s).append(" 127.0.0.").append(s).append(':').append(8000 + s)
                        .append(" weight ").append(s).append('\n');
            }
        }
        return text.toString();
    }

    /** One backend named "be" with `servers` servers of weights 1..servers, balanced by `balance`. */
    static String backend(String balance, int servers, int maxconn) {
        StringBuilder text = new StringBuilder("""
                defaults
                    mode tcp
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                backend be
                """).append("    balance ").append(balance).append('\n');
        for (int s = 1; s <= servers; s++) {
            text.append("    server s").append(s).append(" 127.0.0.1:").append(9000 + s).append(" weight ").append(s);
            if (maxconn > 0) {
                text.append(" maxconn ").append(maxconn);
            }
            text.append('\n');
        }
        return text.toString();
    }

    public static Path write(String text) {
        try {
            Path file = Files.createTempFile("shuttle-jmh-", ".cfg");
            file.toFile().deleteOnExit();
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Configuration load(Path file) {
        return new ConfigLoader(KeywordRegistry.standard())
                .load(List.of(file), Variables.of(Map.of()), Diagnostics.collecting())
                .orElseThrow(() -> new IllegalStateException("configuration refused: " + file));
    }
}
