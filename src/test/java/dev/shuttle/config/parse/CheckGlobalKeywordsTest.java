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

    @Test
    void optionExternalCheckNeedsTheGlobalKeywordAndACommandAsIn35() {
        String backend = "defaults\n    timeout client 1s\n    timeout server 1s\n    timeout connect 1s\n"
                + "backend be\n    option external-check\n";
        Loaded none = fixture.load(backend);
        assertEquals(java.util.List.of(
                "Proxy 'be' : 'option external-check' unable to find required 'global.external-check'.",
                "Proxy 'be' : 'option external-check' unable to find required 'external-check command'."),
                none.alerts());
        assertEquals(java.util.List.of("Proxy 'be' : 'insecure-fork-wanted' not enabled in the global section, "
                + "'option external-check' will likely fail."), none.warnings());
        Loaded relative = fixture.load("global\n    external-check\n    insecure-fork-wanted\n" + backend
                + "    external-check command check.sh\n");
        assertEquals(java.util.List.of("Proxy 'be': 'external-check command' does not have a leading '/' and "
                + "'external-check path' is not set."), relative.alerts());
        Loaded good = fixture.load("global\n    external-check\n    insecure-fork-wanted\n" + backend
                + "    external-check command check.sh\n    external-check path /usr/bin\n");
        assertEquals(new dev.shuttle.config.ExternalCheckCommand("check.sh", "/usr/bin"),
                good.proxy("be").checks().external());
        assertTrue(good.warnings().isEmpty(), good.warnings().toString());
    }

    @Test
    void aCommandWithoutTheOptionIsIgnoredWithAWarning() {
        Loaded loaded = fixture.load("defaults\n    timeout client 1s\n    timeout server 1s\n    timeout connect 1s\n"
                + "backend be\n    external-check command /bin/true\n    external-check path /bin\n"
                + "    server s 127.0.0.1:9\n");
        assertEquals(java.util.List.of(
                "'external-check command' will be ignored for backend 'be' (requires 'option external-check').",
                "'external-check path' will be ignored for backend 'be' (requires 'option external-check')."),
                loaded.warnings());
        assertEquals(dev.shuttle.config.ExternalCheckCommand.NONE, loaded.proxy("be").checks().external());
    }

    @Test
    void badExternalCheckLinesGetHaproxysAlerts() {
        Loaded loaded = fixture.load("backend be\n    external-check run /bin/true\n");
        assertEquals(loaded.at(2) + "'external-check' only supports 'command' and 'path'. but got 'run'.",
                loaded.alerts().getFirst());
        loaded = fixture.load("backend be\n    external-check command\n");
        assertEquals(loaded.at(2) + "missing argument after 'command'.", loaded.alerts().getFirst());
    }
}
