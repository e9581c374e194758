package dev.shuttle.config.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.CheckGlobals;
import dev.shuttle.config.parse.ConfigFixture.Loaded;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spread-checks, max-spread-checks, external-check and insecure-fork-wanted in the global section. */
class CheckGlobalKeywordsTest {
    @TempDir
    Path directory;
    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    private CheckGlobals globals(String lines) {
        return fixture.load("global\n" + lines).config().global().checks();
    }

    private void assertAlert(String lines, String expected) {
        Loaded loaded = fixture.load("global\n" + lines);
        assertTrue(loaded.configuration().isEmpty(), "loading should fail: " + loaded.messages());
        assertEquals(loaded.at(2) + expected, loaded.alerts().getFirst());
    }

    @Test
    void nothingSetKeepsTheDefaults() {
        assertEquals(CheckGlobals.DEFAULTS, globals("    maxconn 10\n"));
    }

    @Test
    void everyKeywordIsKept() {
        CheckGlobals globals = globals("""
                    spread-checks 20
                    max-spread-checks 3s
                    external-check preserve-env
                    insecure-fork-wanted
                """);
        assertEquals(new CheckGlobals(20, 3000, CheckGlobals.ExternalChecks.PRESERVE_ENVIRONMENT, true), globals);
        assertEquals(CheckGlobals.ExternalChecks.CLEAN_ENVIRONMENT, globals("    external-check\n").externalCheck());
    }

    @Test
    void badValuesGetHaproxysAlerts() {
        assertAlert("    spread-checks 51\n", "'spread-checks' needs a positive value in range 0..50.");
        assertAlert("    spread-checks -1\n", "'spread-checks' needs a positive value in range 0..50.");
        assertAlert("    spread-checks\n", "'spread-checks' expects an integer argument (0..50).");
        assertAlert("    external-check keep-env\n",
                "'external-check' only supports 'preserve-env' as an argument, found 'keep-env'.");
        assertAlert("    external-check preserve-env x\n", "'external-check' cannot handle unexpected argument 'x'.");
    }

    @Test
    void aSecondSpreadChecksKeepsTheFirstWithHaproxysWords() {
        Loaded loaded = fixture.load("global\n    spread-checks 5\n    spread-checks 7\n");
        assertEquals(5, loaded.config().global().checks().spreadPercent());
        assertEquals(loaded.at(3) + "spread-checks already specified. Continuing.", loaded.warnings().getFirst());
    }

    @Test
    void spreadChecksReadsItsNumberAsAtolDoes() {
        assertEquals(12, globals("    spread-checks 12abc\n").spreadPercent());
    }
}
