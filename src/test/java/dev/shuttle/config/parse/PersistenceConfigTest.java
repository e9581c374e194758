package dev.shuttle.config.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.PersistenceCookie;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.ServerConfig;
import dev.shuttle.config.parse.ConfigFixture.Loaded;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The persistence keywords (configuration.txt §4.2 "cookie", "dynamic-cookie-key",
 * "force-persist", "ignore-persist", "option persist"; §5.2 server "cookie", "redir"), with
 * HAProxy 3.5's messages for what it refuses or warns about.
 */
class PersistenceConfigTest {
    @TempDir
    Path directory;
    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    private Loaded backend(String lines) {
        return fixture.load(ConfigFixture.TIMEOUTS + "    mode http\nbackend be\n" + lines);
    }

    @Test
    void everyCookieOptionIsRead() {
        Loaded loaded = backend("""
                    cookie SRV insert indirect nocache postonly preserve httponly secure domain .a.com domain .b.org maxidle 30m maxlife 8h dynamic attr SameSite=Lax attr Partitioned
                    server s1 127.0.0.1:1 cookie one
                """);
        assertEquals(List.of(), loaded.alerts());
        PersistenceCookie cookie = loaded.proxy("be").http().cookie().orElseThrow();
        assertEquals("SRV", cookie.name());
        assertEquals(PersistenceCookie.Mode.INSERT, cookie.mode());
        assertTrue(cookie.indirect() && cookie.noCache() && cookie.postOnly() && cookie.preserve());
        assertTrue(cookie.httpOnly() && cookie.secure() && cookie.dynamic());
        assertEquals(List.of(".a.com", ".b.org"), cookie.domains());
        assertEquals(1800, cookie.maxIdleSeconds());
        assertEquals(8 * 3600, cookie.maxLifeSeconds());
        assertEquals(List.of("SameSite=Lax", "Partitioned"), cookie.attributes());
        assertEquals(Optional.of("one"), loaded.proxy("be").servers().getFirst().persistence().cookie());
    }

    @Test
    void aBareCookieIsPassiveAndNotLogged() {
        PersistenceCookie cookie = backend("    cookie SRV\n").proxy("be").http().cookie().orElseThrow();
        assertEquals(PersistenceCookie.Mode.PASSIVE, cookie.mode());
        assertFalse(cookie.logsStates());
        assertTrue(backend("    cookie SRV indirect\n").proxy("be").http().cookie().orElseThrow().logsStates());
    }

    @Test
    void modesThatHaproxyRefusesTogether() {
        assertTrue(backend("    cookie SRV rewrite indirect\n").alerts().getFirst()
                .contains("cookie 'rewrite' and 'indirect' modes are incompatible."));
        assertTrue(backend("    cookie SRV insert prefix\n").alerts().getFirst()
                .contains("cookie 'rewrite', 'insert' and 'prefix' modes are incompatible."));
        assertTrue(backend("    cookie SRV preserve\n").alerts().getFirst()
                .contains("cookie 'preserve' requires at least 'insert' or 'indirect'."));
        assertTrue(backend("    cookie SRV insert bogus\n").alerts().getFirst()
                .contains("'cookie' supports 'rewrite', 'insert', 'prefix', 'indirect'"));
        assertTrue(backend("    cookie\n").alerts().getFirst().contains("'cookie' expects <cookie_name> as argument."));
    }

    @Test
    void badValuesOfOptions() {
        assertTrue(backend("    cookie SRV insert domain\n").alerts().getFirst()
                .contains("'domain' expects <domain> as argument."));
        assertTrue(backend("    cookie SRV insert domain a/b.com\n").alerts().getFirst()
                .contains("character '/' is not permitted in domain name 'a/b.com'."));
        assertTrue(backend("    cookie SRV insert domain localhost\n").warnings().getFirst()
                .contains("domain 'localhost' contains no embedded dot"));
        assertTrue(backend("    cookie SRV insert attr a;b\n").alerts().getFirst()
                .contains("character '%x3B' is not permitted in attribute value."));
        assertTrue(backend("    cookie SRV insert maxidle 10x\n").alerts().getFirst()
                .contains("unexpected character 'x' in argument to <maxidle>."));
        assertTrue(backend("    cookie SRV insert maxlife 500ms\n").alerts().getFirst()
                .contains("timer underflow in argument <500ms> to <maxlife>"));
        assertTrue(backend("    cookie SRV insert maxidle\n").alerts().getFirst()
                .contains("'maxidle' expects <idletime> in seconds as argument."));
    }

    @Test
    void aCookieLineReplacesTheDefaultsOne() {
        Loaded loaded = fixture.load(ConfigFixture.TIMEOUTS + "    mode http\n    cookie A insert\n"
                + "backend inherits\n    server s1 127.0.0.1:1\nbackend replaces\n    cookie B prefix\n");
        assertEquals("A", loaded.proxy("inherits").http().cookie().orElseThrow().name());
        assertEquals(PersistenceCookie.Mode.PREFIX, loaded.proxy("replaces").http().cookie().orElseThrow().mode());
    }

    @Test
    void cookieOutsideHttpModeIsIgnoredWithHaproxysWarnings() {
        Loaded loaded = fixture.load(ConfigFixture.TIMEOUTS + "backend be\n    cookie SRV insert\n"
                + "    server s1 127.0.0.1:1 cookie one\n");
        assertTrue(loaded.warnings().contains("config : cookie will be ignored for backend 'be' (needs 'mode http')."));
        assertTrue(loaded.warnings().contains("config : backend 'be' : ignoring cookie for server 's1' as HTTP mode is disabled."));
        Loaded redirect = fixture.load(ConfigFixture.TIMEOUTS + "backend be\n    server s1 127.0.0.1:1 redir http://x\n");
        assertTrue(redirect.alerts().contains("config : backend 'be' : server cannot have cookie or redirect prefix in non-HTTP mode."));
    }

    @Test
    void serverCookieAndRedirectComeFromDefaultServerToo() {
        Loaded loaded = backend("""
                    default-server redir http://elsewhere
                    server s1 127.0.0.1:1 cookie one
                    server s2 127.0.0.1:2 redir / cookie two
                """);
        List<ServerConfig> servers = loaded.proxy("be").servers();
        assertEquals(Optional.of("http://elsewhere"), servers.get(0).persistence().redirect());
        assertEquals(Optional.of("/"), servers.get(1).persistence().redirect());
        assertEquals(Optional.of("two"), servers.get(1).persistence().cookie());
        assertTrue(backend("    server s1 127.0.0.1:1 cookie\n").alerts().getFirst().contains("'cookie' expects"));
    }

    /** The values HAProxy 3.5 inserted for the same key, addresses and ports (read from its Set-Cookie headers). */
    @Test
    void dynamicCookiesAreDerivedAsHaproxyDerivesThem() {
        Loaded loaded = backend("""
                    cookie SRV insert dynamic
                    dynamic-cookie-key mysecret
                    server s1 127.0.0.1:18001
                    server s2 127.0.0.1:18002 cookie fixed
                    server s3 [::1]:18003
                """);
        List<ServerConfig> servers = loaded.proxy("be").servers();
        assertEquals(Optional.of("0d9fafa97b397259"), servers.get(0).persistence().cookie());
        assertEquals(Optional.of("fixed"), servers.get(1).persistence().cookie());
        assertEquals(Optional.of("3c8101b45da6b75e"), servers.get(2).persistence().cookie());
        ProxyConfig withoutKey = backend("    cookie SRV insert dynamic\n    server s1 127.0.0.1:18001\n").proxy("be");
        assertEquals(Optional.empty(), withoutKey.servers().getFirst().persistence().cookie());
    }

    @Test
    void persistRulesAndOptionPersist() {
        Loaded loaded = backend("""
                    option persist
                    force-persist if { hdr(x-force) -m found }
                    ignore-persist unless { path_beg /app }
                """);
        ProxyConfig be = loaded.proxy("be");
        assertTrue(be.isOptionSet("persist"));
        assertEquals(2, be.rules().persistRules().size());
        assertTrue(be.rules().persistRules().get(0).force());
        assertFalse(be.rules().persistRules().get(1).force());
        assertTrue(backend("    force-persist TRUE\n").alerts().getFirst()
                .contains("'force-persist' requires either 'if' or 'unless' followed by a condition."));
        assertTrue(fixture.load(ConfigFixture.TIMEOUTS + "    ignore-persist if TRUE\n").alerts().getFirst()
                .contains("'ignore-persist' not allowed in 'defaults' section."));
    }
}
