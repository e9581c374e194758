package dev.shuttle.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.config.Configuration;
import dev.shuttle.config.parse.ConfigLoader;
import dev.shuttle.config.parse.Diagnostics;
import dev.shuttle.config.parse.KeywordRegistry;
import dev.shuttle.config.parse.Variables;
import dev.shuttle.net.Address;
import dev.shuttle.server.Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backend's dynamic cookies at run time (management.txt §9.3): derived again from a new key or a
 * new address, taken away and given back; a server's own cookie stays. The values are HAProxy
 * 3.5's for 127.0.0.1:1 (read from its {@code show stat}).
 */
class DynamicCookiesTest {
    @TempDir
    Path directory;

    private Backend backend(String... lines) throws Exception {
        Path file = Files.createTempFile(directory, "cookies", ".cfg");
        Files.writeString(file, "defaults\n    mode http\n    timeout client 1s\n    timeout server 1s\n"
                + "    timeout connect 1s\nbackend be\n"
                + String.join("", List.of(lines).stream().map(l -> "    " + l + "\n").toList()));
        Diagnostics diagnostics = Diagnostics.collecting();
        Configuration configuration = new ConfigLoader(KeywordRegistry.standard())
                .load(List.of(file), Variables.of(Map.of()), diagnostics)
                .orElseThrow(() -> new AssertionError(diagnostics.messages().toString()));
        return new Backend(configuration.backend("be").orElseThrow());
    }

    @Test
    void aNewKeyDerivesEveryCookieAgainAndDisablingTakesThemAway() throws Exception {
        Backend backend = backend("cookie SRV insert dynamic", "dynamic-cookie-key secret",
                "server a 127.0.0.1:1", "server own 127.0.0.1:2 cookie mine");
        Server a = backend.server("a").orElseThrow();
        Server own = backend.server("own").orElseThrow();
        assertEquals(Optional.of("9ee4302f8bc4eeef"), a.cookie());
        backend.setDynamicCookieKey("other");
        assertEquals(Optional.of("b9188d2daf41d8c6"), a.cookie());
        backend.setDynamicCookies(false);
        assertEquals(Optional.empty(), a.cookie());
        assertEquals(Optional.of("mine"), own.cookie());
        backend.setDynamicCookieKey("secret");
        assertEquals(Optional.empty(), a.cookie(), "disabled: a new key derives nothing");
        backend.setDynamicCookies(true);
        assertEquals(Optional.of("9ee4302f8bc4eeef"), a.cookie());
        assertEquals(Optional.of("mine"), own.cookie());
    }

    @Test
    void enablingWithoutAKeyLeavesTheServersAsTheyAre() throws Exception {
        Backend backend = backend("cookie SRV insert", "server a 127.0.0.1:1");
        Server a = backend.server("a").orElseThrow();
        backend.setDynamicCookies(true);
        assertEquals(Optional.empty(), a.cookie());
        backend.setDynamicCookieKey("secret");
        assertEquals(Optional.of("9ee4302f8bc4eeef"), a.cookie());
    }

    @Test
    void aServerThatMovesGetsTheCookieOfItsNewAddress() throws Exception {
        Backend backend = backend("cookie SRV insert dynamic", "dynamic-cookie-key other", "server a 127.0.0.2:1");
        Server a = backend.server("a").orElseThrow();
        backend.changeServerAddress(a, new Address.Inet("127.0.0.1", 1, Address.Family.ANY), "moved");
        assertEquals(Optional.of("b9188d2daf41d8c6"), a.cookie());
    }
}
