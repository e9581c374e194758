package dev.shuttle.config.parse;

import static dev.shuttle.config.parse.ConfigFixture.TIMEOUTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.parse.ConfigFixture.Loaded;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code be-unpublished} and {@code force-be-switch}, with 3.5's refusals. */
class PublicationConfigTest {
    @TempDir
    Path directory;
    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    @Test
    void backendsAndListenSectionsMayStartUnpublished() {
        Loaded loaded = fixture.load(TIMEOUTS + """
                frontend fe
                    bind 127.0.0.1:8080
                    force-be-switch if { src 10.0.0.0/8 }
                    default_backend be
                backend be
                    be-unpublished
                listen li
                    bind 127.0.0.1:8081
                    be-unpublished
                    force-be-switch unless TRUE
                backend other
                """);
        assertEquals(List.of(), loaded.alerts());
        assertTrue(loaded.config().backend("be").orElseThrow().startsUnpublished());
        assertTrue(loaded.config().backend("li").orElseThrow().startsUnpublished());
        assertFalse(loaded.config().backend("other").orElseThrow().startsUnpublished());
    }

    @Test
    void misplacedOrIncompleteLinesGet35sAlerts() {
        Loaded loaded = fixture.load(TIMEOUTS + """
                defaults
                    be-unpublished
                    force-be-switch if TRUE
                frontend fe
                    bind 127.0.0.1:8080
                    be-unpublished
                    force-be-switch TRUE
                backend be
                    force-be-switch if TRUE
                """);
        assertEquals(List.of(loaded.at(6) + "'be-unpublished' not allowed in 'defaults' section.",
                loaded.at(7) + "'force-be-switch' not allowed in 'defaults' section.",
                loaded.at(10) + "'be-unpublished' only available in backend or listen section.",
                loaded.at(11) + "'force-be-switch' requires either 'if' or 'unless' followed by a condition.",
                loaded.at(13) + "'force-be-switch' only available in frontend or listen section."),
                loaded.alerts().subList(0, 5));
    }
}
