package dev.shuttle.h1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.shuttle.http.HeaderList;
import org.junit.jupiter.api.Test;

/** TE towards a server keeps only {@code trailers}, as HAProxy 3.5 sends it (checked with difftest te-header-*). */
class TeHeaderTest {
    private static HeaderList reduced(String... fields) {
        HeaderList headers = new HeaderList();
        headers.add("host", "a");
        for (String value : fields) {
            headers.add("te", value);
        }
        headers.add("x-after", "1");
        TeHeader.reduce(headers);
        return headers;
    }

    @Test
    void keepsTrailersAlone() {
        HeaderList headers = reduced("gzip, trailers");
        assertEquals("trailers", headers.first("te"));
        assertEquals(1, headers.count("te"));
        assertEquals("te", headers.get(1).name(), "the field keeps its place");
    }

    @Test
    void dropsTheFieldWithoutTrailers() {
        assertNull(reduced("gzip").first("te"));
        assertNull(reduced("gzip;q=0.5, deflate").first("te"));
        assertEquals(2, reduced("gzip").size());
    }

    @Test
    void readsEveryFieldAndWeights() {
        assertEquals("trailers", reduced("gzip", "Trailers;q=1").first("te"));
        assertEquals(1, reduced("gzip", "trailers").count("te"));
        assertNull(reduced("trailersx").first("te"));
    }

    @Test
    void leavesAMessageWithoutTeAlone() {
        HeaderList headers = new HeaderList();
        headers.add("host", "a");
        TeHeader.reduce(headers);
        assertEquals(1, headers.size());
    }
}
