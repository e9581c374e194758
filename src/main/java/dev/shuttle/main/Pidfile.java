package dev.shuttle.main;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The pidfile of {@code -p} or {@code pidfile}: the process id and a newline, removed at exit. */
final class Pidfile {
    private Pidfile() {}

    static boolean write(Optional<Path> pidfile, PrintStream err) {
        if (pidfile.isEmpty()) {
            return true;
        }
        try {
            Files.writeString(pidfile.get(), ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
            return true;
        } catch (IOException e) {
            err.printf("%-10s (%d) : [shuttle.main()] Cannot create pidfile %s%n", "[ALERT]",
                    ProcessHandle.current().pid(), pidfile.get());
            return false;
        }
    }

    static void remove(Optional<Path> pidfile) {
        pidfile.ifPresent(path -> {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // a pidfile left behind names a dead process; nothing better to do at exit
            }
        });
    }
}
