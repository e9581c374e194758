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
import dev.shuttle.log.LogClock;
import dev.shuttle.log.SyslogSender;
import dev.shuttle.server.LogBackendStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mode log} backends in the listing commands, among the other backends by proxy id, as
 * HAProxy 3.5 lists them (the expected lines were printed by 3.5 for this configuration, its
 * {@code srv_time_since_last_change} aside: 0 here, the process has just started).
 */
class LogBackendListingTest {
    private static final String CONFIG = """
            frontend fe
                mode http
                bind 127.0.0.1:18481
                default_backend be
            backend lb
                mode log
                balance log-hash lower
                server s1 udp@127.0.0.1:18499
                server s2 udp@127.0.0.1:18497 check port 18498 inter 60s
                server s3 udp@127.0.0.1:18497 disabled backup weight 7
            backend be
                mode http
                server w1 127.0.0.1:18496
            """;

    @TempDir
    Path directory;

    private String run(String line) throws Exception {
        Path file = directory.resolve("cli.cfg");
        Files.writeString(file, CONFIG);
        Diagnostics diagnostics = Diagnostics.collecting();
        Configuration configuration = new ConfigLoader(KeywordRegistry.standard())
                .load(List.of(file), Variables.of(Map.of()), diagnostics)
                .orElseThrow(() -> new AssertionError(diagnostics.messages().toString()));
        List<Backend> backends = configuration.proxies().stream()
                .filter(p -> p.name().equals("be")).map(Backend::new).toList();
        try (SyslogSender sender = new SyslogSender(configuration.logSetup(), LogClock.system())) {
            List<LogBackendStats> logs = sender.logBackendStats();
            ProcessView process = new StubProcessView(List.of(), backends) {
                @Override
                public List<LogBackendStats> logBackends() {
                    return logs;
                }
            };
            String answer = new CliSession(CliCommands.standard(process), CliLevel.ADMIN).execute(line);
            assertTrue(answer.endsWith("\n"), answer);
            return answer.substring(0, answer.length() - 1);
        }
    }

    @Test
    void showBackendListsTheLogBackendInItsPlace() throws Exception {
        assertEquals("# name\nlb\nbe\n", run("show backend"));
    }

    @Test
    void showServersStateHasTheLogServersWithTheirCheckAndMaintenanceState() throws Exception {
        List<String> lines = run("show servers state").lines().toList();
        assertEquals(List.of(
                "3 lb 1 s1 127.0.0.1 2 0 1 1 0 1 0 0 0 0 0 0 - 18499 - 0 0 - - 0",
                "3 lb 2 s2 127.0.0.1 2 0 1 1 0 1 0 0 6 0 0 0 - 18497 - 0 18498 - - 18498",
                "3 lb 3 s3 127.0.0.1 0 5 7 7 0 1 0 0 8 0 0 0 - 18497 - 0 0 - - 0"), lines.subList(2, 5));
        assertTrue(lines.get(5).startsWith("4 be 1 w1 "), lines.get(5));
        assertEquals(5, run("show servers state lb").lines().count(), "the version, the header, its three servers");
        assertEquals(5, run("show servers state #3").lines().count());
        assertEquals("Can't find backend.\n", run("show servers state nope"));
    }

    @Test
    void showServersConnHasTheLogServersWithoutAPool() throws Exception {
        List<String> lines = run("show servers conn lb").lines().toList();
        assertEquals(List.of("lb/s1 3/1 127.0.0.1 18499 - 5000 0 0 0 0 0 0 0 -1 0 0",
                "lb/s2 3/2 127.0.0.1 18497 - 5000 0 0 0 0 0 0 0 -1 0 0",
                "lb/s3 3/3 127.0.0.1 18497 - 5000 0 0 0 0 0 0 0 -1 0 0"), lines.subList(1, 4));
    }

    @Test
    void showStatHasTheLogBackendsRowsInIdOrder() throws Exception {
        List<String> rows = run("show stat").lines().skip(1).filter(l -> !l.isEmpty()).toList();
        assertEquals(List.of("lb,s1", "lb,s2", "lb,s3", "lb,BACKEND", "be,w1", "be,BACKEND"),
                rows.stream().map(r -> r.substring(0, r.indexOf(',', r.indexOf(',') + 1))).toList());
        assertTrue(rows.get(1).contains(",UP -1/3,"), "3.5 before the first check: " + rows.get(1));
        assertTrue(rows.get(2).contains(",MAINT,7,0,1,"), rows.get(2));
        assertTrue(rows.get(3).contains(",syslog,unknown,"), "log-hash is no name 3.5's algo column knows");
    }

    @Test
    void showStatSelectsTheLogBackendByNameAndItsFiltersHideItsServersInMaintenance() throws Exception {
        assertEquals(List.of("lb,s1", "lb,s2", "lb,s3", "lb,BACKEND"), names(run("show stat lb -1 -1")));
        assertEquals(List.of("lb,BACKEND"), names(run("show stat 3 2 -1")));
        for (String filter : List.of("no-maint", "up")) {
            String answer = run("show stat " + filter);
            assertEquals(List.of("lb,s1", "lb,s2", "lb,BACKEND", "be,w1", "be,BACKEND"), names(answer), filter);
            assertTrue(answer.contains("\nlb,BACKEND,0,0,0,0,1,0,0,0,0,0,,0,0,0,0,UP (2/3),"), answer);
        }
    }

    private static List<String> names(String answer) {
        return answer.lines().skip(1).filter(l -> !l.isEmpty())
                .map(r -> r.substring(0, r.indexOf(',', r.indexOf(',') + 1))).toList();
    }
}
