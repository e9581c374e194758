package dev.shuttle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.Configuration;
import dev.shuttle.config.StatsSocketConfig.CliLevel;
import dev.shuttle.config.parse.ConfigLoader;
import dev.shuttle.config.parse.Diagnostics;
import dev.shuttle.config.parse.KeywordRegistry;
import dev.shuttle.config.parse.Variables;
import dev.shuttle.net.Address;
import dev.shuttle.server.AdminState;
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
 * The server commands of the runtime API, run through a session as a client runs them: answers,
 * errors and levels as HAProxy 3.5 gives them, and their effect on the backend's servers.
 */
class ServerStateCommandsTest {
    private static final String CONFIG = """
            defaults
                timeout client 1s
                timeout server 1s
                timeout connect 1s
            backend be
                id 3
                server s1 127.0.0.1:1 weight 10 maxconn 5
                server s2 127.0.0.1:2 id 7
                server s3 127.0.0.1:3 disabled
            backend st
                balance static-rr
                server a 127.0.0.1:1 weight 10
            backend off
                disabled
                server a 127.0.0.1:1
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

    private Backend backend(String name) {
        return backends.stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow();
    }

    private Server server(String backend, String name) {
        return backend(backend).server(name).orElseThrow();
    }

    /** What a session at {@code level} answers to {@code line}, without the empty line that ends every answer. */
    private String run(CliLevel level, String line) {
        String answer = new CliSession(CliCommands.standard(process()), level).execute(line);
        assertTrue(answer.endsWith("\n"), answer);
        return answer.substring(0, answer.length() - 1);
    }

    private String admin(String line) {
        return run(CliLevel.ADMIN, line);
    }

    @Test
    void getWeightReportsTheWeightNowAndTheInitialOne() {
        assertEquals("10 (initial 10)\n", admin("get weight be/s1"));
        assertEquals("1 (initial 1)\n", run(CliLevel.USER, "get weight be/s3"), "any level may read it");
        assertEquals("10 (initial 10)\n", admin("get weight #3/#1"), "#<id> for the backend and the server");
        assertEquals("1 (initial 1)\n", admin("get weight be/#7"));
        assertEquals("10 (initial 10)\n", admin("get weight be/s1 extra"), "words after the server are ignored");
        assertEquals("1 (initial 1)\n", admin("get weight off/a"), "reading a disabled backend is allowed");
    }

    @Test
    void setWeightChangesTheWeightAbsolutelyOrRelatively() {
        assertEquals("", admin("set weight be/s1 20"));
        assertEquals("20 (initial 10)\n", admin("get weight be/s1"));
        assertEquals("", admin("set weight be/s1 50%"));
        assertEquals(5, server("be", "s1").weight());
        assertEquals("", admin("set server be/s1 weight 30"));
        assertEquals("30 (initial 10)\n", admin("get weight be/s1"));
        assertEquals("", admin("set server be/s1 weight 100%"));
        assertEquals(10, server("be", "s1").weight());
        assertEquals("Backend is using a static LB algorithm and only accepts weights '0%' and '100%'.\n",
                admin("set weight st/a 5"));
        assertEquals("", admin("set weight st/a 0"));
        assertEquals("0 (initial 10)\n", admin("get weight st/a"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
            "get weight => Require 'backend/server'.",
            "get weight be => Require 'backend/server'.",
            "get weight be/ => Require 'backend/server'.",
            "get weight /s1 => No such backend.",
            "get weight nob/s1 => No such backend.",
            "get weight be/nos => No such server.",
            "get weight be/s1/x => No such server.",
            "get weight #abc/s1 => No such backend.",
            "get weight #3/#9 => No such server.",
            "set weight be/s1 => Require <weight> or <weight%>.",
            "set weight be/s1 300 => Absolute weight can only be between 0 and 256 inclusive.",
            "set weight be/s1 abc => Empty weight string empty or preceded by garbage",
            "set weight be/nos abc => No such server.",
            "set weight nob/s1 => No such backend.",
            "set weight off/a 3 => Proxy is disabled.",
            "set server be/s1 weight => Require <weight> or <weight%>.",
            "set server be/s1 state => 'set server <srv> state' expects 'ready', 'drain' and 'maint'.",
            "set server be/s1 state foo => 'set server <srv> state' expects 'ready', 'drain' and 'maint'.",
            "set server be/s1 => usage: set server <backend>/<server> addr | agent | agent-addr | agent-port | agent-send"
                    + " | check-addr | check-port | fqdn | health | name | ssl | state | weight",
            "set server be/s1 foo => usage: set server <backend>/<server> addr | agent | agent-addr | agent-port | agent-send"
                    + " | check-addr | check-port | fqdn | health | name | ssl | state | weight",
            "set server be/s1 addr nowhere => Invalid addr 'nowhere'",
            "set server be/s1 addr 127.0.0.1 port x => problem converting port 'x' to an int",
            "set server be/nos foo => No such server.",
            "set server off/a state ready => Proxy is disabled.",
            "set maxconn server be/s1 => Require <maxconn>.",
            "set maxconn server be/s1 abc => maxconn string empty or preceded by garbage",
            "set maxconn server be/s1 10x => Trailing garbage in maxconn string",
            "set maxconn server be => Require 'backend/server'.",
            "set maxconn server nob/s1 3 => No such backend.",
            "disable server => Require 'backend/server'.",
            "disable server be/nos => No such server.",
            "enable server nob/s1 => No such backend.",
            "enable server off/a => Proxy is disabled."})
    void badArgumentsAreAnsweredAsHaproxyAnswersThem(String line, String answer) {
        assertEquals(answer + "\n", admin(line));
    }

    @Test
    void addrMovesTheServerAndSaysWhatChanged() {
        Server s1 = server("be", "s1");
        assertEquals("IP changed from '127.0.0.1' to '127.0.0.2' by 'stats socket command'\n",
                admin("set server be/s1 addr 127.0.0.2"));
        assertEquals(new Address.Inet("127.0.0.2", 1, Address.Family.ANY), s1.address());
        assertEquals("nothing changed\n", admin("set server be/s1 addr 127.0.0.2"));
        assertEquals("port changed from '1' to '8080' by 'stats socket command'\n",
                admin("set server be/s1 addr 127.0.0.2 port 8080"));
        assertEquals(new Address.Inet("127.0.0.2", 8080, Address.Family.ANY), s1.address());
        assertEquals(new Address.Inet("127.0.0.1", 1, Address.Family.ANY), s1.config().address(), "the configuration stays");
    }

    @Test
    void stateCommandsSetTheAdminState() {
        Server s1 = server("be", "s1");
        assertEquals("", admin("set server be/s1 state drain"));
        assertEquals(AdminState.DRAIN, s1.adminState());
        assertEquals("", admin("set server be/s1 state maint extra"));
        assertEquals(AdminState.MAINT, s1.adminState());
        assertEquals("", admin("set server be/s1 state ready"));
        assertEquals(AdminState.READY, s1.adminState());
        assertEquals("", admin("disable server be/s1"));
        assertEquals(AdminState.MAINT, s1.adminState());
        assertEquals("", admin("enable server #3/#1"));
        assertEquals(AdminState.READY, s1.adminState());
        assertEquals("\n", admin("set server be/s1 state drain; enable server be/s1"), "two empty answers");
        assertEquals(AdminState.READY, s1.adminState(), "enable server leaves drain too");
        assertEquals("", admin("enable server be/s3"));
        assertEquals(AdminState.READY, server("be", "s3").adminState(), "a server disabled in the configuration");
    }

    @Test
    void setMaxconnServerChangesTheLimit() {
        Server s1 = server("be", "s1");
        assertEquals("", admin("set maxconn server be/s1 10"));
        assertEquals(10, s1.maxconn());
        assertEquals("", admin("set maxconn server #3/#1 0"));
        assertEquals(0, s1.maxconn());
        assertEquals("", admin("set maxconn server be/s1 -1"));
        assertEquals(4294967295L, s1.maxconn(), "kept as HAProxy keeps it: 32 bits, unsigned");
    }

    @Test
    void onlyAdminMayChangeAServer() {
        for (CliLevel level : List.of(CliLevel.USER, CliLevel.OPERATOR)) {
            for (String line : List.of("set weight be/s1 5", "set server be/s1 state drain", "set server be/s1 weight 5",
                    "set server be/s1", "disable server be/s1", "enable server be/s1", "set maxconn server be/s1 5",
                    "set weight nob/s1 5", "disable server")) {
                assertEquals("Permission denied\n", run(level, line), level + ": " + line);
            }
            assertEquals("10 (initial 10)\n", run(level, "get weight be/s1"));
        }
        assertEquals(AdminState.READY, server("be", "s1").adminState());
        assertEquals(10, server("be", "s1").weight());
    }

    @Test
    void helpListsTheCommandsAsHaproxyDoes() {
        String help = admin("help");
        for (String line : List.of(
                "  disable server (DEPRECATED)             : disable a server for maintenance (use 'set server' instead)",
                "  enable server  (DEPRECATED)             : enable a disabled server (use 'set server' instead)",
                "  get weight <bk>/<srv>                   : report a server's current weight",
                "  set maxconn server <bk>/<srv>           : change a server's maxconn setting",
                "  set server <bk>/<srv> [opts]            : change a server's state, weight, address, name or ssl",
                "  set weight <bk>/<srv>  (DEPRECATED)     : change a server's weight (use 'set server' instead)")) {
            assertTrue(help.contains(line + "\n"), line);
        }
        assertTrue(run(CliLevel.USER, "help").contains("  get weight <bk>/<srv>  "));
    }

    private ProcessView process() {
        return new StubProcessView(List.of(), backends);
    }
}
