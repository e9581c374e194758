package dev.shuttle.mux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.h2.H2Request;
import dev.shuttle.h2.RequestFields;
import dev.shuttle.hpack.HeaderField;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebSocketKeyTest {
    private static H2Request extendedConnect(String protocol, HeaderField... extra) throws Exception {
        List<HeaderField> fields = new java.util.ArrayList<>(List.of(new HeaderField(":method", "CONNECT"),
                new HeaderField(":scheme", "https"), new HeaderField(":path", "/chat"),
                new HeaderField(":authority", "example.com"), new HeaderField(":protocol", protocol)));
        fields.addAll(List.of(extra));
        return RequestFields.toRequest(1, fields, true);
    }

    @Test
    void aWebSocketUpgradeWithoutKeyGetsSixteenRandomBytes() throws Exception {
        H2Request first = extendedConnect("websocket");
        H2Request second = extendedConnect("websocket");
        WebSocketKey.addIfMissing(first);
        WebSocketKey.addIfMissing(second);
        String key = first.head().headers().first("sec-websocket-key");
        assertEquals(24, key.length());
        assertEquals(16, Base64.getDecoder().decode(key).length);
        assertNotEquals(key, second.head().headers().first("sec-websocket-key"));
        assertEquals("GET", first.head().method());
        assertEquals(key, first.head().generatedWebSocketKey());
        assertEquals("websocket", first.head().headers().first("upgrade"));
    }

    @Test
    void theClientsOwnKeyIsKept() throws Exception {
        H2Request request = extendedConnect("websocket", new HeaderField("sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ=="));
        WebSocketKey.addIfMissing(request);
        assertEquals(1, request.head().headers().count("sec-websocket-key"));
        assertEquals("dGhlIHNhbXBsZSBub25jZQ==", request.head().headers().first("sec-websocket-key"));
        assertNull(request.head().generatedWebSocketKey());
    }

    @Test
    void otherProtocolsGetNoKey() throws Exception {
        H2Request request = extendedConnect("custom_protocol");
        WebSocketKey.addIfMissing(request);
        assertNull(request.head().headers().first("sec-websocket-key"));
        assertTrue(request.tunnel());
    }
}
