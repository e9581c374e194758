package dev.shuttle.config.parse;

import static dev.shuttle.config.parse.ConfigFixture.TIMEOUTS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.config.parse.ConfigFixture.Loaded;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code guid} (proxies, servers), {@code guid-prefix} (binds) and {@code stats-file}, with 3.5's refusals. */
class GuidConfigTest {
    @TempDir
    Path directory;
    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    @Test
    void guidsAreKeptOnTheirObjects() {
        Loaded loaded = fixture.load("global\n    stats-file /var/lib/shuttle/stats\n" + TIMEOUTS + """
                frontend fe
                    guid fe.1:a-b_c
                    bind 127.0.0.1:8080 guid-prefix lst
                    default_backend be
                backend be
                    guid be-guid
                    default-server weight 2
                    server s1 127.0.0.1:1 guid srv-guid
                    server s2 127.0.0.1:2
                """);
        assertEquals(List.of(), loaded.alerts());
        assertEquals(Optional.of(Path.of("/var/lib/shuttle/stats")), loaded.config().global().statsFile());
        assertEquals("fe.1:a-b_c", loaded.config().proxies().get(0).guid());
        assertEquals("lst", loaded.config().proxies().get(0).binds().get(0).guidPrefix());
        assertEquals("be-guid", loaded.config().backend("be").orElseThrow().guid());
        assertEquals("srv-guid", loaded.config().backend("be").orElseThrow().servers().get(0).guid());
        assertEquals("", loaded.config().backend("be").orElseThrow().servers().get(1).guid(), "not inherited");
    }

    @Test
    void aGuidIsUniqueAcrossEveryKindOfObject() {
        Loaded loaded = fixture.load(TIMEOUTS + """
                frontend fe
                    guid a
                    bind 127.0.0.1:8080
                    default_backend be
                backend be
                    guid a
                    server s1 127.0.0.1:1 guid a
                    server s2 127.0.0.1:1 guid s
                    server s3 127.0.0.1:1 guid s
                """);
        assertEquals(List.of(loaded.at(10) + "'guid': duplicate entry with frontend fe",
                loaded.serverAt(11) + "'server be/s1' : 'guid': duplicate entry with frontend fe.",
                loaded.serverAt(13) + "'server be/s3' : 'guid': duplicate entry with server be/s2."),
                loaded.alerts().subList(0, 3));
    }

    @Test
    void logBackendsAndTheirServersTakeGuidsUniqueWithTheOthers() {
        Loaded loaded = fixture.load(TIMEOUTS + """
                backend be
                    guid a
                    server s1 127.0.0.1:1 guid s
                backend lb
                    mode log
                    guid lb-guid
                    server l1 udp@127.0.0.1:514 guid l1-guid
                    server l2 udp@127.0.0.1:515
                backend dup
                    mode log
                    guid a
                    server l1 udp@127.0.0.1:514 guid s
                    server l2 udp@127.0.0.1:515 guid l1-guid
                    server l3 udp@127.0.0.1:516 guid bad/x
                """);
        // 3.5's texts (seen live).
        assertEquals(List.of(loaded.at(15) + "'guid': duplicate entry with backend be",
                loaded.serverAt(16) + "'server dup/l1' : 'guid': duplicate entry with server be/s1.",
                loaded.serverAt(17) + "'server dup/l2' : 'guid': duplicate entry with server lb/l1.",
                loaded.serverAt(18) + "'server dup/l3' : 'guid': invalid character '/'."),
                loaded.alerts().subList(0, 4));
        Loaded valid = fixture.load(TIMEOUTS + """
                backend lb
                    mode log
                    guid lb-guid
                    server l1 udp@127.0.0.1:514 guid l1-guid
                    server l2 udp@127.0.0.1:515
                """);
        assertEquals(List.of(), valid.alerts());
        var lb = valid.config().logSetup().backends().get("lb");
        assertEquals("lb-guid", lb.guid());
        assertEquals(List.of("l1-guid", ""), lb.servers().stream().map(server -> server.guid()).toList());
    }

    @Test
    void badGuidsGet35sAlerts() {
        Loaded loaded = fixture.load(TIMEOUTS + """
                backend be
                    guid
                    server s1 127.0.0.1:1 guid bad!x
                    server s2 127.0.0.1:1 guid
                    default-server guid x
                backend be2
                    guid %s
                """.formatted("x".repeat(128)));
        assertEquals(List.of(loaded.at(6) + "'guid' : expects an argument",
                loaded.serverAt(7) + "'server be/s1' : 'guid': invalid character '!'.",
                loaded.serverAt(8) + "'server be/s2' : 'guid' : expects an argument.",
                loaded.serverAt(9) + "'guid' option is not accepted in default-server sections",
                loaded.at(11) + "'guid': invalid length"),
                loaded.alerts().subList(0, 5));
    }

    @Test
    void statsFileTakesOnePath() {
        Loaded loaded = fixture.load("global\n    stats-file\n" + TIMEOUTS);
        assertEquals(loaded.at(2) + "'stats-file' expect one argument: a file path.", loaded.alerts().getFirst());
    }
}
