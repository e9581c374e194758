package dev.shuttle.config.parse;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.parse.ConfigFixture.Loaded;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code option abortonclose}: on unless {@code no option abortonclose} (configuration.txt, 3.5: the HTTP default). */
class AbortOnCloseConfigTest {
    @TempDir
    Path directory;

    private Loaded load(String text) {
        return new ConfigFixture(directory).load(ConfigFixture.TIMEOUTS + text);
    }

    @Test
    void onByDefaultOffWithNoAndInheritedFromDefaults() {
        Loaded loaded = load("""
                backend plain
                    mode http
                backend off
                    mode http
                    no option abortonclose
                defaults
                    mode http
                    timeout client 1s
                    timeout server 1s
                    timeout connect 1s
                    no option abortonclose
                backend inherits
                backend again
                    option abortonclose
                """);
        assertTrue(loaded.proxy("plain").http().abortOnClose());
        assertFalse(loaded.proxy("off").http().abortOnClose());
        assertFalse(loaded.proxy("inherits").http().abortOnClose());
        assertTrue(loaded.proxy("again").http().abortOnClose());
        assertTrue(loaded.warnings().isEmpty(), loaded.warnings().toString());
        assertTrue(loaded.alerts().isEmpty(), loaded.alerts().toString());
    }

    @Test
    void aTcpBackendWarnsThatItHasNoEffect() {
        Loaded loaded = load("backend tcp\n    mode tcp\n    option abortonclose\nbackend quiet\n    mode tcp\n");
        assertTrue(loaded.warnings().stream().anyMatch(w -> w.contains("'option abortonclose' has no effect in TCP mode")
                && w.contains("'tcp'")), loaded.warnings().toString());
        assertTrue(loaded.warnings().stream().noneMatch(w -> w.contains("'quiet'")), loaded.warnings().toString());
    }
}
