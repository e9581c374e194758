package dev.shuttle.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.Configuration;
import dev.shuttle.config.parse.ConfigLoader;
import dev.shuttle.config.parse.Diagnostics;
import dev.shuttle.config.parse.KeywordRegistry;
import dev.shuttle.config.parse.Variables;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.VariableStore;
import dev.shuttle.server.Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pool key of a server whose TLS the runtime API switches ({@code set server ... ssl}): a TLS
 * connection's key is never a plain one's, so that a connection of the old kind is never reused.
 */
class ConnectionKeysTlsTest {
    @TempDir
    Path directory;

    private Server server(String line) throws IOException {
        Path file = directory.resolve("keys.cfg");
        Files.writeString(file, """
                defaults
                    timeout client 1s
                    timeout server 1s
                    timeout connect 1s
                backend be
                """ + "    " + line + "\n");
        Diagnostics diagnostics = Diagnostics.collecting();
        Configuration configuration = new ConfigLoader(KeywordRegistry.standard())
                .load(List.of(file), Variables.of(Map.of()), diagnostics)
                .orElseThrow(() -> new AssertionError(diagnostics.messages().toString()));
        return new Backend(configuration.proxies().getFirst()).servers().getFirst();
    }

    private static ConnectionKeys keys() {
        SampleContext context = new SampleContext(null, null, null, "", VariableStore.local());
        return new ConnectionKeys(context, new ServerTls(TlsServers.NONE, context));
    }

    @Test
    void aTlsConnectionsKeyIsApartFromAPlainOnes() throws IOException {
        Server server = server("server s 127.0.0.1:1 ssl verify none");
        ConnectionKeys keys = keys();
        long tls = keys.hash(server, 0);
        assertEquals(tls, keys.hash(server, 0, true));
        assertNotEquals(server.connectionHash(0), tls, "no SNI nor ALPN: the TLS tag alone tells it apart");
        assertTrue(server.useTls(false));
        assertEquals(server.connectionHash(0), keys.hash(server, 0), "plain again: the server's own hash");
        assertEquals(tls, keys.hash(server, 0, true), "a connection opened in TLS before the switch keeps its key");
    }

    @Test
    void aPlainServerTurnedToTlsGetsTheTlsKey() throws IOException {
        Server server = server("server s 127.0.0.1:1 check-ssl verify none alpn http/1.1");
        ConnectionKeys keys = keys();
        long plain = keys.hash(server, 0);
        assertEquals(server.connectionHash(0), plain);
        server.useTls(true);
        assertNotEquals(plain, keys.hash(server, 0));
        assertEquals(keys.hash(server, 0, true), keys.hash(server, 0));
    }
}
