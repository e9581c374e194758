package dev.shuttle.main;

import dev.shuttle.config.Configuration;
import dev.shuttle.config.parse.ConfigLoader;
import dev.shuttle.config.parse.Diagnostics;
import dev.shuttle.config.parse.KeywordRegistry;
import dev.shuttle.config.parse.Variables;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Helpers for the tests that run a whole {@link ShuttleProcess}: config, free port, serving thread, status. */
final class WholeProcessTests {
    private WholeProcessTests() {}

    /** Writes {@code text} to {@code file} and loads it; a configuration with errors fails the test with them. */
    static Configuration load(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Diagnostics diagnostics = Diagnostics.collecting();
        return new ConfigLoader(KeywordRegistry.standard()).load(List.of(file), Variables.of(Map.of()), diagnostics)
                .orElseThrow(() -> new AssertionError(diagnostics.messages().toString()));
    }

    /** A loopback port nothing listens on (as long as nobody takes it). */
    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** Runs a started process on a virtual thread until it stops. */
    static Thread serve(ShuttleProcess process) {
        return Thread.ofVirtual().start(() -> {
            try {
                process.run(0, 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Reads one response with a content-length body; returns its status. */
    static int readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in a response head: " + head);
            }
            head.append((char) b);
        }
        String text = head.toString().toLowerCase();
        int at = text.indexOf("content-length:");
        int length = at < 0 ? 0 : Integer.parseInt(text.substring(at + 15, text.indexOf('\r', at)).trim());
        in.readNBytes(length);
        return Integer.parseInt(text.substring(9, 12));
    }
}
