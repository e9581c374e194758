package dev.shuttle.config.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.parse.ConfigFixture.Loaded;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rule-order warnings and rules in named defaults, with HAProxy 3.5's messages for the same files. */
class RuleOrderAndDefaultsTest {
    private static final String NAMED = """
            defaults d1
                mode http
                timeout client 1s
                timeout server 1s
                timeout connect 1s
                http-request set-header x-d 1
            """;

    @TempDir
    Path directory;
    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    @Test
    void aRuleOfAnEarlierSetPlacedLaterIsWarnedAbout() {
        Loaded loaded = fixture.load(ConfigFixture.TIMEOUTS + """
                frontend fe
                    mode http
                    bind 127.0.0.1:8080
                    use_backend be
                    http-request set-header x 1
                    tcp-request content accept
                    tcp-request connection accept
                    monitor fail if FALSE
                backend be
                    mode http
                    http-response set-header y 1
                    tcp-response content accept
                """);
        assertEquals(List.of(
                loaded.at(9) + "a 'http-request' rule placed after a 'use_backend' rule will still be processed before.",
                loaded.at(10) + "a 'tcp-request content' rule placed after an 'http-request' rule will still be processed before.",
                loaded.at(11) + "a 'tcp-request connection' rule placed after a 'tcp-request content' rule will still be processed before.",
                loaded.at(12) + "a 'monitor fail' rule placed after an 'http-request' rule will still be processed before.",
                loaded.at(16) + "a 'tcp-response content' rule placed after an 'http-response' rule will still be processed before."),
                loaded.warnings());
        assertTrue(loaded.configuration().isPresent());
    }

    @Test
    void inheritedRulesDoNotCount() {
        Loaded loaded = fixture.load(NAMED + """
                frontend fe from d1
                    bind 127.0.0.1:8080
                    tcp-request content accept
                """);
        assertEquals(List.of(), loaded.warnings());
        assertTrue(loaded.configuration().isPresent());
    }

    @Test
    void aFrontendAndABackendCannotShareDefaultsWithRules() {
        Loaded loaded = fixture.load(NAMED + """
                frontend fe from d1
                    bind 127.0.0.1:8080
                    default_backend be
                backend be from d1
                    server s 127.0.0.1:9000
                """);
        assertEquals(loaded.at(10) + "frontends and backends cannot inherit from the same defaults section if it "
                + "defines TCP/HTTP rules (defaults section at " + loaded.file() + ":1).", loaded.alerts().getFirst());
    }

    @Test
    void listenAndDefaultsCannotTakeDefaultsWithRules() {
        Loaded listen = fixture.load(NAMED + """
                listen li from d1
                    bind 127.0.0.1:8080
                """);
        assertEquals(listen.at(7) + "a listen section cannot inherit from a defaults section defining TCP/HTTP rules.",
                listen.alerts().getFirst());
        Loaded defaults = fixture.load(NAMED + """
                defaults d2 from d1
                    mode http
                """);
        assertEquals(defaults.at(7) + "a defaults section cannot inherit from a defaults section defining TCP/HTTP "
                + "rules (defaults section at " + defaults.file() + ":1).", defaults.alerts().getFirst());
    }

    @Test
    void aBackendCannotTakeConnectionRules() {
        Loaded loaded = fixture.load("""
                defaults d1
                    mode http
                    timeout client 1s
                    timeout server 1s
                    timeout connect 1s
                    tcp-request connection accept
                backend be from d1
                    server s 127.0.0.1:9000
                """);
        assertEquals(loaded.at(7) + "a backend section cannot inherit from a defaults section defining "
                + "'tcp-request connection' or 'tcp-request session' rules (defaults section at " + loaded.file()
                + ":1).", loaded.alerts().getFirst());
    }
}
