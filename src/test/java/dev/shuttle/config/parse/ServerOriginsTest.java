package dev.shuttle.config.parse;

import static dev.shuttle.config.parse.ConfigFixture.TIMEOUTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.ServerConfig;
import dev.shuttle.config.parse.ConfigFixture.Loaded;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code from <origin>}, named {@code default-server} sets and {@code server-template}: the weights
 * and limits each server ends with, and the alerts, as HAProxy 3.5-dev5 gave them for the same
 * lines (its {@code show stat} weight and slim columns, and its {@code -c} output).
 */
class ServerOriginsTest {
    @TempDir
    Path directory;
    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    private Map<String, ServerConfig> servers(Loaded loaded, String backend) {
        return loaded.proxy(backend).servers().stream()
                .collect(Collectors.toMap(ServerConfig::name, Function.identity()));
    }

    @Test
    void originsCopyTheSettingsTheyName() {
        Loaded loaded = fixture.load(TIMEOUTS + """
                    default-server weight 6
                backend other
                    default-server weight 11 maxconn 5
                    server a 127.0.0.1:9 weight 9
                backend b
                    default-server weight 2
                    default-server name d1 weight 7
                    default-server name d1 maxconn 3
                    server s1 127.0.0.1:1 from srv:d1
                    server s2 127.0.0.1:2 from srv:other/a
                    server s3 127.0.0.1:3 from be:other
                    server s4 127.0.0.1:4 from none
                    server s5 127.0.0.1:5
                    default-server from none
                    server s6 127.0.0.1:6
                    default-server name d2 from srv:s1 weight 8
                    server s7 127.0.0.1:7 from srv:d2
                    server s8 127.0.0.1:8 from be:
                """);
        Map<String, ServerConfig> servers = servers(loaded, "b");
        record Expect(String name, int weight, int maxconn) {}
        for (Expect e : List.of(new Expect("s1", 7, 3), new Expect("s2", 9, 5), new Expect("s3", 11, 5),
                new Expect("s4", 1, 0), new Expect("s5", 2, 0), new Expect("s6", 1, 0), new Expect("s7", 8, 3),
                new Expect("s8", 1, 0))) {
            assertEquals(e.weight(), servers.get(e.name()).weight(), e.name() + " weight");
            assertEquals(e.maxconn(), servers.get(e.name()).maxconn(), e.name() + " maxconn");
        }
        assertEquals(8, servers.size(), "a named default-server is not a server");
    }

    @Test
    void aNamedSetStartsFromTheDocumentedDefaults() {
        Loaded loaded = fixture.load(TIMEOUTS + """
                backend b
                    default-server weight 2 maxconn 4
                    default-server name d1 maxconn 3
                    server s1 127.0.0.1:1 from srv:d1
                    server s2 127.0.0.1:1
                    default-server name d1 from none weight 9
                    server s3 127.0.0.1:1 from srv:d1
                """);
        Map<String, ServerConfig> servers = servers(loaded, "b");
        assertEquals(List.of(1, 3), List.of(servers.get("s1").weight(), servers.get("s1").maxconn()));
        assertEquals(List.of(2, 4), List.of(servers.get("s2").weight(), servers.get("s2").maxconn()));
        assertEquals(List.of(9, 0), List.of(servers.get("s3").weight(), servers.get("s3").maxconn()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '^', value = {
            "server s1 127.0.0.1:1 from srv:nope^'server b/s1' : from: unknown server 'nope' in backend 'b'.",
            "server s1 127.0.0.1:1 weight 3 from none^'server b/s1' : unknown keyword 'from'.",
            "server s1 127.0.0.1:1 from be:zz^'server b/s1' : from: unknown backend instance 'zz'.",
            "server s1 127.0.0.1:1 from srv:later/x^'server b/s1' : from: unknown backend 'later'.",
            "server s1 127.0.0.1:1 from be:later^'server b/s1' : from: unknown backend instance 'later'.",
            "server s1 127.0.0.1:1 from bad^'server b/s1' : invalid 'bad' value for 'from' keyword.",
            "server s1 127.0.0.1:1 from^'server b/s1' : from: missing value.",
            "default-server from srv:x^from: unknown server 'x' in backend 'b'.",
            "default-server from^from: missing value.",
            "default-server name^default-server name: missing value.",
            "server-template srv 0 127.0.0.1:80^Wrong server-template number or range arg '0'.",
            "server-template srv 3-1 127.0.0.1:80^Wrong server-template number or range arg '3-1'.",
            "server-template srv x 127.0.0.1:80^Wrong server-template number or range arg 'x'.",
            "server-template srv 2^'server-template' expects <prefix> <nb | range> <addr>[:<port>] as arguments.",
            "server-template srv 2 127.0.0.1:80 from srv:nope^'server-template b/srv' : from: unknown server 'nope' in backend 'b'.",
    })
    void refusalsInHaproxysWords(String line, String alert) {
        Loaded loaded = fixture.load(TIMEOUTS + "backend b\n    " + line + "\nbackend later\n    server x 127.0.0.1:2\n");
        assertTrue(loaded.configuration().isEmpty(), "loading should fail: " + loaded.messages());
        assertEquals(loaded.serverAt(6) + alert, loaded.alerts().getFirst());
    }

    @Test
    void namesMayNotCollideWithNamedSets() {
        Loaded first = fixture.load(TIMEOUTS + "backend b\n    default-server name s2 weight 5\n    server s2 127.0.0.1:1\n");
        assertEquals(first.serverAt(7) + "'server b/s2' : another server named 's2' was already defined at line 6, please use "
                + "a distinct name.", first.alerts().getFirst());
        Loaded second = fixture.load(TIMEOUTS + "backend b\n    server s1 127.0.0.1:1\n    default-server name s1 weight 3\n");
        assertEquals(second.serverAt(7) + "default-server name 's1' conflicts with server defined at line 6.",
                second.alerts().getFirst());
    }

    @Test
    void aTemplateDeclaresItsRangeWithTheFirstIdOnly() {
        Loaded loaded = fixture.load(TIMEOUTS + """
                backend b
                    server-template srv 2-4 127.0.0.1:80 id 5 weight 3
                    server-template web 2 127.0.0.1:81
                """);
        List<ServerConfig> servers = loaded.proxy("b").servers();
        assertEquals(List.of("srv2", "srv3", "srv4", "web1", "web2"), servers.stream().map(ServerConfig::name).toList());
        assertEquals(List.of(5, 1, 2, 3, 4), servers.stream().map(ServerConfig::id).toList());
        assertEquals(List.of(3, 3, 3, 1, 1), servers.stream().map(ServerConfig::weight).toList());
    }

    @Test
    void aTemplateNameTakenByALaterServerIsRefused() {
        Loaded loaded = fixture.load(TIMEOUTS + "backend b\n    server-template srv 2 127.0.0.1:80\n    server srv1 127.0.0.1:1\n");
        assertEquals(loaded.serverAt(7) + "'server b/srv1' : another server named 'srv1' was already defined at line 6, please "
                + "use a distinct name.", loaded.alerts().getFirst());
    }
}
