package dev.shuttle.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.h1.H1ErrorPages;
import dev.shuttle.h1.H1ErrorPages.ClientConnection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How custom messages go on the wire, each expectation captured from haproxy 2.6 serving the same message. */
class ErrorResponseTest {
    private static ErrorResponse file(String text) throws ErrorFileException {
        return ErrorResponse.parse(text.getBytes(StandardCharsets.ISO_8859_1), 16384);
    }

    private static String wire(ErrorResponse message, ClientConnection client) {
        return new String(H1ErrorPages.bytes(message, client), StandardCharsets.ISO_8859_1);
    }

    private static String wire(ErrorResponse message) {
        return wire(message, ClientConnection.HTTP11_KEEP_ALIVE);
    }

    @Test
    void namesAreLowerCasedAndTheMessagesConnectionHeaderMovesLast() throws ErrorFileException {
        ErrorResponse message = file("HTTP/1.1 403 Forbidden\r\nX-Custom: A\r\nConnection: close\r\n"
                + "Content-Type: text/plain\r\nContent-Length: 3\r\n\r\nno\n");
        assertEquals("HTTP/1.1 403 Forbidden\r\nx-custom: A\r\ncontent-type: text/plain\r\ncontent-length: 3\r\n"
                + "connection: close\r\n\r\nno\n", wire(message));
    }

    @Test
    void otherConnectionTokensStayInPlace() throws ErrorFileException {
        ErrorResponse message = file("HTTP/1.1 410 X\r\nConnection: keep-alive, foo\r\nContent-Length: 1\r\n\r\nd");
        assertEquals("HTTP/1.1 410 X\r\nconnection: foo\r\ncontent-length: 1\r\n\r\nd", wire(message));
        assertEquals("HTTP/1.1 410 X\r\nconnection: foo\r\ncontent-length: 1\r\nconnection: close\r\n\r\nd",
                wire(message, ClientConnection.HTTP10_CLOSE));
    }

    @Test
    void anHttp10MessageKeepsItsVersionAndSaysKeepAliveWhenTheConnectionPersists() throws ErrorFileException {
        ErrorResponse withLength = file("HTTP/1.0 403 X\r\nContent-Length: 1\r\n\r\na");
        assertEquals("HTTP/1.0 403 X\r\ncontent-length: 1\r\nconnection: keep-alive\r\n\r\na", wire(withLength));
        assertEquals("HTTP/1.0 403 X\r\ncontent-length: 1\r\n\r\na", wire(withLength, ClientConnection.HTTP10_CLOSE));
        assertEquals("HTTP/1.0 403 X\r\ncontent-length: 1\r\nconnection: keep-alive\r\n\r\na",
                wire(withLength, ClientConnection.HTTP10_KEEP_ALIVE));
        // Debian's /etc/haproxy/errors style: no length, so the connection closes, silently for HTTP/1.0.
        ErrorResponse classic = file("HTTP/1.0 403 Forbidden\r\nCache-Control: no-cache\r\nConnection: close\r\n"
                + "Content-Type: text/html\r\n\r\n<html>x</html>\n");
        assertEquals("HTTP/1.0 403 Forbidden\r\ncache-control: no-cache\r\ncontent-type: text/html\r\n\r\n"
                + "<html>x</html>\n", wire(classic));
    }

    @Test
    void anyOtherVersionIsSentAsHttp11() throws ErrorFileException {
        assertEquals("HTTP/1.1 404 X\r\ncontent-length: 1\r\n\r\nb",
                wire(file("HTTP/2.0 404 X\r\nContent-Length: 1\r\n\r\nb")));
        assertEquals("HTTP/1.1 405 X\r\ncontent-length: 1\r\nconnection: close\r\n\r\nc",
                wire(file("XXXXX1.1 405 X\r\nContent-Length: 1\r\n\r\nc"), ClientConnection.HTTP10_CLOSE));
    }

    @Test
    void aBodyWithoutLengthClosesTheConnection() throws ErrorFileException {
        ErrorResponse message = file("HTTP/1.1 503 Nolen\r\nX-A: 1\r\n\r\nbody-without-length");
        assertTrue(message.closesConnection());
        assertEquals("HTTP/1.1 503 Nolen\r\nx-a: 1\r\nconnection: close\r\n\r\nbody-without-length", wire(message));
        assertEquals("HTTP/1.1 503 \r\ncontent-length: 2\r\n\r\nab",
                wire(file("HTTP/1.1 503\r\nContent-Length: 2\r\n\r\nab")));
    }

    @Test
    void aRepeatedContentLengthIsSentOnce() throws ErrorFileException {
        ErrorResponse message = file("HTTP/1.1 200 X\r\nContent-Length: 2\r\nA: 1\r\nContent-Length: 2\r\n"
                + "Connection: close\r\n\r\nok");
        assertEquals("HTTP/1.1 200 X\r\ncontent-length: 2\r\na: 1\r\nconnection: close\r\n\r\nok", wire(message));
    }

    @Test
    void theStatusLineOfTheFileWinsOverTheCodeItIsFiledUnder() throws ErrorFileException {
        ErrorResponse message = file("HTTP/1.1 503 Custom Reason Here\nContent-Length: 2\nX-Ab:   spaced   \n\nab");
        assertEquals("HTTP/1.1 503 Custom Reason Here\r\ncontent-length: 2\r\nx-ab: spaced\r\n\r\nab", wire(message));
        assertEquals(503, message.head().status());
    }

    @Test
    void redirectsOfErrorloc() {
        assertEquals("HTTP/1.1 302 Found\r\ncache-control: no-cache\r\ncontent-length: 0\r\nlocation: /foo?a=b\r\n\r\n",
                wire(ErrorResponse.redirect(302, "/foo?a=b")));
        assertEquals("HTTP/1.1 303 See Other\r\ncache-control: no-cache\r\ncontent-length: 0\r\n"
                + "location: http://ex.com/x\r\n\r\n", wire(ErrorResponse.redirect(303, "http://ex.com/x")));
    }

    @Test
    void repliesComposedByHttpError() {
        ErrorResponse string = ErrorResponse.composed(429, "text/plain",
                List.of(new HeaderList.Field("X-Foo", "bar"), new HeaderList.Field("x-two", "b c")),
                "too many".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("HTTP/1.1 429 Too Many Requests\r\nx-foo: bar\r\nx-two: b c\r\ncontent-length: 8\r\n"
                + "content-type: text/plain\r\n\r\ntoo many", wire(string));
        ErrorResponse file = ErrorResponse.composed(413, "text/plain; charset=utf-8", List.of(),
                "payload from file\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("HTTP/1.1 413 Request Entity Too Large\r\ncontent-length: 18\r\n"
                + "content-type: text/plain; charset=utf-8\r\n\r\npayload from file\n", wire(file));
        assertEquals("HTTP/1.1 425 Too Early\r\ncontent-length: 0\r\n\r\n",
                wire(ErrorResponse.composed(425, null, List.of(), new byte[0])));
        assertEquals("HTTP/1.1 501 Not Implemented\r\nx-only: yes\r\ncontent-length: 0\r\n\r\n",
                wire(ErrorResponse.composed(501, null, List.of(new HeaderList.Field("X-Only", "yes")), new byte[0])));
    }

    /** The reasons haproxy 2.6 wrote for "http-error status N" without a payload. */
    @Test
    void reasonsOfComposedReplies() {
        Map<Integer, String> expected = Map.ofEntries(Map.entry(200, "OK"), Map.entry(400, "Bad Request"),
                Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"),
                Map.entry(405, "Method Not Allowed"), Map.entry(407, "Proxy Authentication Required"),
                Map.entry(408, "Request Time-out"), Map.entry(410, "Gone"), Map.entry(413, "Request Entity Too Large"),
                Map.entry(425, "Too Early"), Map.entry(429, "Too Many Requests"),
                Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"),
                Map.entry(502, "Bad Gateway or Proxy Error"), Map.entry(503, "Service Unavailable"),
                Map.entry(504, "Gateway Time-out"));
        expected.forEach((status, reason) ->
                assertEquals(reason, ErrorResponse.composed(status, null, List.of(), new byte[0]).reason()));
    }

    @Test
    void anEmptyMessageSendsNothing() {
        ErrorResponse empty = ErrorResponse.empty(408);
        assertTrue(empty.isEmpty());
        assertArrayEquals(new byte[0], H1ErrorPages.bytes(empty));
        ErrorResponses proxy = new ErrorResponses(Map.of(408, empty, 400, ErrorResponse.redirect(302, "/x")));
        assertArrayEquals(new byte[0], proxy.connectionLevelBytes(408));
        // A non-empty custom 400 does not reach the connection level in haproxy 2.6: the built-in text goes out.
        assertArrayEquals(BuiltinErrors.forStatus(400).sourceBytes(), proxy.connectionLevelBytes(400));
        assertEquals(302, proxy.forStatus(400).status());
        assertEquals(503, proxy.forStatus(503).status());
        assertTrue(proxy.custom(503).isEmpty());
    }
}
