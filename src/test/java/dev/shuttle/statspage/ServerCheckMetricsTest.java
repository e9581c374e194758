package dev.shuttle.statspage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.stats.ObjectType;
import dev.shuttle.stats.StatField;
import dev.shuttle.stats.StatRow;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exporter's per-server check families: {@code check_status} by state, {@code check_code}, {@code check_duration_seconds}. */
class ServerCheckMetricsTest {
    private static StatRow server(String name, int id, String checkStatus, String code, long durationMillis) {
        StatRow row = new StatRow(ObjectType.SERVER, 3, id).set(StatField.PXNAME, "be").set(StatField.SVNAME, name)
                .set(StatField.STATUS, "UP").set(StatField.MODE, "http");
        if (!checkStatus.isEmpty()) {
            row.set(StatField.CHECK_STATUS, checkStatus).set(StatField.CHECK_DURATION, durationMillis);
            if (!code.isEmpty()) {
                row.set(StatField.CHECK_CODE, Long.parseLong(code));
            }
        }
        return row;
    }

    private static String scrape(List<StatRow> rows) {
        return new PrometheusExporter(null).scrape(rows,
                new ExporterQuery(EnumSet.of(ExporterQuery.Scope.SERVER), false));
    }

    @Test
    void aCheckedServerHasOneSamplePerCheckStateAndItsOwnIsOne() {
        String text = scrape(List.of(server("s1", 1, "L7OK", "200", 3), server("s2", 2, "* L4CON", "", 1),
                server("s3", 3, "", "", 0)));
        assertEquals(32, text.lines().filter(l -> l.startsWith("haproxy_server_check_status{")).count(),
                "16 states for each of the two checked servers, none for s3");
        assertTrue(text.contains("haproxy_server_check_status{proxy=\"be\",server=\"s1\",state=\"L7OK\"} 1\n"));
        assertTrue(text.contains("haproxy_server_check_status{proxy=\"be\",server=\"s1\",state=\"L4OK\"} 0\n"));
        assertTrue(text.contains("haproxy_server_check_status{proxy=\"be\",server=\"s2\",state=\"L4CON\"} 1\n"),
                "a check under way ('* ') reports its last result");
        assertTrue(text.contains("# TYPE haproxy_server_check_status gauge\n"));
    }

    @Test
    void checkCodeIsZeroWithoutALayer7CodeAndDurationsAreSeconds() {
        String text = scrape(List.of(server("s1", 1, "L7OK", "200", 3), server("s2", 2, "L4OK", "", 1500),
                server("s3", 3, "", "", 0)));
        assertTrue(text.contains("haproxy_server_check_code{proxy=\"be\",server=\"s1\"} 200\n"));
        assertTrue(text.contains("haproxy_server_check_code{proxy=\"be\",server=\"s2\"} 0\n"));
        assertTrue(text.contains("haproxy_server_check_duration_seconds{proxy=\"be\",server=\"s2\"} 1.500000\n"));
        assertTrue(text.lines().noneMatch(l -> l.startsWith("haproxy_server_check_") && l.contains("server=\"s3\"")
                && (l.contains("check_code") || l.contains("check_status") || l.contains("check_duration"))),
                "an unchecked server has none of them");
    }
}
