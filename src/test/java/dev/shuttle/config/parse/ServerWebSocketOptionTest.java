package dev.shuttle.config.parse;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.parse.ConfigFixture.Loaded;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ws auto|h1|h2} on a server line: accepted where WebSocket streams use the server's own
 * protocol, refused with an alert naming the line otherwise, and 3.5's message for a bad value.
 */
class ServerWebSocketOptionTest {
    @TempDir
    Path directory;

    private Loaded load(String text) {
        return new ConfigFixture(directory).load(ConfigFixture.TIMEOUTS + "defaults\n    mode http\n" + text);
    }

    private static void assertAlert(Loaded loaded, String text) {
        assertTrue(loaded.alerts().stream().anyMatch(alert -> alert.contains(text)), loaded.alerts().toString());
    }

    @Test
    void theServersOwnProtocolIsAccepted() {
        Loaded loaded = load("""
                backend be
                    server a 127.0.0.1:80 proto h2 ws h2
                    server b 127.0.0.1:81 proto h2 ws auto
                    server c 127.0.0.1:82 ws h1
                    server d 127.0.0.1:83 ws auto proto h1
                    default-server ws h2
                    server e 127.0.0.1:84 proto h2
                """);
        assertTrue(loaded.alerts().isEmpty(), loaded.alerts().toString());
    }

    @Test
    void anotherProtocolThanTheServersIsRefused() {
        assertAlert(load("""
                backend be
                    server a 127.0.0.1:80 ws h1 proto h2
                """), "'ws h1' is not supported by Shuttle on a server whose connections speak HTTP/2");
        assertAlert(load("""
                backend be
                    server a 127.0.0.1:80 ws h2
                """), "'ws h2' is not supported by Shuttle on a server whose connections speak HTTP/1.1");
        assertAlert(load("""
                backend be
                    default-server ws h2
                    server a 127.0.0.1:80
                """), "'ws h2' is not supported by Shuttle");
    }

    @Test
    void aBadValueGetsHaproxysMessage() {
        assertAlert(load("""
                backend be
                    server a 127.0.0.1:80 ws h3
                """), "'server be/a' : 'ws' has to be 'auto', 'h1' or 'h2'.");
    }
}
