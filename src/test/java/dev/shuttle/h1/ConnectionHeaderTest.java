package dev.shuttle.h1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.shuttle.http.HeaderList;
import org.junit.jupiter.api.Test;

class ConnectionHeaderTest {
    private static HeaderList connection(String value) {
        HeaderList headers = new HeaderList();
        headers.add("Host", "x");
        if (value != null) {
            headers.add("Connection", value);
        }
        return headers;
    }

    @Test
    void http11KeepAliveNeedsNoHeader() {
        HeaderList headers = connection("keep-alive");
        ConnectionHeader.rewrite(headers, true, false);
        assertNull(headers.first("Connection"));
    }

    @Test
    void http11CloseSaysClose() {
        HeaderList headers = connection(null);
        ConnectionHeader.rewrite(headers, true, true);
        assertEquals("close", headers.first("Connection"));
    }

    @Test
    void http10KeepAliveSaysKeepAliveAndCloseNeedsNothing() {
        HeaderList kept = connection("close");
        ConnectionHeader.rewrite(kept, false, false);
        assertEquals("keep-alive", kept.first("connection"));
        HeaderList closed = connection("keep-alive");
        ConnectionHeader.rewrite(closed, false, true);
        assertNull(closed.first("Connection"));
    }

    @Test
    void otherTokensSurvive() {
        HeaderList headers = connection("Upgrade, keep-alive");
        ConnectionHeader.rewrite(headers, true, true);
        assertEquals("Upgrade, close", headers.first("Connection"));
    }
}
