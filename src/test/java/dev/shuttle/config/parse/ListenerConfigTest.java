package dev.shuttle.config.parse;

import static dev.shuttle.config.parse.ConfigFixture.TIMEOUTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.parse.ConfigFixture.Loaded;
import dev.shuttle.config.ProxyConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code option socket-stats} and the {@code id} bind option, with 3.5's refusals. */
class ListenerConfigTest {
    @TempDir
    Path directory;
    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    @Test
    void socketStatsIsAFrontendFlagAndIdsAreKept() {
        Loaded loaded = fixture.load(TIMEOUTS + """
                frontend fe
                    option socket-stats
                    bind 127.0.0.1:8080 name first id 7
                    bind 127.0.0.1:8081
                frontend other
                    bind 127.0.0.1:8082 id 7
                """);
        assertEquals(List.of(), loaded.alerts());
        ProxyConfig fe = loaded.config().proxies().get(0);
        assertTrue(fe.isOptionSet("socket-stats"));
        assertEquals(7, fe.binds().get(0).id());
        assertEquals(0, fe.binds().get(1).id(), "numbered at start");
        ProxyConfig other = loaded.config().proxies().get(1);
        assertFalse(other.isOptionSet("socket-stats"));
        assertEquals(7, other.binds().get(0).id(), "ids are per proxy");
    }

    @Test
    void badIdsGet35sAlerts() {
        Loaded loaded = fixture.load(TIMEOUTS + """
                frontend fe
                    bind 127.0.0.1:8080 id 3
                    bind 127.0.0.1:8081 id 3
                    bind 127.0.0.1:8082,127.0.0.1:8083 id 4
                    bind 127.0.0.1:8084 id x
                    bind 127.0.0.1:8085 id 0
                    bind 127.0.0.1:8086 id
                """);
        String section = "' in section 'frontend' : 'id'";
        assertEquals(List.of(
                loaded.at(7) + "'bind 127.0.0.1:8081" + section + " : custom id 3 already used at "
                        + loaded.file() + ":6 ('bind 127.0.0.1:8080')",
                loaded.at(8) + "'bind 127.0.0.1:8082,127.0.0.1:8083" + section + " can only be used with a single socket",
                loaded.at(9) + "'bind 127.0.0.1:8084" + section + " : expects an integer argument, found 'x'",
                loaded.at(10) + "'bind 127.0.0.1:8085" + section + " : custom id has to be > 0",
                loaded.at(11) + "'bind 127.0.0.1:8086" + section + " : expects an integer argument"),
                loaded.alerts().subList(0, 5));
    }
}
