package dev.shuttle.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.Configuration;
import dev.shuttle.config.parse.ConfigLoader;
import dev.shuttle.config.parse.Diagnostics;
import dev.shuttle.config.parse.KeywordRegistry;
import dev.shuttle.config.parse.Variables;
import dev.shuttle.net.Address;
import dev.shuttle.server.AdminState;
import dev.shuttle.server.OperationalState;
import dev.shuttle.server.Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Server state files applied at start (configuration.txt, "load-server-state-from-file"), with
 * HAProxy 3.5's rules and messages, from the configuration keywords to the servers' state.
 */
class ServerStateLoaderTest {
    @TempDir
    Path directory;
    private final List<String> messages = new ArrayList<>();
    private final ServerStateLoader.Messages sink = new ServerStateLoader.Messages() {
        @Override
        public void warning(String text) {
            messages.add("WARNING " + text);
        }

        @Override
        public void notice(String text) {
            messages.add("NOTICE " + text);
        }
    };

    private static String line(String backendId, String backend, String id, String name, String rest) {
        return backendId + " " + backend + " " + id + " " + name + " " + rest + "\n";
    }

    private List<Backend> load(String config) throws Exception {
        Path file = directory.resolve("haproxy.cfg");
        Files.writeString(file, "global\n    server-state-base " + directory + "\n" + config);
        Diagnostics diagnostics = Diagnostics.collecting();
        Configuration configuration = new ConfigLoader(KeywordRegistry.standard())
                .load(List.of(file), Variables.of(Map.of()), diagnostics)
                .orElseThrow(() -> new AssertionError(diagnostics.messages().toString()));
        List<Backend> backends = configuration.proxies().stream().filter(p -> p.kind().hasBackendCapability())
                .map(Backend::new).toList();
        new ServerStateLoader(configuration.serverStates(), sink).apply(backends);
        return backends;
    }

    /** srv_use_ssl (3.5's srv_set_ssl() from srv_state_srv_update()): applied only where TLS settings exist. */
    @Test
    void theSavedTlsIsRestoredOnAServerWithTlsSettings() throws Exception {
        Files.writeString(directory.resolve("state"), "1\n# header\n"
                + line("2", "be", "1", "on", "127.0.0.1 2 0 1 1 5 1 0 0 0 0 0 0 - 8080 - 0 0 - - 0")
                + line("2", "be", "2", "off", "127.0.0.1 2 0 1 1 5 1 0 0 0 0 0 0 - 8080 - 1 0 - - 0")
                + line("2", "be", "3", "plain", "127.0.0.1 2 0 1 1 5 1 0 0 0 0 0 0 - 8080 - 1 0 - - 0")
                + line("2", "be", "4", "same", "127.0.0.1 2 0 1 1 5 1 0 0 0 0 0 0 - 8080 - -1 0 - - 0"));
        Backend be = load("    server-state-file state\ndefaults\n    load-server-state-from-file global\n"
                + "backend be\n    server on 127.0.0.1:8080 ssl verify none\n"
                + "    server off 127.0.0.1:8080 check-ssl verify none\n    server plain 127.0.0.1:8080\n"
                + "    server same 127.0.0.1:8080 check-ssl verify none no-ssl\n").getFirst();
        assertFalse(be.server("on").orElseThrow().usesTls(), "saved off");
        assertEquals(0, be.server("on").orElseThrow().useSslState());
        assertTrue(be.server("off").orElseThrow().usesTls(), "saved on, with the check-ssl context");
        assertFalse(be.server("plain").orElseThrow().usesTls(), "no TLS settings: the saved 1 is not applied");
        assertEquals(0, be.server("plain").orElseThrow().useSslState());
        assertFalse(be.server("same").orElseThrow().usesTls(), "-1 saved, -1 now: nothing changes");
        assertEquals(-1, be.server("same").orElseThrow().useSslState());
        assertEquals(List.of(), messages);
    }

    @Test
    void theGlobalFileRestoresMaintenanceDrainWeightPortAndADisabledCheck() throws Exception {
        Files.writeString(directory.resolve("state"), "1\n# header\n"
                + line("2", "be", "1", "a", "127.0.0.1 0 1 10 10 5 1 0 0 0 0 0 0 - 8080 - 0 0 - - 0")
                + line("2", "be", "2", "b", "127.0.0.1 2 8 7 10 5 1 0 0 0 0 0 0 - 9090 - 0 0 - - 0")
                + line("2", "be", "3", "c", "127.0.0.1 2 0 1 1 5 6 3 4 2 0 0 0 - 8080 - 0 0 - - 0")
                + line("2", "be", "9", "gone", "127.0.0.1 2 1 1 1 5 1 0 0 0 0 0 0 - 8080 - 0 0 - - 0"));
        Backend be = load("    server-state-file state\ndefaults\n    load-server-state-from-file global\n"
                + "backend be\n    server a 127.0.0.1:8080 weight 10\n    server b 127.0.0.1:8080 weight 10\n"
                + "    server c 127.0.0.1:8080 check\n").getFirst();
        Server a = be.server("a").orElseThrow();
        Server b = be.server("b").orElseThrow();
        Server c = be.server("c").orElseThrow();
        assertEquals(AdminState.MAINT, a.adminState());
        assertEquals(AdminState.DRAIN, b.adminState());
        assertEquals(7, b.weight());
        assertEquals(9090, ((Address.Inet) b.address()).portLow(), "the saved port");
        assertFalse(c.checkControl().healthEnabled(), "disable health survives the reload");
        assertEquals(List.of(), messages, "the global file does not warn about servers it names that are gone");
    }

    @Test
    void theConfigurationWinsWhenItChangedSinceTheDump() throws Exception {
        // a was disabled in the old configuration (4: config maintenance) and is not any more;
        // b's configured weight changed from 10 to 20: the runtime weight 7 is dropped.
        Files.writeString(directory.resolve("be"), "1\n"
                + line("2", "be", "1", "a", "127.0.0.1 0 5 1 1 5 1 0 0 0 0 0 0 - 8080 - 0 0 - - 0")
                + line("2", "be", "2", "b", "127.0.0.1 2 0 7 10 5 1 0 0 0 0 0 0 - 8080 - 0 0 - - 0"));
        Backend be = load("backend be\n    load-server-state-from-file local\n    server a 127.0.0.1:8080\n"
                + "    server b 127.0.0.1:8080 weight 20\n").getFirst();
        assertEquals(AdminState.READY, be.server("a").orElseThrow().adminState());
        assertEquals(OperationalState.UP, be.server("a").orElseThrow().status().operational(),
                "stopped only by its maintenance, it is up again");
        assertEquals(20, be.server("b").orElseThrow().weight());
    }

    @Test
    void aBackendsOwnFileWarnsAboutMismatchesAndUnknownServers() throws Exception {
        Files.writeString(directory.resolve("mine"), "1\n"
                + line("7", "be", "1", "a", "127.0.0.1 2 1 1 1 5 1 0 0 0 0 0 0 - 8080 - 0 0 - - 0")
                + line("2", "old", "2", "b", "127.0.0.1 2 1 1 1 5 1 0 0 0 0 0 0 - 8080 - 0 0 - - 0")
                + line("2", "be", "3", "nope", "127.0.0.1 2 1 1 1 5 1 0 0 0 0 0 0 - 8080 - 0 0 - - 0")
                + line("5", "other", "1", "x", "127.0.0.1 2 1 1 1 5 1 0 0 0 0 0 0 - 8080 - 0 0 - - 0"));
        Backend be = load("backend be\n    load-server-state-from-file local\n    server-state-file-name mine\n"
                + "    server a 127.0.0.1:8080\n    server b 127.0.0.1:8080\n").getFirst();
        assertEquals(AdminState.MAINT, be.server("a").orElseThrow().adminState(), "an id mismatch still applies");
        assertEquals(AdminState.READY, be.server("b").orElseThrow().adminState(), "a name mismatch does not");
        assertEquals(List.of(
                "WARNING Proxy 'be': backend ID mismatch: from server state file: '7', from running config '2'",
                "WARNING Proxy 'be': backend name mismatch: from server state file: 'old', from running config 'be'",
                "WARNING Proxy 'be': can't find server 'nope' in backend 'be'"), messages);
    }

    @Test
    void aBadFieldLeavesTheServerAsConfigured() throws Exception {
        Files.writeString(directory.resolve("be"), "1\n"
                + line("2", "be", "1", "a", "127.0.0.1 9 1 x 1 5 1 0 0 0 0 0 0 - 8080 - 0 0 - - 0")
                + line("2", "be", "2", "b", "127.0.0.1 2 1 1 1 5 1 0 0 0 0 0 0 - 8080 - 0 1234 - - 0"));
        Backend be = load("backend be\n    load-server-state-from-file local\n    server a 127.0.0.1:8080\n"
                + "    server b 127.0.0.1:8080\n").getFirst();
        assertEquals(AdminState.READY, be.server("a").orElseThrow().adminState());
        assertEquals(AdminState.MAINT, be.server("b").orElseThrow().adminState());
        assertEquals(List.of("WARNING server-state application failed for server 'be/a', invalid srv_op_state value"
                        + " '9', invalid srv_uweight value 'x'",
                "WARNING server-state partially applied for server 'be/b', health checks are not enabled on this server"),
                messages);
    }

    @Test
    void missingEmptyAndVersionlessFilesAreReported() throws Exception {
        Files.writeString(directory.resolve("empty"), "");
        Files.writeString(directory.resolve("old"), "0\n");
        load("    server-state-file nowhere\ndefaults\n    load-server-state-from-file global\n"
                + "backend be\n    server a 127.0.0.1:8080\n"
                + "backend e\n    load-server-state-from-file local\n    server-state-file-name empty\n"
                + "    server a 127.0.0.1:8080\n"
                + "backend o\n    load-server-state-from-file local\n    server-state-file-name old\n"
                + "    server a 127.0.0.1:8080\n"
                + "backend n\n    load-server-state-from-file none\n    server a 127.0.0.1:8080\n");
        assertEquals(List.of(
                "NOTICE config: Can't open global server state file '" + directory.resolve("nowhere")
                        + "': No such file or directory",
                "NOTICE Proxy 'e': Empty server state file '" + directory.resolve("empty") + "'.",
                "WARNING Proxy 'o': Can't get version of the server state file '" + directory.resolve("old") + "'."),
                messages);
    }

    @Test
    void aSavedStoppingStateAndDownStateApply() throws Exception {
        Files.writeString(directory.resolve("be"), "1\n"
                + line("2", "be", "1", "a", "127.0.0.1 3 0 1 1 5 6 3 4 6 0 0 0 - 8080 - 0 0 - - 0")
                + line("2", "be", "2", "b", "127.0.0.1 0 0 1 1 5 8 2 0 6 0 0 0 - 8080 - 0 0 - - 0"));
        Backend be = load("backend be\n    load-server-state-from-file local\n    server a 127.0.0.1:8080 check\n"
                + "    server b 127.0.0.1:8080 check\n").getFirst();
        assertEquals(OperationalState.STOPPING, be.server("a").orElseThrow().status().operational());
        assertEquals(OperationalState.DOWN, be.server("b").orElseThrow().status().operational());
        assertTrue(messages.isEmpty(), messages.toString());
        assertEquals(Optional.empty(), be.server("a").orElseThrow().checkControl().healthTarget().address());
    }
}
