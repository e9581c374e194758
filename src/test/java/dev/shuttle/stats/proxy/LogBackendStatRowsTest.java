package dev.shuttle.stats.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.config.LogBackendConfig;
import dev.shuttle.config.LogDestination;
import dev.shuttle.config.RingConfig;
import dev.shuttle.config.ServerCheckSettings;
import dev.shuttle.server.CheckReport;
import dev.shuttle.server.LogBackendStats;
import dev.shuttle.stats.StatCsv;
import dev.shuttle.stats.StatField;
import dev.shuttle.stats.StatRow;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A log backend's {@code show stat} rows are HAProxy 3.5's: the expected lines below were printed
 * by 3.5 for {@code backend lb} (proxy id 3, {@code mode log}, {@code balance roundrobin}) with
 * {@code server s1 udp@127.0.0.1:18499 check port 18498} (refused: DOWN) and {@code server s2
 * udp@127.0.0.1:18497}, 3 seconds after the start.
 */
class LogBackendStatRowsTest {
    private static final LogBackendStats.History THREE_SECONDS_UP = new LogBackendStats.History(0, 3, 0);

    private static LogBackendConfig.Server server(String name, int port, boolean usable, boolean backup, int weight,
                                                  int checkPort) {
        ServerCheckSettings none = ServerCheckSettings.NONE;
        ServerCheckSettings check = checkPort == 0 ? none : new ServerCheckSettings(true, 1000, 0, 0, 2, 3,
                none.initState(), checkPort, Optional.empty(), none.agent(), none.track(), false, none.trafficHealth());
        return new LogBackendConfig.Server(name, new LogDestination.Datagram(new InetSocketAddress("127.0.0.1", port)),
                usable, backup, RingConfig.Framing.LEGACY, RingConfig.DEFAULT_SIZE, weight, check);
    }

    private static final CheckReport REFUSED = new CheckReport("L4CON", -1, 0,
            "Layer4 connection problem: ECONNREFUSED returned by OS (Connection refused)", 0, 2, 3);

    private static LogBackendStats reference() {
        return new LogBackendStats(3, "lb", LogBackendConfig.Balance.ROUNDROBIN, THREE_SECONDS_UP, List.of(
                new LogBackendStats.Server(1, server("s1", 18499, true, false, 1, 18498), false, REFUSED, 0,
                        new LogBackendStats.History(1, 3, 3)),
                new LogBackendStats.Server(2, server("s2", 18497, true, false, 1, 0), true, CheckReport.NONE, 0,
                        THREE_SECONDS_UP)));
    }

    private static String csv(StatRow row) {
        StringBuilder out = new StringBuilder();
        StatCsv.appendRow(out, row);
        return out.toString().strip();
    }

    @Test
    void rowsAreThoseOfHaproxy35() {
        List<StatRow> rows = LogBackendStatRows.rows(reference());
        assertEquals(3, rows.size());
        assertEquals("lb,s1,0,0,0,0,,0,0,0,,0,,0,0,0,0,DOWN,1,1,0,0,1,3,3,,1,3,1,,0,,2,0,,0,L4CON,,0,,,,,,,,,,,0,0,,,,,"
                + "-1,ECONNREFUSED returned by OS (Connection refused),,0,0,0,0,,,,Layer4 connection problem,,2,3,0,,,,"
                + "127.0.0.1:18499,,syslog,,,,,,,,0,0,0,,,0,,0,0,0,0,0,0,0,0,1,1,,,,0,,,,,,,,,,0,0,0,0,0,,-,,,,,,,,,,,,,,"
                + "0,0,0,0,0,,,,,,,,,", csv(rows.get(0)));
        assertEquals("lb,s2,0,0,0,0,,0,0,0,,0,,0,0,0,0,no check,1,1,0,,,3,,,1,3,2,,0,,2,0,,0,,,,,,,,,,,,,,0,0,,,,,-1,,,"
                + "0,0,0,0,,,,,,,,,,,,127.0.0.1:18497,,syslog,,,,,,,,0,0,0,,,0,,0,0,0,0,0,0,0,0,0,1,,,,0,,,,,,,,,,"
                + "0,0,0,0,0,,-,,,,,,,,,,,,,,0,0,0,0,0,,,,,,,,,", csv(rows.get(1)));
        assertEquals("lb,BACKEND,0,0,0,0,1,0,0,0,0,0,,0,0,0,0,UP,1,1,0,,0,3,0,,1,3,0,,0,,1,0,,0,,,,,,,,,,,,,,"
                + "0,0,0,0,0,0,-1,,,0,0,0,0,,,,,,,,,,,,,,syslog,roundrobin,,,,,,,0,0,0,,,,,0,0,0,0,0,,,,,1,0,0,0,,,,,,,,,,,,"
                + "0,0,0,0,,-,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,", csv(rows.get(2)));
    }

    @Test
    void statusFollowsTheHealthCounterAndMaintenance() {
        LogBackendConfig.Server checked = server("s", 514, true, false, 1, 600);
        assertEquals("UP -1/3", LogBackendStatRows.status(new LogBackendStats.Server(1, checked, true,
                CheckReport.NONE, 0, THREE_SECONDS_UP)), "3.5 before the first check: health 0 of rise 2");
        CheckReport passedOnce = new CheckReport("L4OK", -1, 0, "Layer4 check passed", 1, 2, 3);
        assertEquals("UP 0/3", LogBackendStatRows.status(new LogBackendStats.Server(1, checked, true, passedOnce, 0,
                THREE_SECONDS_UP)));
        CheckReport full = new CheckReport("L4OK", -1, 0, "Layer4 check passed", 4, 2, 3);
        assertEquals("UP", LogBackendStatRows.status(new LogBackendStats.Server(1, checked, true, full, 0,
                THREE_SECONDS_UP)));
        assertEquals("DOWN 1/2", LogBackendStatRows.status(new LogBackendStats.Server(1, checked, false, passedOnce, 0,
                THREE_SECONDS_UP)));
        assertEquals("MAINT", LogBackendStatRows.status(new LogBackendStats.Server(1,
                server("d", 514, false, true, 7, 0), true, CheckReport.NONE, 0, THREE_SECONDS_UP)));
    }

    @Test
    void aServerWhoseCheckHasNotRunIsInitializing() {
        LogBackendConfig.Server checked = server("s", 514, true, false, 1, 600);
        StatRow row = LogBackendStatRows.serverRow(reference(), new LogBackendStats.Server(1, checked, true,
                CheckReport.NONE, 0, THREE_SECONDS_UP));
        assertEquals("INI", row.text(StatField.CHECK_STATUS));
        assertEquals("Initializing", row.text(StatField.CHECK_DESC));
        assertEquals("", row.text(StatField.CHECK_DURATION));
        assertEquals("0", row.text(StatField.NEED_CONN_EST), "no check connection yet");
    }

    @Test
    void theLogOnlyAlgorithmsAreUnknownToHaproxysNamesAndBackupsServeWhenNoActiveServerIs() {
        LogBackendStats stats = new LogBackendStats(4, "lb", LogBackendConfig.Balance.LOG_HASH, THREE_SECONDS_UP,
                List.of(new LogBackendStats.Server(1, server("a", 514, true, false, 1, 600), false, REFUSED, 0,
                                THREE_SECONDS_UP),
                        new LogBackendStats.Server(2, server("b", 514, true, true, 7, 0), true, CheckReport.NONE, 0,
                                THREE_SECONDS_UP)));
        StatRow backend = LogBackendStatRows.backendRow(stats);
        assertEquals("unknown", backend.text(StatField.ALGO));
        assertEquals("UP", backend.text(StatField.STATUS));
        assertEquals("7", backend.text(StatField.WEIGHT));
        assertEquals("0", backend.text(StatField.ACT));
        assertEquals("1", backend.text(StatField.BCK));
    }

    @Test
    void logBackendsTakeTheirPlaceAmongTheProxiesById() {
        List<StatRow> rows = new ProxyStatRows(List.of(), List.of(), List.of(reference()), 100).rows();
        assertEquals(List.of("s1", "s2", "BACKEND"), rows.stream().map(r -> r.text(StatField.SVNAME)).toList());
    }
}
