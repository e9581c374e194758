package dev.shuttle.config.parse;

import static dev.shuttle.config.parse.ConfigFixture.TIMEOUTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.parse.ConfigFixture.Loaded;
import dev.shuttle.config.ProxyConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code maxconnrate}, {@code maxsessrate} (global) and {@code rate-limit sessions} (proxies), with 3.5's texts. */
class RateLimitConfigTest {
    @TempDir
    Path directory;
    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    private ProxyConfig proxy(Loaded loaded, String name) {
        return loaded.config().proxies().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void globalRatesAreReadAsAtolReadsThem() {
        Loaded loaded = fixture.load("global\n    maxconnrate 50\n    maxsessrate 20x\n" + TIMEOUTS);
        assertEquals(List.of(), loaded.alerts());
        assertEquals(50, loaded.config().global().maxConnectionRate());
        assertEquals(20, loaded.config().global().maxSessionRate());
    }

    @Test
    void unsetGlobalRatesMeanNoLimit() {
        Loaded loaded = fixture.load("global\n    maxconn 10\n" + TIMEOUTS);
        assertEquals(0, loaded.config().global().maxConnectionRate());
        assertEquals(0, loaded.config().global().maxSessionRate());
    }

    @Test
    void badGlobalRatesGet35sAlerts() {
        Loaded loaded = fixture.load("global\n    maxconnrate\n    maxsessrate 1 2\n" + TIMEOUTS);
        assertEquals(List.of(loaded.at(2) + "'maxconnrate' expects an integer argument.",
                loaded.at(3) + "'maxsessrate' cannot handle unexpected argument '2'."), loaded.alerts().subList(0, 2));
        Loaded twice = fixture.load("global\n    maxconnrate 5\n    maxconnrate 6\n" + TIMEOUTS);
        assertEquals(twice.at(3) + "'maxconnrate' already specified. Continuing.", twice.alerts().getFirst());
    }

    @Test
    void rateLimitSessionsIsInheritedFromDefaultsAndOverridden() {
        Loaded loaded = fixture.load("""
                defaults
                    mode http
                    rate-limit sessions 7
                    timeout client 1s
                    timeout server 1s
                    timeout connect 1s
                frontend fe
                    bind :8080
                    default_backend be
                frontend fe2
                    bind :8081
                    rate-limit sessions 0x
                    default_backend be
                listen li
                    bind :8082
                    rate-limit sessions 12
                backend be
                """);
        assertTrue(loaded.alerts().get(0).contains("'rate-limit sessions' : unexpected character 'x' in integer value '0x'"),
                loaded.alerts().toString());
        Loaded good = fixture.load("""
                defaults
                    mode http
                    rate-limit sessions 7
                    timeout client 1s
                    timeout server 1s
                    timeout connect 1s
                frontend fe
                    bind :8080
                    default_backend be
                listen li
                    bind :8082
                    rate-limit sessions 12
                backend be
                """);
        assertEquals(List.of(), good.alerts());
        assertEquals(7, proxy(good, "fe").sessionRateLimit());
        assertEquals(12, proxy(good, "li").sessionRateLimit());
    }

    @Test
    void rateLimitOnlyKnowsSessions() {
        Loaded loaded = fixture.load(TIMEOUTS + """
                frontend fe
                    bind :8080
                    rate-limit connections 3
                    rate-limit sessions
                """);
        assertEquals(List.of(loaded.at(7) + "'rate-limit' only supports 'sessions' (got 'connections')",
                loaded.at(8) + "'rate-limit sessions' expects expects an integer value (in sessions/second)"),
                loaded.alerts().subList(0, 2));
    }
}
