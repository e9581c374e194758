package dev.shuttle.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.HeaderNamePolicy;
import dev.shuttle.http.HeaderList;
import org.junit.jupiter.api.Test;

/** option http-restrict-req-hdr-names, as HAProxy 3.5 applies it (rules difftest restrict-hdr-*). */
class RequestHeadersTest {
    private static HeaderList headers() {
        HeaderList headers = new HeaderList();
        headers.add("Host", "a");
        headers.add("X_A", "1");
        headers.add("X.B", "2");
        headers.add("X-C", "3");
        return headers;
    }

    @Test
    void preserveKeepsEverything() {
        HeaderList headers = headers();
        assertFalse(RequestHeaders.restrictNames(headers, HeaderNamePolicy.PRESERVE));
        assertEquals(4, headers.size());
    }

    @Test
    void deleteDropsNamesOutsideLettersDigitsAndHyphen() {
        HeaderList headers = headers();
        assertFalse(RequestHeaders.restrictNames(headers, HeaderNamePolicy.DELETE));
        assertEquals(2, headers.size());
        assertEquals("X-C", headers.get(1).name());
    }

    @Test
    void rejectRefusesOnlyWhenOneIsThere() {
        assertTrue(RequestHeaders.restrictNames(headers(), HeaderNamePolicy.REJECT));
        HeaderList clean = new HeaderList();
        clean.add("X-Ok-1", "v");
        assertFalse(RequestHeaders.restrictNames(clean, HeaderNamePolicy.REJECT));
    }
}
