package dev.shuttle.config.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.parse.ConfigFixture.Loaded;
import dev.shuttle.rules.StatsPageRule;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The proxy {@code stats} keywords: what they set, their defaults, inheritance, and HAProxy 3.5's refusals. */
class StatsPageConfigTest {
    @TempDir
    Path directory;
    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    private Loaded load(String proxyLines) {
        return fixture.load(ConfigFixture.TIMEOUTS + "    mode http\nlisten fe\n    bind 127.0.0.1:18080\n" + proxyLines);
    }

    private static Optional<StatsPageRule> page(Loaded loaded, String proxy) {
        ProxyConfig config = loaded.configuration().orElseThrow().backend(proxy).orElseThrow();
        return config.rules().statsPage();
    }

    @Test
    void everyKeywordIsRead() {
        Loaded loaded = load("""
                    stats enable
                    stats uri /st
                    stats realm Our\\ stats
                    stats auth a:b
                    stats auth c:d
                    stats refresh 1m
                    stats admin if TRUE
                    stats show-legends
                    stats show-node n1
                    stats show-desc the main one
                    stats hide-version
                    stats scope fe
                    stats scope .
                """);
        assertEquals(List.of(), loaded.alerts());
        StatsPageRule page = page(loaded, "fe").orElseThrow();
        assertEquals("/st", page.uri());
        assertEquals("Our stats", page.realm());
        assertEquals(List.of("a:b", "c:d"), page.users());
        assertEquals(60, page.refreshSeconds());
        assertEquals(1, page.adminConditions().size());
        assertTrue(page.showLegends());
        assertEquals(Optional.of("n1"), page.node());
        assertEquals(Optional.of("the main one"), page.description());
        assertTrue(page.hideVersion());
        assertTrue(page.inScope("fe"));
        assertFalse(page.inScope("other"));
        assertEquals(List.of("fe", "fe"), page.scopes(), "'.' is the proxy itself");
    }

    @Test
    void enableAloneUsesHaproxyDefaults() {
        StatsPageRule page = page(load("    stats enable\n"), "fe").orElseThrow();
        assertEquals("/haproxy?stats", page.uri());
        assertEquals("HAProxy Statistics", page.realm());
        assertEquals(List.of(), page.users());
        assertEquals(0, page.refreshSeconds());
        assertTrue(page.inScope("anything"));
    }

    @Test
    void aProxyWithoutStatsLinesHasNoPage() {
        assertEquals(Optional.empty(), page(load(""), "fe"));
    }

    @Test
    void aDefaultsSectionsStatsLinesAreInheritedByAProxyWithoutStatsLines() {
        String defaults = ConfigFixture.TIMEOUTS + "    mode http\n    stats uri /s\n    stats auth u:p\n";
        StatsPageRule inherited = page(fixture.load(defaults + "listen fe\n    bind 127.0.0.1:18080\n"), "fe")
                .orElseThrow();
        assertEquals("/s", inherited.uri());
        assertEquals(List.of("u:p"), inherited.users());
        // 3.5: the proxy's own "stats" line starts its settings afresh.
        Loaded loaded = fixture.load(defaults + "listen fe\n    bind 127.0.0.1:18080\n    stats refresh 5\n"
                + "    stats http-request deny if { src 10.0.0.1 }\n");
        assertEquals(List.of(), loaded.alerts());
        StatsPageRule own = page(loaded, "fe").orElseThrow();
        assertEquals("/haproxy?stats", own.uri());
        assertEquals(List.of(), own.users());
        assertEquals(5, own.refreshSeconds());
    }

    @Test
    void badLinesGetHaproxysAnswers() {
        assertTrue(load("    stats uri\n").alerts().getFirst().endsWith("'uri' needs an URI prefix."));
        assertTrue(load("    stats realm\n").alerts().getFirst().endsWith("'realm' needs an realm name."));
        assertTrue(load("    stats scope\n").alerts().getFirst().endsWith("'scope' needs a proxy name."));
        assertTrue(load("    stats admin\n").alerts().getFirst()
                .endsWith("'stats admin' requires either 'if' or 'unless' followed by a condition."));
        assertTrue(load("    stats refresh abc\n").alerts().getFirst()
                .endsWith("unexpected character 'a' in argument to stats refresh interval."));
        assertTrue(load("    stats foo\n").alerts().getFirst().contains("unknown stats parameter 'foo', expects 'admin'"));
    }

    @Test
    void showVersionUntilALaterHideVersion() {
        assertTrue(page(load("    stats show-version\n"), "fe").orElseThrow().showVersion());
        assertFalse(page(load("    stats enable\n"), "fe").orElseThrow().showVersion());
        assertFalse(page(load("    stats show-version\n    stats hide-version\n"), "fe").orElseThrow().showVersion());
        assertTrue(page(load("    stats hide-version\n    stats show-version\n"), "fe").orElseThrow().showVersion());
    }

    @Test
    void whatShuttleDoesNotBuildIsRefusedWithItsLine() {
        Loaded loaded = load("    stats show-modules\n");
        assertTrue(loaded.alerts().getFirst().startsWith(loaded.at(8)), loaded.alerts().toString());
        assertTrue(load("    stats show-modules\n").alerts().getFirst()
                .endsWith("'stats show-modules' is not supported by Shuttle."));
    }

    @Test
    void useServiceKnowsOnlyThePrometheusExporter() {
        assertEquals(List.of(), load("    http-request use-service prometheus-exporter if { path /metrics }\n").alerts());
        assertTrue(load("    http-request use-service foo\n").alerts().getFirst().endsWith(
                "while parsing 'http-request use-service' rule : 'foo' unknown service name.."));
    }
}
