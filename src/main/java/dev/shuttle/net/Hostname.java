package dev.shuttle.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's host name, HAProxy's default for {@code localpeer} and for log headers. */
public final class Hostname {
    private Hostname() {}

    public static String get() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException | RuntimeException e) {
            String fromEnvironment = System.getenv("HOSTNAME");
            return fromEnvironment != null ? fromEnvironment : "localhost";
        }
    }
}
