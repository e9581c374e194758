package dev.shuttle.h1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 6455 §4.2.2: a WebSocket answer's Sec-WebSocket-Accept, checked as HAProxy 3.5's HTTP/1 side does. */
class WebSocketResponseTest {
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final String UPGRADE = "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n";
    private static final H1Settings UNSAFE = new H1Settings(101, 16384, 1024, false, true, false);

    private static H1Response parse(String message, H1Settings settings, String expectedAccept) throws H1ParseException {
        byte[] bytes = message.getBytes(StandardCharsets.ISO_8859_1);
        return H1ResponseParser.parse(bytes, 0, bytes.length, "GET", settings, expectedAccept);
    }

    @Test
    void theRfcExampleKeyGivesTheRfcExampleAccept() {
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WebSocketAccept.of(KEY));
    }

    @Test
    void anAnswerWithoutAcceptIsRefusedWithA502() {
        H1ParseException e = assertThrows(H1ParseException.class, () -> parse(UPGRADE + "\r\n", H1Settings.DEFAULTS, null));
        assertEquals(502, e.status());
    }

    @Test
    void anyAcceptWillDoWhenTheClientMadeTheKey() throws H1ParseException {
        H1Response response = parse(UPGRADE + "Sec-WebSocket-Accept: AAAA\r\n\r\n", H1Settings.DEFAULTS, null);
        assertEquals(BodyFraming.TUNNEL, response.framing());
        assertFalse(response.flags().contains(H1Flag.UNSAFE_ACCEPTED));
    }

    @Test
    void theProxysKeyNeedsItsOwnAcceptIgnoringCase() throws H1ParseException {
        String expected = WebSocketAccept.of(KEY);
        assertEquals(BodyFraming.TUNNEL, parse(UPGRADE + "Sec-WebSocket-Accept: " + expected + "\r\n\r\n",
                H1Settings.DEFAULTS, expected).framing());
        assertEquals(BodyFraming.TUNNEL, parse(UPGRADE + "Sec-WebSocket-Accept: " + expected.toLowerCase() + "\r\n\r\n",
                H1Settings.DEFAULTS, expected).framing());
        H1ParseException e = assertThrows(H1ParseException.class, () -> parse(
                UPGRADE + "Sec-WebSocket-Accept: AAAAAAAAAAAAAAAAAAAAAAAAAAA=\r\n\r\n", H1Settings.DEFAULTS, expected));
        assertEquals(502, e.status());
    }

    @Test
    void unsafeModeLetsABadAnswerThroughAndSaysSo() throws H1ParseException {
        H1Response response = parse(UPGRADE + "\r\n", UNSAFE, WebSocketAccept.of(KEY));
        assertEquals(BodyFraming.TUNNEL, response.framing());
        assertTrue(response.flags().contains(H1Flag.UNSAFE_ACCEPTED));
    }

    @Test
    void anUpgradeToAnotherProtocolNeedsNoAccept() throws H1ParseException {
        H1Response response = parse("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n",
                H1Settings.DEFAULTS, null);
        assertEquals(BodyFraming.TUNNEL, response.framing());
    }
}
