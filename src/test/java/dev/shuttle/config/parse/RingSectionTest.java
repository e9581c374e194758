package dev.shuttle.config.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.config.LogDestination;
import dev.shuttle.config.RingConfig;
import dev.shuttle.config.SyslogFormat;
import dev.shuttle.config.parse.ConfigFixture.Loaded;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code ring} sections (configuration.txt §12.5) and {@code log ring@<name>}; messages as haproxy 3.5's. */
class RingSectionTest {
    @TempDir
    Path directory;
    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    @Test
    void aRingWithItsSettingsAndServers() {
        Loaded loaded = fixture.load("""
                global
                    log ring@r1 local0
                ring r1
                    description "My local buffer"
                    format rfc5424
                    maxlen 1200
                    size 32764
                    timeout connect 5s
                    timeout server 10s
                    server s1 127.0.0.1:6514 log-proto octet-count
                    server s2 127.0.0.1:6515
                """);
        RingConfig ring = loaded.config().logSetup().rings().get("r1");
        assertEquals("My local buffer", ring.description());
        assertEquals(SyslogFormat.RFC5424, ring.format());
        assertEquals(1200, ring.maxLength());
        assertEquals(32764, ring.size());
        assertEquals(5000, ring.connectMillis());
        assertEquals(10000, ring.serverMillis());
        assertEquals(List.of(new RingConfig.Server("s1", new InetSocketAddress("127.0.0.1", 6514),
                        RingConfig.Framing.OCTET_COUNT),
                new RingConfig.Server("s2", new InetSocketAddress("127.0.0.1", 6515), RingConfig.Framing.LEGACY)),
                ring.servers());
        assertEquals(new LogDestination.Ring("r1"), loaded.config().global().logs().getFirst().destination());
    }

    @Test
    void defaultsAreRawAndAMaxlenThatFitsTheSize() {
        Loaded loaded = fixture.load("ring r\n    server s 127.0.0.1:6514\n");
        RingConfig ring = loaded.config().logSetup().rings().get("r");
        assertEquals(SyslogFormat.RAW, ring.format());
        assertEquals("r", ring.description());
        assertEquals(RingConfig.DEFAULT_SIZE, ring.size());
        assertEquals(16187, ring.maxLength(), "3.5 forces a 16384-byte ring's maxlen to 16187");
    }

    @Test
    void aMaxlenBeyondTheSizeIsLoweredWithAWarning() {
        Loaded loaded = fixture.load("ring r\n    maxlen 100000\n    server s 127.0.0.1:6514\n");
        assertEquals(List.of("config : ring 'r' event max length '100000' exceeds max payload size, forced to '16187'."),
                loaded.warnings());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2 | ring r\\n    bogus 1 | unknown statement 'bogus'.",
            "2 | ring r\\n    format foo | unknown format 'foo'.",
            "2 | ring r\\n    server s 127.0.0.1:514 log-proto foo | 'server r/s' : 'log-proto' expects one of 'legacy' "
                    + "or 'octet-count' but got 'foo'.",
            "2 | ring r\\n    server s 127.0.0.1:514 check | 'server r/s' : 'check' is not supported by Shuttle on a "
                    + "ring's server (only 'log-proto' is).",
            "1 | ring\\n | missing ring name.",
            "3 | ring r\\n    server s 127.0.0.1:514\\nring r | sink named 'r' already exists.",
            "1 | ring r\\n | ring 'r' has no server: Shuttle's rings keep no message for 'show events', so its "
                    + "messages would only be dropped; add a 'server' or log elsewhere.",
            "2 | ring r\\n    backing-file /tmp/x | 'backing-file' is not supported by Shuttle: its rings live in "
                    + "memory only."})
    void badRingLines(int line, String text, String message) {
        Loaded loaded = fixture.load(text.replace("\\n", "\n") + "\n");
        assertEquals(loaded.at(line) + message, loaded.alerts().getFirst());
    }
}
