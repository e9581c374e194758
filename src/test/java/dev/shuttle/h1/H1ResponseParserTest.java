package dev.shuttle.h1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Ordinary responses and their framing (RFC 9112 §6.3). */
class H1ResponseParserTest {

    static H1Response parse(String message, String method) throws H1ParseException {
        byte[] bytes = message.getBytes(StandardCharsets.ISO_8859_1);
        return H1ResponseParser.parse(bytes, 0, bytes.length, method, H1Settings.DEFAULTS);
    }

    @Test
    void statusLine() throws H1ParseException {
        H1Response response = parse("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n", "GET");
        assertEquals(HttpVersion.HTTP_1_1, response.head().version());
        assertEquals(404, response.head().status());
        assertEquals("Not Found", response.head().reason());
        assertEquals(new BodyFraming.Length(0), response.framing());
    }

    @Test
    void emptyReason() throws H1ParseException {
        assertEquals("", parse("HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n", "GET").head().reason());
    }

    @Test
    void framingByStatusAndMethod() throws H1ParseException {
        assertEquals(BodyFraming.NONE, parse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", "HEAD").framing());
        assertEquals(BodyFraming.NONE, parse("HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n", "GET").framing());
        assertEquals(BodyFraming.NONE, parse("HTTP/1.1 100 Continue\r\n\r\n", "POST").framing());
        assertEquals(BodyFraming.TUNNEL, parse("HTTP/1.1 200 Connection established\r\n\r\n", "CONNECT").framing());
        assertEquals(BodyFraming.UNTIL_CLOSE, parse("HTTP/1.0 200 OK\r\n\r\n", "GET").framing());
        assertEquals(BodyFraming.CHUNKED, parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", "GET").framing());
    }

    @Test
    void noContentLosesItsFramingFields() throws H1ParseException {
        H1Response response = parse("HTTP/1.1 204 No Content\r\nContent-Length: 2\r\n\r\n", "GET");
        assertEquals(BodyFraming.NONE, response.framing());
        assertNull(response.head().headers().first("Content-Length"));
    }

    @Test
    void switchingProtocols() throws H1ParseException {
        H1Response response = parse("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n", "GET");
        assertEquals(BodyFraming.TUNNEL, response.framing());
        assertTrue(response.flags().contains(H1Flag.WEBSOCKET));
    }

    @Test
    void errorsAre502() {
        H1ParseException e = assertThrows(H1ParseException.class,
                () -> parse("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", "GET"));
        assertEquals(502, e.status());
        assertEquals(17, e.position());
    }

    @Test
    void tooManyHeaders() throws H1ParseException {
        String fields = "X: 1\r\n".repeat(100);
        assertEquals(100, parse("HTTP/1.1 200 OK\r\n" + fields + "\r\n", "GET").head().headers().size());
        assertEquals(502, assertThrows(H1ParseException.class,
                () -> parse("HTTP/1.1 200 OK\r\n" + fields + "X: 1\r\n\r\n", "GET")).status());
    }
}
