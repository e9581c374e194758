package dev.shuttle.config.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.parse.ConfigFixture.Loaded;
import dev.shuttle.config.ConnectionPooling;
import dev.shuttle.config.HttpReuse;
import dev.shuttle.config.ServerConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionReuseConfigTest {
    @TempDir
    Path directory;

    private Loaded load(String text) {
        return new ConfigFixture(directory).load(ConfigFixture.TIMEOUTS + text);
    }

    private ServerConfig server(Loaded loaded, String backend, String name) {
        return loaded.proxy(backend).servers().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void httpReuseIsSafeByDefaultAndInheritedFromDefaults() {
        Loaded loaded = load("""
                backend plain
                    mode http
                defaults
                    mode http
                    timeout client 1s
                    timeout server 1s
                    timeout connect 1s
                    http-reuse always
                backend inherits
                backend overrides
                    http-reuse never
                """);
        assertEquals(HttpReuse.SAFE, loaded.proxy("plain").http().reuse());
        assertEquals(HttpReuse.ALWAYS, loaded.proxy("inherits").http().reuse());
        assertEquals(HttpReuse.NEVER, loaded.proxy("overrides").http().reuse());
    }

    @Test
    void unknownReuseModeIsAnAlertWithTheLine() {
        Loaded loaded = load("backend be\n    mode http\n    http-reuse sometimes\n");
        assertEquals(loaded.at(7) + "'http-reuse' only supports 'never', 'safe', 'aggressive', 'always'.",
                loaded.alerts().getFirst());
    }

    @Test
    void poolSettingsDefaultAsTheManualSays() {
        ConnectionPooling pooling = server(load("backend be\n    server s 127.0.0.1:80\n"), "be", "s").pooling();
        assertEquals(ConnectionPooling.DEFAULTS, pooling);
        assertEquals(-1, pooling.maxIdle());
        assertEquals(5000, pooling.purgeDelayMillis());
        assertEquals(-1, pooling.maxReuse());
        assertTrue(pooling.keepsIdle());
    }

    @Test
    void poolSettingsComeFromDefaultServerAndServerLines() {
        Loaded loaded = load("""
                backend be
                    default-server pool-max-conn 10 pool-purge-delay 2s
                    server a 127.0.0.1:80
                    server b 127.0.0.1:81 pool-max-conn 0 max-reuse 5 pool-low-conn 3
                    server c 127.0.0.1:82 pool-purge-delay 0 max-reuse -7
                """);
        assertEquals(new ConnectionPooling(10, 2000, -1, 0), server(loaded, "be", "a").pooling());
        assertEquals(new ConnectionPooling(0, 2000, 5, 3), server(loaded, "be", "b").pooling());
        ConnectionPooling c = server(loaded, "be", "c").pooling();
        assertEquals(new ConnectionPooling(10, 0, -1, 0), c);
        assertEquals(false, server(loaded, "be", "b").pooling().keepsIdle());
        assertEquals(false, c.keepsIdle());
    }

    @Test
    void poolMaxConnBelowMinusOneIsRefused() {
        Loaded loaded = load("backend be\n    server s 127.0.0.1:80 pool-max-conn -2\n");
        assertEquals(loaded.serverAt(6) + "'server be/s' : 'pool-max-conn' must be >= -1.", loaded.alerts().getFirst());
    }

    @Test
    void numbersAreReadAsAtoiReadsThemAndDelaysAreChecked() {
        // 3.5 reads max-reuse with atoi(): "many" is 0, accepted; a delay's bad character is refused.
        Loaded loaded = load("backend be\n    server s 127.0.0.1:80 max-reuse many\n");
        assertTrue(loaded.alerts().isEmpty(), loaded.alerts().toString());
        assertEquals(0, server(loaded, "be", "s").pooling().maxReuse());
        assertEquals("'server be/s' : unexpected character 'x' in argument to <pool-purge-delay>..",
                load("backend be\n    server s 127.0.0.1:80 pool-purge-delay 1x\n").alerts().getFirst()
                        .replaceFirst("^config : \\[[^]]*\\] : ", ""));
    }

    @Test
    void poolLowConnTakesACount() {
        Loaded loaded = load("backend be\n    server s 127.0.0.1:80 pool-low-conn 8\n");
        assertTrue(loaded.alerts().isEmpty(), loaded.alerts().toString());
        assertTrue(loaded.warnings().isEmpty(), loaded.warnings().toString());
        assertEquals(8, server(loaded, "be", "s").pooling().lowIdle());
        // atoi() as 3.5: a negative count is accepted (Shuttle keeps 0: no idle connection kept for others).
        Loaded negative = load("backend be\n    server s 127.0.0.1:80 pool-low-conn -1\n");
        assertTrue(negative.alerts().isEmpty(), negative.alerts().toString());
        assertEquals(0, server(negative, "be", "s").pooling().lowIdle());
    }

    @Test
    void strictMaxconnBoundsEveryConnectionAndDefaultServerPresetsIt() {
        Loaded loaded = load("backend be\n    default-server strict-maxconn\n    server s 127.0.0.1:80 maxconn 5\n"
                + "backend other\n    server t 127.0.0.1:80 maxconn 5\n");
        assertTrue(loaded.alerts().isEmpty(), loaded.alerts().toString());
        assertTrue(server(loaded, "be", "s").pooling().strictMaxconn());
        assertFalse(server(loaded, "other", "t").pooling().strictMaxconn());
    }

    @Test
    void poolConnNameTakesASampleExpression() {
        Loaded loaded = load("backend be\n    server s 127.0.0.1:80 pool-conn-name req.hdr(host),lower\n");
        assertTrue(loaded.alerts().isEmpty(), loaded.alerts().toString());
        assertEquals("req.hdr(host),lower", server(loaded, "be", "s").pooling().connectionName().orElseThrow().text());
        assertTrue(load("backend be\n    server s 127.0.0.1:80 pool-conn-name\n").alerts().getFirst()
                .contains("'pool-conn-name' expects <value> as argument."));
    }
}
