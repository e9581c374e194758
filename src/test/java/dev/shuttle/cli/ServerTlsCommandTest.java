package dev.shuttle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.Configuration;
import dev.shuttle.config.StatsSocketConfig.CliLevel;
import dev.shuttle.config.parse.ConfigLoader;
import dev.shuttle.config.parse.Diagnostics;
import dev.shuttle.config.parse.KeywordRegistry;
import dev.shuttle.config.parse.Variables;
import dev.shuttle.server.Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code set server <b>/<s> ssl on|off} (management.txt §9.3): which servers take it, HAProxy 3.5's
 * answers word for word, and the server's TLS it changes (what its next connections, its checks and
 * {@code show servers state}'s {@code srv_use_ssl} read).
 */
class ServerTlsCommandTest {
    private static final String CONFIG = """
            defaults
                timeout client 1s
                timeout server 1s
                timeout connect 1s
            backend be
                server tls 127.0.0.1:1 ssl verify none
                server plain 127.0.0.1:2
                server checked 127.0.0.1:3 check check-ssl verify none
                server off 127.0.0.1:4 ssl verify none no-ssl
            backend tlsdefault
                default-server ssl verify none
                server clear 127.0.0.1:5 no-ssl
            """;

    @TempDir
    Path directory;

    private List<Backend> backends;

    @BeforeEach
    void load() throws IOException {
        Path file = directory.resolve("cli.cfg");
        Files.writeString(file, CONFIG);
        Diagnostics diagnostics = Diagnostics.collecting();
        Configuration configuration = new ConfigLoader(KeywordRegistry.standard())
                .load(List.of(file), Variables.of(Map.of()), diagnostics)
                .orElseThrow(() -> new AssertionError(diagnostics.messages().toString()));
        backends = configuration.proxies().stream().map(Backend::new).toList();
    }

    private Server server(String name) {
        return backends.getFirst().server(name).orElseThrow();
    }

    private String run(CliLevel level, String line) {
        String answer = new CliSession(CliCommands.standard(new StubProcessView(List.of(), backends)), level)
                .execute(line);
        assertTrue(answer.endsWith("\n"), answer);
        return answer.substring(0, answer.length() - 1);
    }

    private String admin(String line) {
        return run(CliLevel.ADMIN, line);
    }

    @Test
    void offThenOnSwitchesTheServersTls() {
        Server tls = server("tls");
        assertTrue(tls.usesTls());
        assertEquals("server ssl setting updated.\n", admin("set server be/tls ssl off"));
        assertFalse(tls.usesTls());
        assertTrue(tls.config().tls().enabled(), "the configuration stays");
        assertEquals("server ssl setting updated.\n", admin("set server be/tls ssl off"), "no change is no error");
        assertFalse(tls.usesTls());
        assertEquals("server ssl setting updated.\n", admin("set server be/tls ssl on"));
        assertTrue(tls.usesTls());
    }

    @Test
    void aServerWithATlsContextButNoTrafficTlsMayTurnItOn() {
        // check-ssl makes a context at start (3.5: ssl_ctx.ctx is set), so its traffic may use it.
        assertFalse(server("checked").usesTls());
        assertEquals("server ssl setting updated.\n", admin("set server be/checked ssl on"));
        assertTrue(server("checked").usesTls());
    }

    @Test
    void aNoSslServerOfAnSslDefaultServerMayTurnItOn() {
        // 3.5's SRV_F_DEFSRV_USE_SSL: the default-server's ssl gives the server a context at start.
        Server clear = backends.get(1).server("clear").orElseThrow();
        assertFalse(clear.usesTls());
        assertEquals("server ssl setting updated.\n", admin("set server tlsdefault/clear ssl on"));
        assertTrue(clear.usesTls());
    }

    @Test
    void showServersStateFollows() {
        admin("set server be/tls ssl off");
        String state = admin("show servers state be");
        String line = state.lines().filter(l -> l.contains(" tls ")).findFirst().orElseThrow();
        String header = state.lines().skip(1).findFirst().orElseThrow();
        List<String> names = List.of(header.substring(2).split(" "));
        List<String> values = List.of(line.split(" "));
        assertEquals("0", values.get(names.indexOf("srv_use_ssl")));
        String off = state.lines().filter(l -> l.contains(" off ")).findFirst().orElseThrow();
        assertEquals("-1", List.of(off.split(" ")).get(names.indexOf("srv_use_ssl")), "no-ssl shows -1, as in 3.5");
        String plain = state.lines().filter(l -> l.contains(" plain ")).findFirst().orElseThrow();
        assertEquals("0", List.of(plain.split(" ")).get(names.indexOf("srv_use_ssl")));
        admin("set server be/tls ssl on");
        String again = admin("show servers state be").lines().filter(l -> l.contains(" tls ")).findFirst().orElseThrow();
        assertEquals("1", List.of(again.split(" ")).get(names.indexOf("srv_use_ssl")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
            "set server be/plain ssl on => 'set server <srv> ssl' cannot be set.  default-server should define ssl settings",
            "set server be/plain ssl foo => 'set server <srv> ssl' cannot be set.  default-server should define ssl settings",
            "set server be/off ssl on => 'set server <srv> ssl' cannot be set.  default-server should define ssl settings",
            "set server be/tls ssl => 'set server <srv> ssl' expects 'on' or 'off'.",
            "set server be/tls ssl yes => 'set server <srv> ssl' expects 'on' or 'off'.",
            "set server be/tls ssl ON => 'set server <srv> ssl' expects 'on' or 'off'."})
    void refusalsAreHaproxys(String line, String answer) {
        assertEquals(answer + "\n", admin(line));
        assertTrue(server("tls").usesTls());
        assertFalse(server("plain").usesTls());
    }

    @Test
    void onlyAnAdminMayChangeIt() {
        assertEquals("Permission denied\n", run(CliLevel.OPERATOR, "set server be/tls ssl off"));
        assertTrue(server("tls").usesTls());
    }
}
