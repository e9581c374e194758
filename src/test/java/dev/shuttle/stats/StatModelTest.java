package dev.shuttle.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The statistics model: HAProxy 3.5's columns, their tags, and the CSV, typed and JSON forms of a row. */
class StatModelTest {
    /** The header line a running HAProxy 3.5-dev5 answers to "show stat", saved as it came. */
    private static String haproxyHeader() throws IOException {
        try (InputStream in = StatModelTest.class.getResourceAsStream("/stats/haproxy-3.5-show-stat-header.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void theHeaderIsHaproxys() throws IOException {
        assertEquals(haproxyHeader(), StatCsv.header());
    }

    @Test
    void theStaticColumnsEndWithCacheHintHitsThenTheSeparator() {
        assertEquals(StatField.CACHE_HINT_HITS, StatField.values()[StatField.STATIC_FIELDS - 1]);
        assertTrue(StatField.H2_HEADERS_RCVD.isModuleField());
        assertFalse(StatField.CACHE_HINT_HITS.isModuleField());
        assertEquals(119, StatField.H2_HEADERS_RCVD.position(), "the typed output numbers on past the '-'");
    }

    @Test
    void columnNamesAreUnique() {
        Set<String> seen = new HashSet<>();
        for (StatField field : StatField.values()) {
            assertTrue(seen.add(field.column()), field.column());
        }
        assertEquals(StatField.SCUR, StatField.byColumn("scur").orElseThrow());
    }

    @Test
    void tagsAndTypesAreThoseOfTheTypedOutput() {
        assertEquals("MGPV", StatField.SCUR.tags(ObjectType.FRONTEND).letters());
        assertEquals("SGPV", StatField.ACT.tags(ObjectType.SERVER).letters());
        assertEquals("MGPV", StatField.ACT.tags(ObjectType.BACKEND).letters(), "a backend's act is a gauge");
        assertEquals("MAPP", StatField.LASTSESS.tags(ObjectType.SERVER).letters());
        assertEquals(FieldType.S32, StatField.LASTSESS.type());
        assertEquals("Metric", StatField.SCUR.tags(ObjectType.FRONTEND).origin());
        assertEquals("Gauge", StatField.SCUR.tags(ObjectType.FRONTEND).nature());
        assertEquals("Avg", StatField.QTIME.tags(ObjectType.BACKEND).nature());
        assertEquals("Service", StatField.PXNAME.tags(ObjectType.BACKEND).scope());
        assertEquals("current_sessions", StatField.SCUR.metricName().orElseThrow());
        assertTrue(StatField.QCUR.isCarriedBy(ObjectType.SERVER));
        assertFalse(StatField.QCUR.isCarriedBy(ObjectType.FRONTEND));
    }

    private static StatRow sample() {
        return new StatRow(ObjectType.SERVER, 3, 1).set(StatField.PXNAME, "be").set(StatField.SVNAME, "s1")
                .set(StatField.SCUR, 2).set(StatField.LAST_CHK, "said \"no\", twice");
    }

    @Test
    void aCsvRowHasEveryColumnAndQuotesOnlyWhatIsAmbiguous() {
        StringBuilder out = new StringBuilder();
        StatCsv.appendRow(out, sample());
        String line = out.toString();
        assertTrue(line.startsWith("be,s1,,,2,"), line);
        assertTrue(line.contains(",\"said \"\"no\"\", twice\","), line);
        assertTrue(line.endsWith(",\n"));
        // Every column plus the '-' one, each followed by a comma; the quoted text holds one comma.
        assertEquals(StatField.values().length + 1 + 1, line.chars().filter(c -> c == ',').count());
        assertTrue(line.contains(",-,"), "the separator column carries '-'");
    }

    @Test
    void theTypedFormListsThePresentValuesOnly() {
        StringBuilder out = new StringBuilder();
        StatTyped.appendRow(out, sample(), false);
        assertEquals("""
                S.3.1.0.pxname.1:KNSV:str:be
                S.3.1.1.svname.1:KNSV:str:s1
                S.3.1.4.scur.1:MGPV:u32:2
                S.3.1.56.last_chk.1:MOPV:str:said "no", twice
                """, out.toString());
        out.setLength(0);
        StatTyped.appendRow(out, new StatRow(ObjectType.FRONTEND, 2, 0).set(StatField.SCUR, 0), true);
        assertEquals("F.2.0.4.scur.1:MGPV:u32:0:\"" + StatField.SCUR.description() + "\"\n", out.toString());
    }

    @Test
    void theJsonFormEscapesStrings() {
        String json = StatJson.document(List.of(sample()));
        assertTrue(json.startsWith("[[{\"objType\":\"Server\",\"proxyId\":3,\"id\":1,\"field\":{\"pos\":0,"
                + "\"name\":\"pxname\"},\"processNum\":1,\"tags\":{\"origin\":\"Key\",\"nature\":\"Name\","
                + "\"scope\":\"Service\"},\"value\":{\"type\":\"str\",\"value\":\"be\"}}"), json);
        assertTrue(json.contains("\"value\":{\"type\":\"str\",\"value\":\"said \\\"no\\\", twice\"}"), json);
        assertTrue(json.contains("\"value\":{\"type\":\"u32\",\"value\":2}"), json);
        assertTrue(json.endsWith("}]]\n"));
    }

    @Test
    void aFieldTakesOnlyValuesOfItsType() {
        StatRow row = new StatRow(ObjectType.BACKEND, 1, 0);
        assertThrows(IllegalArgumentException.class, () -> row.set(StatField.SCUR, "x"));
        assertThrows(IllegalArgumentException.class, () -> row.set(StatField.PXNAME, 1));
    }
}
