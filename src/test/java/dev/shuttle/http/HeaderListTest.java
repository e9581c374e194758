package dev.shuttle.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderListTest {
    @Test
    void namesCompareWithoutCaseAndKeepTheirSpelling() {
        HeaderList headers = new HeaderList();
        headers.add("X-Thing", "a");
        headers.add("x-thing", "b");
        assertEquals("a", headers.first("X-THING"));
        assertEquals(List.of("a", "b"), headers.all("x-Thing"));
        assertEquals("x-thing", headers.get(1).name());
    }

    @Test
    void setReplacesEveryFieldAtThePlaceOfTheFirst() {
        HeaderList headers = new HeaderList();
        headers.add("A", "1");
        headers.add("Via", "x");
        headers.add("B", "2");
        headers.add("via", "y");
        headers.set("VIA", "z");
        assertEquals(3, headers.size());
        assertEquals("VIA", headers.get(1).name());
        assertEquals("z", headers.get(1).value());
    }

    @Test
    void removeAllCountsWhatItRemoved() {
        HeaderList headers = new HeaderList();
        headers.add("A", "1");
        headers.add("a", "2");
        assertEquals(2, headers.removeAll("A"));
        assertNull(headers.first("a"));
    }

    @Test
    void tokensAreFoundAcrossFieldsAndCommas() {
        HeaderList headers = new HeaderList();
        headers.add("Connection", "keep-alive, Upgrade");
        headers.add("Connection", "foo");
        assertTrue(headers.hasToken("connection", "upgrade"));
        assertTrue(headers.hasToken("Connection", "FOO"));
        assertFalse(headers.hasToken("Connection", "close"));
    }
}
