package dev.shuttle.statspage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.http.HeaderList;
import dev.shuttle.http.HttpVersion;
import dev.shuttle.http.RequestHead;
import dev.shuttle.stats.ObjectType;
import dev.shuttle.stats.StatField;
import dev.shuttle.stats.StatRow;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The page's small parts: URI options, Basic credentials, number and duration cells, row colours. */
class PageCellsTest {
    @Test
    void optionsAfterThePrefix() {
        PageRequest plain = PageRequest.parse("");
        assertEquals(PageRequest.Format.HTML, plain.format());
        assertFalse(plain.upOnly());
        PageRequest csv = PageRequest.parse(";csv;norefresh");
        assertEquals(PageRequest.Format.CSV, csv.format());
        assertTrue(csv.noRefresh());
        assertEquals(PageRequest.Format.JSON, PageRequest.parse(";json").format());
        PageRequest after = PageRequest.parse(";up;st=DONE");
        assertTrue(after.upOnly());
        assertEquals("DONE", after.actionStatus());
        assertEquals("web", PageRequest.parse("?scope=web").scope());
    }

    @Test
    void basicCredentialsMustMatchALine() {
        assertTrue(BasicAuth.accepts(request("Basic YWRtaW46c2VjcmV0"), List.of("admin:secret")));
        assertTrue(BasicAuth.accepts(request("basic YWRtaW46c2VjcmV0"), List.of("x:y", "admin:secret")));
        assertFalse(BasicAuth.accepts(request("Basic YWRtaW46d3Jvbmc="), List.of("admin:secret")));
        assertFalse(BasicAuth.accepts(request("Basic !!!"), List.of("admin:secret")));
        assertFalse(BasicAuth.accepts(request(null), List.of("admin:secret")));
        assertTrue(BasicAuth.accepts(request("Basic YWRtaW46"), List.of("admin")), "a line without colon: empty password");
    }

    private static RequestHead request(String authorization) {
        HeaderList headers = new HeaderList();
        if (authorization != null) {
            headers.add("Authorization", authorization);
        }
        return new RequestHead("GET", "/stats", HttpVersion.HTTP_1_1, headers);
    }

    @Test
    void numbersSetTheirThousandsApart() {
        assertEquals("999", HtmlCells.number(999));
        assertEquals("<span class=\"rls\">9</span>985", HtmlCells.number(9985));
        assertEquals("<span class=\"rls\">1</span><span class=\"rls\">234</span>567", HtmlCells.number(1234567));
        assertEquals("<span class=\"rls\">123</span>456", HtmlCells.number(123456));
    }

    @Test
    void durationsKeepTwoUnits() {
        assertEquals("0s", HtmlCells.duration(0));
        assertEquals("1m29s", HtmlCells.duration(89));
        assertEquals("2h0m", HtmlCells.duration(7200));
        assertEquals("1d1h", HtmlCells.duration(90000));
        assertEquals("?", HtmlCells.duration(-1));
        assertEquals("0d 0h00m01s", HtmlCells.uptime(1));
        assertEquals("&lt;a href=&quot;x&quot;&gt;", HtmlCells.escape("<a href=\"x\">"));
    }

    @Test
    void rowColoursFollowTheStatus() {
        assertEquals("frontend", RowStyle.of(new StatRow(ObjectType.FRONTEND, 1, 0)));
        assertEquals("backend", RowStyle.of(new StatRow(ObjectType.BACKEND, 1, 0)));
        assertEquals("active_up", RowStyle.of(server("UP", 0)));
        assertEquals("backup_up", RowStyle.of(server("UP", 1)));
        assertEquals("active_going_down", RowStyle.of(server("UP 1/3", 0)));
        assertEquals("active_going_up", RowStyle.of(server("DOWN 1/2", 0)));
        assertEquals("active_down", RowStyle.of(server("DOWN", 0)));
        assertEquals("maintain", RowStyle.of(server("MAINT", 1)));
        assertEquals("maintain", RowStyle.of(server("MAINT (via be/s1)", 0)));
        assertEquals("active_draining", RowStyle.of(server("DRAIN", 0)));
        assertEquals("active_nolb", RowStyle.of(server("NOLB", 0)));
        assertEquals("active_no_check", RowStyle.of(server("no check", 0)));
        assertTrue(RowStyle.shownWhenUpOnly(server("no check", 0)));
        assertFalse(RowStyle.shownWhenUpOnly(server("MAINT", 0)));
        assertFalse(RowStyle.shownWhenUpOnly(server("DOWN 1/2", 0)));
    }

    private static StatRow server(String status, int backup) {
        return new StatRow(ObjectType.SERVER, 1, 1).set(StatField.STATUS, status).set(StatField.BCK, backup);
    }
}
