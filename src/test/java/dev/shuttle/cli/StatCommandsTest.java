package dev.shuttle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.Configuration;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.StatsSocketConfig.CliLevel;
import dev.shuttle.config.parse.ConfigLoader;
import dev.shuttle.config.parse.Diagnostics;
import dev.shuttle.config.parse.KeywordRegistry;
import dev.shuttle.config.parse.Variables;
import dev.shuttle.listener.Frontend;
import dev.shuttle.server.AdminState;
import dev.shuttle.stats.StatCsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code show stat} and {@code clear counters} through a session: the rows and their filled
 * columns as HAProxy 3.5 prints them for the same configuration, the selectors, the formats, the
 * clearing and the levels.
 */
class StatCommandsTest {
    private static final String CONFIG = """
            global
                maxconn 1000
            defaults
                mode http
                timeout client 1s
                timeout server 1s
                timeout connect 1s
            frontend fe
                bind 127.0.0.1:8080
                default_backend be
            backend be
                server s1 127.0.0.1:1 maxqueue 10
                server s2 127.0.0.1:2 backup
            backend tcpbe
                mode tcp
                server t1 127.0.0.1:3
            """;

    @TempDir
    Path directory;

    private final List<Frontend> frontends = new ArrayList<>();
    private final List<Backend> backends = new ArrayList<>();

    @BeforeEach
    void load() throws IOException {
        Path file = directory.resolve("stat.cfg");
        Files.writeString(file, CONFIG);
        Diagnostics diagnostics = Diagnostics.collecting();
        Configuration configuration = new ConfigLoader(KeywordRegistry.standard())
                .load(List.of(file), Variables.of(Map.of()), diagnostics)
                .orElseThrow(() -> new AssertionError(diagnostics.messages().toString()));
        for (ProxyConfig proxy : configuration.proxies()) {
            if (proxy.kind().hasBackendCapability()) {
                backends.add(new Backend(proxy));
            }
        }
        for (ProxyConfig proxy : configuration.frontends()) {
            frontends.add(new Frontend(proxy));
        }
    }

    private String run(CliLevel level, String line) {
        return new CliSession(CliCommands.standard(process()), level).execute(line);
    }

    /** The rows of a CSV answer, split into cells, without the header. */
    private List<List<String>> rows(String answer) {
        List<String> lines = new ArrayList<>(Arrays.asList(answer.split("\n")));
        assertEquals(StatCsv.header().strip(), lines.get(0));
        return lines.subList(1, lines.size()).stream().map(l -> Arrays.asList(l.split(",", -1))).toList();
    }

    private static int column(String name) {
        List<String> header = Arrays.asList(StatCsv.header().substring(2).split(","));
        return header.indexOf(name);
    }

    @Test
    void rowsComeFrontendServersBackendWithHaproxysColumnsFilled() {
        List<List<String>> rows = rows(run(CliLevel.USER, "show stat"));
        assertEquals(List.of("fe/FRONTEND", "be/s1", "be/s2", "be/BACKEND", "tcpbe/t1", "tcpbe/BACKEND"),
                rows.stream().map(r -> r.get(0) + "/" + r.get(1)).toList());
        List<String> fe = rows.get(0);
        assertEquals("", fe.get(column("qcur")), "a frontend has no queue");
        assertEquals("1000", fe.get(column("slim")), "the global maxconn");
        assertEquals("OPEN", fe.get(column("status")));
        assertEquals("0", fe.get(column("type")));
        assertEquals("0", fe.get(column("hrsp_2xx")));
        List<String> s1 = rows.get(1);
        assertEquals("no check", s1.get(column("status")));
        assertEquals("10", s1.get(column("qlimit")));
        assertEquals("", s1.get(column("slim")), "no maxconn");
        assertEquals("", s1.get(column("chkfail")), "no check, no check counters");
        assertEquals("-1", s1.get(column("lastsess")));
        assertEquals("127.0.0.1:1", s1.get(column("addr")));
        assertEquals("1", s1.get(column("act")));
        assertEquals("0", rows.get(2).get(column("act")));
        assertEquals("1", rows.get(2).get(column("bck")));
        List<String> be = rows.get(3);
        assertEquals("UP", be.get(column("status")));
        assertEquals("1", be.get(column("weight")), "the active server's weight: backups stand by");
        assertEquals("1", be.get(column("act")));
        assertEquals("1", be.get(column("bck")));
        assertEquals("unknown", be.get(column("algo")), "no balance line: random, 3.x's default, which 3.5's stats name unknown");
        List<String> tcp = rows.get(5);
        assertEquals("tcp", tcp.get(column("mode")));
        assertEquals("", tcp.get(column("hrsp_2xx")), "no HTTP columns in TCP mode");
        assertEquals("", tcp.get(column("req_tot")));
    }

    @Test
    void selectorsNarrowByProxyTypeAndServer() {
        int be = backends.get(0).config().id();
        assertEquals(List.of("s1"), rows(run(CliLevel.USER, "show stat be 4 1")).stream().map(r -> r.get(1)).toList());
        assertEquals(List.of("BACKEND"), rows(run(CliLevel.USER, "show stat " + be + " 2 -1")).stream()
                .map(r -> r.get(1)).toList());
        assertEquals(List.of("FRONTEND"), rows(run(CliLevel.USER, "show stat fe 1 -1")).stream()
                .map(r -> r.get(1)).toList());
        assertEquals(List.of(), rows(run(CliLevel.USER, "show stat 99 -1 -1")), "no such id: the header alone");
        assertEquals(List.of(), rows(run(CliLevel.USER, "show stat be x y")), "type 0 selects nothing");
        assertEquals(6, rows(run(CliLevel.USER, "show stat be 4")).size(), "two selectors are ignored");
        assertEquals("No such proxy.\n\n", run(CliLevel.USER, "show stat nope -1 -1"));
        assertEquals("Invalid statistics domain.\n\n", run(CliLevel.USER, "show stat domain foo"));
        assertTrue(run(CliLevel.USER, "show stat domain resolvers").startsWith("# id,pid,sent,"));
    }

    @Test
    void upAndNoMaintHideServersAndCountThemInTheBackendStatus() {
        backends.get(0).setAdminState(backends.get(0).server("s1").orElseThrow(), AdminState.MAINT);
        List<List<String>> rows = rows(run(CliLevel.USER, "show stat no-maint"));
        assertEquals(List.of("FRONTEND", "s2", "BACKEND", "t1", "BACKEND"), rows.stream().map(r -> r.get(1)).toList());
        assertEquals("UP (1/2)", rows.get(2).get(column("status")), "the backup serves; one of two runs");
        List<List<String>> up = rows(run(CliLevel.USER, "show stat up"));
        assertEquals(5, up.size());
        assertEquals("MAINT", rows(run(CliLevel.USER, "show stat")).get(1).get(column("status")));
    }

    @Test
    void typedAndJsonForms() {
        String typed = run(CliLevel.USER, "show stat fe 1 -1 typed");
        int id = frontends.get(0).config().id();
        assertTrue(typed.startsWith("F." + id + ".0.0.pxname.1:KNSV:str:fe\nF." + id + ".0.1.svname.1:KNSV:str:FRONTEND\n"),
                typed);
        assertTrue(typed.contains("F." + id + ".0.6.slim.1:CLPV:u32:1000\n"), typed);
        assertTrue(run(CliLevel.USER, "show stat typed desc").contains(":\"Sessions open now\"\n"));
        String json = run(CliLevel.USER, "show stat json");
        assertTrue(json.startsWith("[[{\"objType\":\"Frontend\""), json);
        assertTrue(json.contains("{\"objType\":\"Server\""), json);
    }

    @Test
    void clearCountersClearsTheMaximaAndAllClearsEverythingForAdminsOnly() {
        Frontend fe = frontends.get(0);
        fe.counters().sessionStarted();
        fe.counters().sessionsOpen(7);
        assertEquals("\n", run(CliLevel.OPERATOR, "clear counters"));
        assertEquals(0, fe.counters().sessionsMax());
        assertEquals(1, fe.counters().sessions(), "clear counters keeps the totals");
        assertEquals("Permission denied\n\n", run(CliLevel.OPERATOR, "clear counters all"));
        assertEquals("Permission denied\n\n", run(CliLevel.USER, "clear counters"));
        assertEquals(1, fe.counters().sessions());
        assertEquals("\n", run(CliLevel.ADMIN, "clear counters all"));
        assertEquals(0, fe.counters().sessions());
        assertEquals("Server counters cleared.\n\n", run(CliLevel.ADMIN, "clear counters server be/s1"));
        assertEquals("No such server.\n\n", run(CliLevel.ADMIN, "clear counters server be/zz"));
        assertEquals("Require 'backend/server'.\n\n", run(CliLevel.ADMIN, "clear counters server be"));
    }

    private ProcessView process() {
        return new StubProcessView(frontends, backends) {
            @Override
            public int maxconn() {
                return 1000;
            }

            @Override
            public int listeners() {
                return 1;
            }
        };
    }
}
