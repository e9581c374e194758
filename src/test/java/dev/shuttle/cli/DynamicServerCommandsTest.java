package dev.shuttle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.Configuration;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.ServerConfig;
import dev.shuttle.config.StatsSocketConfig.CliLevel;
import dev.shuttle.config.parse.ConfigLoader;
import dev.shuttle.config.parse.Diagnostics;
import dev.shuttle.config.parse.DynamicServers;
import dev.shuttle.config.parse.KeywordRegistry;
import dev.shuttle.config.parse.Variables;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.server.AdminState;
import dev.shuttle.server.Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code add server}, {@code del server} and {@code wait srv-removable} run through a session as a
 * client runs them: HAProxy 3.5's answers, the server each line makes, and its life in the backend.
 */
class DynamicServerCommandsTest {
    private static final String CONFIG = """
            defaults
                mode http
                timeout client 1s
                timeout server 1s
                timeout connect 1s
            backend be
                id 3
                default-server weight 7 maxconn 9
                server s1 127.0.0.1:1 id 2
                server s2 127.0.0.1:2 check
            backend other
                server o1 127.0.0.1:1 track be/s2
            backend rr
                balance roundrobin
                server a 127.0.0.1:1
            backend lc
                balance leastconn
                server a 127.0.0.1:1
            backend first
                balance first
                server a 127.0.0.1:1 maxconn 1
            backend random
                balance random
                server a 127.0.0.1:1
            backend chash
                balance source
                hash-type consistent
                server a 127.0.0.1:1
            backend map
                balance source
                server a 127.0.0.1:1
            backend st
                balance static-rr
                server a 127.0.0.1:1
            backend tcpb
                mode tcp
                server a 127.0.0.1:1
            backend off
                disabled
                server a 127.0.0.1:1
            """;

    @TempDir
    Path directory;

    private List<Backend> backends;
    /** What the process was told of each addition and removal. */
    private final List<String> events = new ArrayList<>();

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

    /** What an admin session answers, without the empty line that ends every answer. */
    private String admin(String line) {
        return run(CliLevel.ADMIN, line);
    }

    private String run(CliLevel level, String line) {
        String answer = new CliSession(CliCommands.standard(process()), level).execute(line);
        assertTrue(answer.endsWith("\n"), answer);
        return answer.substring(0, answer.length() - 1);
    }

    @Test
    void anAddedServerStartsInMaintenanceWithoutDefaultServerAndTheFirstFreeId() {
        assertEquals("New server registered.\n", admin("add server be/new 127.0.0.1:8080"));
        Server server = backend("be").server("new").orElseThrow();
        assertEquals(AdminState.MAINT, server.adminState());
        assertEquals(1, server.weight(), "default-server is not applied");
        assertEquals(0, server.maxconn());
        assertEquals(3, server.id(), "s1 has 2 (its own), s2 1 (numbered): the first free one");
        assertTrue(server.isDynamic());
        assertEquals(List.of("added be/new"), events);
        assertEquals("New server registered.\n", admin("add server be/next 127.0.0.1:8081 weight 3 maxconn 4 backup"));
        Server next = backend("be").server("next").orElseThrow();
        assertEquals(4, next.id());
        assertEquals(3, next.weight());
        assertEquals(4, next.maxconn());
        assertTrue(next.isBackup());
        assertEquals("New server registered.\n", admin("add server #3/third 127.0.0.1:8082 id 40"));
        assertEquals(40, backend("be").server("third").orElseThrow().id());
        admin("del server be/new");
        assertEquals("New server registered.\n", admin("add server be/fourth 127.0.0.1:8083"));
        assertEquals(3, backend("be").server("fourth").orElseThrow().id(), "a deleted server's id is free again");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
            "add server => Require 'backend/server'.",
            "add server be => Require 'backend/server'.",
            "add server be/ => Require 'backend/server'.",
            "add server /x 127.0.0.1:1 => Require 'backend/server'.",
            "add server nob/x 127.0.0.1:1 => No such backend.",
            "add server be/s1 127.0.0.1:1 => Already exists a server with the same name in backend.",
            "add server be/s1 127.0.0.1:1 nosuchkeyword => Already exists a server with the same name in backend.",
            "add server be/x => 'server' expects <name> and <addr>[:<port>] as arguments.",
            "add server map/x 127.0.0.1:1 => Backend does not support dynamic servers : backend 'map' uses a non dynamic load balancing method.",
            "add server st/x 127.0.0.1:1 => Backend does not support dynamic servers : backend 'st' uses a non dynamic load balancing method.",
            "add server off/x 127.0.0.1:1 => Proxy is disabled.",
            "add server be/x 127.0.0.1:1 id 2 => `'id' : custom id 2 already used at %s ('server s1').`",
            "add server be/x 127.0.0.1:1 redir http://a => 'redir' option is not accepted for dynamic server",
            "add server be/x 127.0.0.1:1 enabled => 'enabled' option is not accepted for dynamic server",
            "add server be/x 127.0.0.1:1 nosuchkeyword => unknown keyword 'nosuchkeyword'.",
            "add server be/x 127.0.0.1:1 from s1 => 'from' is not supported by Shuttle on 'add server' yet.",
            "add server be/x 127.0.0.1:1 ssl => 'ssl' is not supported by Shuttle on a server added at runtime yet (TLS contexts to servers are made at startup).",
            "add server be/x 127.0.0.1:1 track nob/s1 => unable to find required proxy 'nob' for tracking.",
            "add server be/x 127.0.0.1:1 track nope => unable to find required server 'nope' for tracking.",
            "add server be/x 127.0.0.1:1 track s1 => unable to use be/s1 for tracking as it does not have any check nor agent enabled.",
            "add server be/x 127.0.0.1:1 check track s2 => unable to enable checks and tracking at the same time!",
            "del server => Require 'backend/server'.",
            "del server be/ => Require 'backend/server'.",
            "del server /x => No such backend.",
            "del server nob/x => No such backend.",
            "del server be/nope => No such server.",
            "del server be/s1 => Only servers in maintenance mode can be deleted.",
            "del server be/s2 => This server cannot be removed at runtime due to other configuration elements pointing to it.",
            "wait => Expects a duration in milliseconds.",
            "wait x => Invalid duration.",
            "wait 0 => Invalid duration.",
            "wait 10 srv-removable => Missing server name (<backend>/<server>).",
            "wait 10 srv-removable be => Require 'backend/server'.",
            "wait 10 srv-removable nob/x => Failed. No such backend.",
            "wait 10 srv-removable be/nope => Failed. No such server.",
            "wait 10 srv-removable be/s1 => Failed. Only servers in maintenance mode can be deleted.",
            "wait 10 srv-removable be/s2 => Failed. This server cannot be removed at runtime due to other configuration elements pointing to it.",
    })
    void refusalsAreHaproxys(String line, String answer) {
        String expected = answer.replace("%s", backend("be").server("s1").orElseThrow().config().where().toString());
        assertEquals(expected + "\n", admin(line));
        assertTrue(events.isEmpty(), "nothing added nor removed: " + events);
    }

    @Test
    void aDynamicServerCannotBeTrackedButAConfiguredTrackingOneCan() {
        admin("add server be/dyn 127.0.0.1:1");
        assertEquals("unable to use be/dyn for tracking as it is a dynamic server.\n",
                admin("add server be/x 127.0.0.1:1 track dyn"));
        assertEquals("New server registered.\n", admin("add server be/follower 127.0.0.1:1 track other/o1"));
        assertEquals(List.of("added be/dyn", "added be/follower tracking other/o1"), events);
    }

    @Test
    void aCookieIsIgnoredOutsideHttpModeWithHaproxysWarning() {
        assertEquals("Ignoring cookie as HTTP mode is disabled.\nNew server registered.\n",
                admin("add server tcpb/x 127.0.0.1:1 cookie c"));
        assertEquals("New server registered.\n", admin("add server be/x 127.0.0.1:1 cookie c"));
        assertEquals(Optional.of("c"), backend("be").server("x").orElseThrow().config().persistence().cookie());
    }

    @Test
    void theCommandsNeedTheAdminLevel() {
        assertEquals("Permission denied\n", run(CliLevel.OPERATOR, "add server be/x 127.0.0.1:1"));
        assertEquals("Permission denied\n", run(CliLevel.OPERATOR, "del server be/s1"));
        assertEquals("Permission denied\n", run(CliLevel.OPERATOR, "wait 10"));
        assertFalse(backend("be").server("x").isPresent());
    }

    @Test
    void addServerHelpListsHaproxysKeywords() {
        String help = admin("add server help");
        assertTrue(help.startsWith("List of keywords supported for dynamic server:\nallow-0rtt\nalpn\n"), help);
        assertTrue(help.endsWith("\ndowninter\nport\n"), help);
        assertFalse(help.contains("\nredir\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rr", "lc", "first", "random", "chash"})
    void anEnabledServerTakesTrafficAndADeletedOneNoMore(String name) throws Exception {
        Backend backend = backend(name);
        assertEquals("New server registered.\n", admin("add server " + name + "/b 127.0.0.1:2"));
        Server a = backend.server("a").orElseThrow();
        Server b = backend.server("b").orElseThrow();
        assertEquals(Set.of(a), picks(backend, 20), "in maintenance, it takes nothing");
        admin("enable server " + name + "/b");
        assertEquals(Set.of(b), picksWithout(backend, a, 20), "enabled, it takes what the other cannot");
        if (!name.equals("first")) {
            assertEquals(Set.of(a, b), picks(backend, 20), "it shares the traffic");
        }
        assertEquals("Only servers in maintenance mode can be deleted.\n", admin("del server " + name + "/b"));
        admin("disable server " + name + "/b");
        Server held = backend.acquireEvenIfDown(b, 100).orElseThrow();
        assertEquals("Server still has connections attached to it, cannot remove it.\n",
                admin("del server " + name + "/b"));
        assertEquals("Interrupted. Server still has connections attached to it, cannot remove it.\n",
                admin("wait 30 srv-removable " + name + "/b"));
        backend.release(held);
        assertEquals("Done.\n", admin("wait 1s srv-removable " + name + "/b"));
        assertEquals("Server deleted.\n", admin("del server " + name + "/b"));
        assertEquals(List.of(a), backend.servers());
        assertEquals(Set.of(a), picks(backend, 20));
        assertEquals(List.of("added " + name + "/b", "removed " + name + "/b"), events);
    }

    /** The servers {@code count} load-balanced picks went to, each slot given back at once. */
    private static Set<Server> picks(Backend backend, int count) throws InterruptedException {
        Set<Server> seen = new java.util.HashSet<>();
        for (int i = 0; i < count; i++) {
            Server server = backend.acquire(Set.of(), 100, (long) i * 0x9E3779B1L & 0xFFFFFFFFL).orElseThrow();
            seen.add(server);
            backend.release(server);
        }
        return seen;
    }

    /** As {@link #picks}, while {@code busy} is in maintenance. */
    private static Set<Server> picksWithout(Backend backend, Server busy, int count) throws InterruptedException {
        backend.setAdminState(busy, AdminState.MAINT);
        try {
            return picks(backend, count);
        } finally {
            backend.setAdminState(busy, AdminState.READY);
        }
    }

    private ProcessView process() {
        return new StubProcessView(List.of(), backends) {
            @Override
            public void serverAdded(Backend backend, Server server, Optional<Server> tracked) {
                events.add("added " + server.qualifiedName() + tracked.map(t -> " tracking " + t.qualifiedName()).orElse(""));
            }

            @Override
            public void serverRemoved(Backend backend, Server server) {
                events.add("removed " + server.qualifiedName());
            }

            @Override
            public ServerConfig dynamicServer(ProxyConfig backend, String name, List<String> arguments)
                    throws ConfigException {
                return DynamicServers.parse(backend, name, arguments);
            }

            @Override
            public List<String> dynamicServerKeywords() {
                return DynamicServers.acceptedKeywords();
            }
        };
    }
}
