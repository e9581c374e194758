package dev.shuttle.config.parse;

import static dev.shuttle.config.parse.ConfigFixture.TIMEOUTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.BalanceAlgorithm;
import dev.shuttle.config.BindConfig;
import dev.shuttle.config.parse.ConfigFixture.Loaded;
import dev.shuttle.config.Configuration;
import dev.shuttle.config.LogTarget;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.ProxyKind;
import dev.shuttle.config.ProxyMode;
import dev.shuttle.config.ServerConfig;
import dev.shuttle.config.SyslogFacility;
import dev.shuttle.config.TimeoutKind;
import dev.shuttle.config.Timeouts;
import dev.shuttle.lang.SourceLocation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sections, {@code defaults} inheritance and proxy identities, through {@link ConfigLoader}. */
class ConfigLoaderSectionsTest {
    @TempDir
    Path directory;
    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    @Test
    void everySectionKindLoadsInFileOrder() {
        Loaded loaded = fixture.load("""
                global
                    maxconn 100
                defaults
                    timeout client 1s
                    timeout server 1s
                    timeout connect 1s
                frontend fe
                    bind 127.0.0.1:8080
                    default_backend be
                backend be
                    server s1 127.0.0.1:9000
                listen li
                    bind 127.0.0.1:8081
                    server s2 127.0.0.1:9001
                """);
        assertEquals(List.of(), loaded.messages());
        Configuration config = loaded.config();
        assertEquals(100, config.global().maxconn());
        assertEquals(List.of("fe", "be", "li"), config.proxies().stream().map(ProxyConfig::name).toList());
        assertEquals(List.of(ProxyKind.FRONTEND, ProxyKind.BACKEND, ProxyKind.LISTEN),
                config.proxies().stream().map(ProxyConfig::kind).toList());
        assertEquals(Optional.of("be"), loaded.proxy("fe").defaultBackend());
        assertEquals(List.of("fe", "li"), config.frontends().stream().map(ProxyConfig::name).toList());
        assertEquals("li", config.backend("li").orElseThrow().name());
        assertTrue(config.backend("fe").isEmpty(), "a frontend is not a backend");
        assertEquals(new SourceLocation(loaded.file().toString(), 7), loaded.proxy("fe").where());
    }

    @Test
    void globalMaxconnDefaultsTo4096() {
        assertEquals(4096, fixture.load(TIMEOUTS).config().global().maxconn());
    }

    @Test
    void anonymousDefaultsApplyOnlyToTheProxiesThatFollow() {
        Loaded loaded = fixture.load(TIMEOUTS + """
                backend before
                    server s 127.0.0.1:1
                defaults
                    timeout client 1s
                    timeout server 1s
                    timeout connect 1s
                    retries 7
                    balance leastconn
                backend after
                    server s 127.0.0.1:1
                """);
        assertEquals(3, loaded.proxy("before").retries());
        assertEquals(BalanceAlgorithm.RANDOM, loaded.proxy("before").balance(), "3.x's default");
        assertEquals(7, loaded.proxy("after").retries());
        assertEquals(BalanceAlgorithm.LEASTCONN, loaded.proxy("after").balance());
    }

    @Test
    void timeoutsAreInheritedAndOverriddenPerProxy() {
        Loaded loaded = fixture.load("""
                defaults
                    timeout client 5s
                    timeout server 6s
                    timeout connect 7s
                    timeout queue 2m
                backend a
                    timeout server 1m
                    server s 127.0.0.1:1
                backend b
                    server s 127.0.0.1:1
                """);
        Timeouts a = loaded.proxy("a").timeouts();
        Timeouts b = loaded.proxy("b").timeouts();
        assertEquals(60_000, a.get(TimeoutKind.SERVER));
        assertEquals(7_000, a.get(TimeoutKind.CONNECT));
        assertEquals(120_000, a.get(TimeoutKind.QUEUE));
        assertEquals(6_000, b.get(TimeoutKind.SERVER), "an override in one proxy must not leak into the defaults");
        assertEquals(0, b.get(TimeoutKind.TUNNEL));
        assertFalse(b.isSet(TimeoutKind.TUNNEL));
    }

    @Test
    void modeIsInheritedFromDefaults() {
        Loaded loaded = fixture.load("""
                defaults
                    mode http
                    timeout client 1s
                    timeout server 1s
                    timeout connect 1s
                backend inherits
                    server s 127.0.0.1:1
                backend overrides
                    mode tcp
                    server s 127.0.0.1:1
                """);
        assertEquals(List.of(), loaded.alerts());
        Configuration configuration = loaded.configuration().orElseThrow();
        assertEquals(ProxyMode.HTTP, configuration.backend("inherits").orElseThrow().mode());
        assertEquals(ProxyMode.TCP, configuration.backend("overrides").orElseThrow().mode());
    }

    @Test
    void defaultServerIsInheritedAndEachServerMayOverrideIt() {
        Loaded loaded = fixture.load(TIMEOUTS.replace("defaults", "defaults\n    default-server weight 7 maxconn 3")
                + """
                backend be
                    server a 127.0.0.1:1
                    server b 127.0.0.1:2 weight 2
                    default-server maxconn 9
                    server c 127.0.0.1:3
                """);
        List<ServerConfig> servers = loaded.proxy("be").servers();
        assertEquals(List.of(7, 2, 7), servers.stream().map(ServerConfig::weight).toList());
        assertEquals(List.of(3, 3, 9), servers.stream().map(ServerConfig::maxconn).toList());
    }

    @Test
    void defaultBackendIsInheritedByFrontends() {
        Loaded loaded = fixture.load(TIMEOUTS.replace("defaults", "defaults\n    default_backend be") + """
                frontend fe
                    bind 127.0.0.1:8080
                backend be
                    server s 127.0.0.1:1
                """);
        assertEquals(Optional.of("be"), loaded.proxy("fe").defaultBackend());
        assertEquals(Optional.empty(), loaded.proxy("be").defaultBackend());
    }

    @Test
    void bindsServersAndUseBackendCannotBeInheritedBecauseDefaultsRefuseThem() {
        Loaded loaded = fixture.load("""
                defaults
                    bind :18090
                    server s 127.0.0.1:1
                    use_backend x
                """);
        assertEquals(List.of(
                loaded.at(2) + "'bind' not allowed in 'defaults' section.",
                loaded.serverAt(3) + "'server' not allowed in 'defaults' section.",
                loaded.at(4) + "'use_backend' not allowed in 'defaults' section.",
                "config : Error(s) found in configuration file : " + loaded.file()), loaded.alerts());
        assertTrue(loaded.configuration().isEmpty());
    }

    @Test
    void eachProxyKeepsOnlyItsOwnBindsAndServers() {
        Loaded loaded = fixture.load(TIMEOUTS + """
                listen one
                    bind 127.0.0.1:8080
                    server a 127.0.0.1:1
                listen two
                    bind 127.0.0.1:8081
                    bind 127.0.0.1:8082
                    server b 127.0.0.1:2
                """);
        assertEquals(List.of("127.0.0.1:8080"), loaded.proxy("one").binds().stream().map(BindConfig::text).toList());
        assertEquals(List.of("127.0.0.1:8081", "127.0.0.1:8082"),
                loaded.proxy("two").binds().stream().map(BindConfig::text).toList());
        assertEquals(List.of("b"), loaded.proxy("two").servers().stream().map(ServerConfig::name).toList());
    }

    @Test
    void namedDefaultsAreChosenWithFromAndTheLastDefaultsOtherwise() {
        Loaded loaded = fixture.load("""
                defaults base
                    retries 5
                    timeout client 1s
                    timeout server 1s
                    timeout connect 1s
                defaults other
                    retries 9
                    timeout client 1s
                    timeout server 1s
                    timeout connect 1s
                backend from_base from base
                    server s 127.0.0.1:1
                backend from_last
                    server s 127.0.0.1:1
                """);
        assertEquals(5, loaded.proxy("from_base").retries());
        assertEquals(9, loaded.proxy("from_last").retries());
    }

    @Test
    void defaultsCanThemselvesInheritFromNamedDefaults() {
        Loaded loaded = fixture.load("""
                defaults base
                    retries 5
                    balance first
                    timeout client 1s
                    timeout server 1s
                    timeout connect 1s
                defaults derived from base
                    retries 6
                defaults unrelated
                    retries 1
                backend be from derived
                    server s 127.0.0.1:1
                frontend fe from derived
                    bind 127.0.0.1:8080
                """);
        assertEquals(List.of(), loaded.messages());
        ProxyConfig be = loaded.proxy("be");
        assertEquals(6, be.retries());
        assertEquals(BalanceAlgorithm.FIRST, be.balance());
        assertEquals(1_000, be.timeouts().get(TimeoutKind.SERVER));
        assertEquals(1_000, loaded.proxy("fe").timeouts().get(TimeoutKind.CLIENT));
    }

    @Test
    void fromAnUnknownDefaultsSectionIsAnAlert() {
        Loaded loaded = fixture.load(TIMEOUTS + """
                frontend fe from nope
                    bind 127.0.0.1:8080
                """);
        assertEquals(loaded.at(5) + "defaults section 'nope' not found for frontend 'fe'.", loaded.alerts().getFirst());
        assertTrue(loaded.configuration().isEmpty());
    }

    @Test
    void aNewDefaultsSectionResetsTheSettings() {
        Loaded loaded = fixture.load(TIMEOUTS + """
                    retries 7
                defaults
                backend be
                    server s 127.0.0.1:1
                """);
        assertEquals(3, loaded.proxy("be").retries());
        assertEquals(0, loaded.proxy("be").timeouts().get(TimeoutKind.SERVER));
        assertEquals(1, loaded.warnings().size(), "haproxy 2.6 warns about the missing timeouts");
    }

    @Test
    void disabledInDefaultsDisablesTheProxiesThatFollow() {
        Loaded loaded = fixture.load(TIMEOUTS.replace("defaults", "defaults\n    disabled") + """
                listen li
                    bind 127.0.0.1:8080
                    server s 127.0.0.1:1
                """);
        assertTrue(loaded.proxy("li").disabled());
    }

    @Test
    void noOptionRedispatchOverridesTheDefaults() {
        Loaded loaded = fixture.load("""
                backend unsaid
                    server s 127.0.0.1:1
                defaults
                    option redispatch
                    timeout client 1s
                    timeout server 1s
                    timeout connect 1s
                backend on
                    server s 127.0.0.1:1
                backend off
                    no option redispatch
                    server s 127.0.0.1:1
                """);
        assertTrue(loaded.proxy("on").isOptionSet("redispatch"));
        assertFalse(loaded.proxy("off").isOptionSet("redispatch"));
        assertEquals(Map.of("redispatch", false), loaded.proxy("off").options());
        assertEquals(Map.of(), loaded.proxy("unsaid").options());
    }

    @Test
    void proxyIdsAreNumberedFromTwoAndServerIdsFromOneSkippingCustomIds() {
        Loaded loaded = fixture.load(TIMEOUTS + """
                backend a
                    server s1 127.0.0.1:1
                    server s2 127.0.0.1:2 id 1
                    server s3 127.0.0.1:3
                    server s4 127.0.0.1:4 id 3
                    server s5 127.0.0.1:5
                backend b
                    id 2
                    server s 127.0.0.1:1
                backend c
                    server s 127.0.0.1:1
                """);
        // HAProxy 3.5 (cfgparse.c) leaves proxy id 1 to a proxy that asks for it: checked live.
        assertEquals(3, loaded.proxy("a").id());
        assertEquals(2, loaded.proxy("b").id());
        assertEquals(4, loaded.proxy("c").id());
        assertEquals(List.of(2, 1, 4, 3, 5), loaded.proxy("a").servers().stream().map(ServerConfig::id).toList());
    }

    @Test
    void duplicateCustomIdsAreRefused() {
        Loaded loaded = fixture.load(TIMEOUTS + """
                frontend fe
                    bind 127.0.0.1:8080
                    id 7
                    default_backend be
                backend be
                    id 7
                    server a 127.0.0.1:1 id 3
                    server b 127.0.0.1:2 id 3
                """);
        assertEquals(2, loaded.alerts().size(), loaded.alerts().toString());
        assertTrue(loaded.configuration().isEmpty());
    }

    @Test
    void aFrontendAndABackendMayShareAName() {
        Loaded loaded = fixture.load(TIMEOUTS + """
                frontend app
                    bind 127.0.0.1:8080
                    default_backend app
                backend app
                    server s 127.0.0.1:1
                """);
        assertEquals(List.of(), loaded.messages());
        assertEquals(ProxyKind.BACKEND, loaded.config().backend("app").orElseThrow().kind());
    }

    @Test
    void proxiesWithOverlappingCapabilitiesMayNotShareAName() {
        Loaded loaded = fixture.load(TIMEOUTS + """
                frontend fe
                    bind 127.0.0.1:8080
                frontend fe
                    bind 127.0.0.1:8081
                backend be
                    server s 127.0.0.1:1
                listen be
                    bind 127.0.0.1:8082
                """);
        String file = loaded.file().toString();
        assertEquals(List.of(
                loaded.at(7) + "frontend 'fe' has the same name as frontend 'fe' declared at " + file + ":5.",
                loaded.at(11) + "proxy 'be' has the same name as backend 'be' declared at " + file + ":9.",
                "config : Error(s) found in configuration file : " + file), loaded.alerts());
    }

    @Test
    void logGlobalAddsTheGlobalTargetsToTheProxy() {
        Loaded loaded = fixture.load("""
                global
                    log 127.0.0.1:5514 local1
                """ + TIMEOUTS + """
                listen li
                    log global
                    log 127.0.0.2 local2 info
                    bind 127.0.0.1:8080
                    server s 127.0.0.1:1
                """);
        List<LogTarget> logs = loaded.proxy("li").logs();
        assertEquals(List.of("127.0.0.2", "127.0.0.1:5514"), logs.stream().map(LogTarget::target).toList());
        assertEquals(List.of(SyslogFacility.LOCAL2, SyslogFacility.LOCAL1),
                logs.stream().map(LogTarget::facility).toList());
    }
}
