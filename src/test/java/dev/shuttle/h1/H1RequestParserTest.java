package dev.shuttle.h1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.http.HttpVersion;
import dev.shuttle.http.RequestTarget;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ordinary requests, and what the parser normalises on the way (checked against haproxy 2.6's forwarded bytes). */
class H1RequestParserTest {

    static H1Request parse(String message) throws H1ParseException {
        return parse(message, H1Settings.DEFAULTS);
    }

    static H1Request parse(String message, H1Settings settings) throws H1ParseException {
        byte[] bytes = message.getBytes(StandardCharsets.ISO_8859_1);
        return H1RequestParser.parse(bytes, 0, bytes.length, settings);
    }

    @Test
    void rfc9112ExampleGet() throws H1ParseException {
        // RFC 9112 §2.1 (after RFC 9110 §6.1).
        H1Request request = parse("GET /hello.txt HTTP/1.1\r\nUser-Agent: curl/7.64.1\r\nHost: www.example.com\r\n"
                + "Accept-Language: en, mi\r\n\r\n");
        assertEquals("GET", request.head().method());
        assertEquals("/hello.txt", request.head().target());
        assertEquals(HttpVersion.HTTP_1_1, request.head().version());
        assertEquals("www.example.com", request.head().headers().first("host"));
        assertEquals("en, mi", request.head().headers().first("Accept-Language"));
        assertEquals(BodyFraming.NONE, request.framing());
        assertEquals(new RequestTarget(RequestTarget.Form.ORIGIN, null, null, "/hello.txt", null), request.target());
    }

    @Test
    void postWithContentLength() throws H1ParseException {
        H1Request request = parse("POST /form?x=1 HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\nhello world");
        assertEquals(new BodyFraming.Length(11), request.framing());
        assertEquals("/form", request.target().path());
        assertEquals("x=1", request.target().query());
    }

    @Test
    void chunkedPost() throws H1ParseException {
        H1Request request = parse("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n");
        assertEquals(BodyFraming.CHUNKED, request.framing());
        assertTrue(request.flags().isEmpty());
    }

    @Test
    void contentLengthAndChunkedDropsContentLength() throws H1ParseException {
        H1Request request = parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n");
        assertEquals(BodyFraming.CHUNKED, request.framing());
        assertTrue(request.flags().contains(H1Flag.CLOSE_SERVER_AFTER));
        assertEquals(List.of(), request.head().headers().all("Content-Length"));
    }

    @Test
    void repeatedContentLengthBecomesOneField() throws H1ParseException {
        H1Request request = parse("POST / HTTP/1.1\r\nHost: a\r\ncontent-length: 3\r\nContent-Length: 03, 3\r\n\r\n");
        assertEquals(List.of("3"), request.head().headers().all("Content-Length"));
        assertEquals("content-length", request.head().headers().get(1).name());
    }

    @Test
    void repeatedHostBecomesOneField() throws H1ParseException {
        H1Request request = parse("GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\nhost: A\r\n\r\n");
        assertEquals(List.of("a"), request.head().headers().all("Host"));
        assertEquals(2, request.head().headers().size());
    }

    @Test
    void obsFoldIsUnfoldedAsHaproxyDoes() throws H1ParseException {
        // haproxy 2.6 forwarded "x-a: b   c" (CR, LF and the SP each became a space).
        assertEquals("b   c", parse("GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n c\r\n\r\n").head().headers().first("X-A"));
        assertEquals("b  c", parse("GET / HTTP/1.1\nHost: a\nX-A: b\n c\n\n").head().headers().first("X-A"));
        assertEquals("3", parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length:\r\n 3\r\n\r\n").head().headers()
                .first("Content-Length"));
    }

    @Test
    void whitespaceInRequestLineIsNormalised() throws H1ParseException {
        H1Request request = parse("GET \t /x   HTTP/1.1\r\nHost: a\r\n\r\n");
        assertEquals("GET /x HTTP/1.1", request.head().requestLine());
    }

    @Test
    void http2VersionIsForwardedAsHttp11() throws H1ParseException {
        assertEquals(HttpVersion.HTTP_1_1, parse("GET / HTTP/2.0\r\nHost: a\r\n\r\n").head().version());
        assertEquals(HttpVersion.HTTP_1_0, parse("GET / HTTP/0.9\r\nHost: a\r\n\r\n").head().version());
    }

    @Test
    void connectTargetsAuthorityAndHasNoBody() throws H1ParseException {
        H1Request request = parse("CONNECT server.example.com:80 HTTP/1.1\r\nHost: server.example.com:80\r\n"
                + "Content-Length: 3\r\n\r\n");
        assertEquals(RequestTarget.Form.AUTHORITY, request.target().form());
        assertEquals("server.example.com:80", request.target().authority());
        assertEquals(BodyFraming.NONE, request.framing());
        assertNull(request.head().headers().first("Content-Length"));
    }

    @Test
    void optionsAsterisk() throws H1ParseException {
        H1Request request = parse("OPTIONS * HTTP/1.1\r\nHost: www.example.org:8001\r\n\r\n");
        assertEquals(RequestTarget.Form.ASTERISK, request.target().form());
    }

    @Test
    void absoluteForm() throws H1ParseException {
        H1Request request = parse("GET http://www.example.org/pub/WWW/TheProject.html?a=b HTTP/1.1\r\n"
                + "Host: www.example.org\r\n\r\n");
        assertEquals(new RequestTarget(RequestTarget.Form.ABSOLUTE, "http", "www.example.org", "/pub/WWW/TheProject.html",
                "a=b"), request.target());
        assertEquals(new RequestTarget(RequestTarget.Form.ABSOLUTE, "http", "u@[::1]:8080", "", null),
                parse("GET http://u@[::1]:8080 HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n").target());
    }

    @Test
    void websocketUpgrade() throws H1ParseException {
        // RFC 6455 §1.2 handshake.
        H1Request request = parse("GET /chat HTTP/1.1\r\nHost: server.example.com\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Origin: http://example.com\r\nSec-WebSocket-Protocol: chat, superchat\r\nSec-WebSocket-Version: 13\r\n\r\n");
        assertEquals(EnumSet.of(H1Flag.CONNECTION_UPGRADE, H1Flag.UPGRADE, H1Flag.WEBSOCKET), request.flags());
    }

    @Test
    void connectionAndExpectFlags() throws H1ParseException {
        assertEquals(EnumSet.of(H1Flag.CONNECTION_CLOSE),
                parse("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n").flags());
        assertEquals(EnumSet.of(H1Flag.CONNECTION_KEEP_ALIVE),
                parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").flags());
        assertEquals(EnumSet.of(H1Flag.EXPECT_CONTINUE),
                parse("PUT / HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\nContent-Length: 3\r\n\r\n").flags());
        // RFC 9110 §10.1.1: ignored in HTTP/1.0.
        assertEquals(EnumSet.noneOf(H1Flag.class),
                parse("PUT / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n").flags());
    }

    @Test
    void payloadInHttp10GetAllowedBySetting() throws H1ParseException {
        String get = "GET / HTTP/1.0\r\nContent-Length: 3\r\n\r\nabc";
        assertEquals(413, assertThrows(H1ParseException.class, () -> parse(get)).status());
        assertEquals(new BodyFraming.Length(3), parse(get, H1Settings.DEFAULTS.withAcceptPayloadWithAnyMethod(true)).framing());
    }

    @Test
    void maxHeadersCountsTheRequestLine() throws H1ParseException {
        // haproxy 2.6 with tune.http.maxhdr 101: 100 fields pass, 101 get a 400.
        assertEquals(100, parse(withFields(100)).head().headers().size());
        H1ParseException e = assertThrows(H1ParseException.class, () -> parse(withFields(101)));
        assertEquals(400, e.status());
        assertEquals(5, parse(withFields(5), H1Settings.DEFAULTS.withMaxHeaders(6)).head().headers().size());
        assertThrows(H1ParseException.class, () -> parse(withFields(6), H1Settings.DEFAULTS.withMaxHeaders(6)));
    }

    @Test
    void headLargerThanBufferMinusRewriteIsRefused() throws H1ParseException {
        // haproxy refuses a 15300-byte head (its limit is ~15250 with HTX overhead): ours is 15360.
        // HAProxy 3.x answers 431 to a whole head that does not fit (2.6 answered 400).
        assertEquals(1, parse(ofSize(15360)).head().headers().count("X-P"));
        H1ParseException e = assertThrows(H1ParseException.class, () -> parse(ofSize(15361)));
        assertEquals(431, e.status());
        assertEquals("head too large", e.reason());
        // A long target is fine as long as the head fits (haproxy 2.6 took a 15000-byte URI).
        assertEquals(15001, parse("GET /" + "a".repeat(15000) + " HTTP/1.1\r\nHost: a\r\n\r\n").head().target().length());
    }

    @Test
    void framingFieldsAreSentInTheirPlainSpelling() throws H1ParseException {
        // HAProxy 3.5 forwards "content-length: 5" for "005" and "chunked" for "CHUNKED" (difftest).
        assertEquals("5", parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 005\r\n\r\n").head().headers()
                .first("Content-Length"));
        assertEquals("0", parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 00\r\n\r\n").head().headers()
                .first("Content-Length"));
        assertEquals("chunked", parse("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: CHUNKED\r\n\r\n").head()
                .headers().first("Transfer-Encoding"));
    }

    @Test
    void targetFormsFollowTheirMethods() throws H1ParseException {
        // RFC 9112 §3.2.3-3.2.4 as HAProxy 3.5 enforces them.
        assertEquals(400, refusal("GET * HTTP/1.1\r\nHost: a\r\n\r\n"));
        assertEquals("*", parse("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n").head().target());
        assertEquals("*", parse("FOO * HTTP/1.1\r\nHost: a\r\n\r\n").head().target());
        assertEquals(400, refusal("GET a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n"));
        assertEquals(400, refusal("GET urn:x HTTP/1.1\r\nHost: a\r\n\r\n"));
        assertEquals(400, refusal("CONNECT http://a:443/ HTTP/1.1\r\nHost: a:443\r\n\r\n"));
        assertEquals(400, refusal("GET http:///x HTTP/1.1\r\nHost: a\r\n\r\n"));
    }

    @Test
    void authorityCharactersAreChecked() throws H1ParseException {
        assertEquals(400, refusal("GET / HTTP/1.1\r\nHost: a b\r\n\r\n"));
        assertEquals(400, refusal("GET http://a,b/ HTTP/1.1\r\nHost: a,b\r\n\r\n"));
        assertEquals("[::1]:80", parse("GET / HTTP/1.1\r\nHost: [::1]:80\r\n\r\n").head().headers().first("Host"));
        // The target's authority is let through in unsafe mode (Host never is).
        H1Settings unsafe = H1Settings.DEFAULTS.withAcceptUnsafeRequest(true);
        assertTrue(parse("GET http://a,b/ HTTP/1.1\r\n\r\n", unsafe).flags()
                .contains(H1Flag.UNSAFE_ACCEPTED));
    }

    @Test
    void emptyTransferCodingsAreRefused() {
        for (String value : new String[] {",chunked", "chunked,", "gzip,,chunked", "", "chunked, "}) {
            assertEquals(400, refusal("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: " + value + "\r\n\r\n"), value);
        }
        assertEquals(422, refusal("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"));
    }

    private static int refusal(String message) {
        return assertThrows(H1ParseException.class, () -> parse(message)).status();
    }

    @Test
    void incompleteHeadIsRefused() {
        H1ParseException e = assertThrows(H1ParseException.class, () -> parse("GET / HTTP/1.1\r\nHost: a\r\n"));
        assertEquals("incomplete head", e.reason());
    }

    @Test
    void errorPositionPointsAtTheOffendingByte() {
        H1ParseException e = assertThrows(H1ParseException.class, () -> parse("GET / HTTP/1.1\r\nHost: a\r\nX A: b\r\n\r\n"));
        assertEquals(400, e.status());
        assertEquals(26, e.position());
        e = assertThrows(H1ParseException.class, () -> parse("GET /\u0001 HTTP/1.1\r\n\r\n"));
        assertEquals(5, e.position());
        // A line without colon: the first byte that cannot be in a name, else its end (HAProxy 3.5's positions).
        e = assertThrows(H1ParseException.class, () -> parse("GET / HTTP/1.1\r\nHost: a\r\nba d\r\n\r\n"));
        assertEquals(27, e.position());
        e = assertThrows(H1ParseException.class, () -> parse("GET / HTTP/1.1\r\nHost: a\r\nbad\r\n\r\n"));
        assertEquals(28, e.position());
    }

    @Test
    void aFieldNamedByAnErrorIsFoundPastFoldedLines() {
        // Two different lengths: the error names the first Content-Length line, the third field, whose
        // line comes after a fold (a line of the second field, not a field of its own).
        String head = "GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\n 2\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n";
        H1ParseException e = assertThrows(H1ParseException.class, () -> parse(head));
        assertEquals(400, e.status());
        assertEquals(head.indexOf("Content-Length"), e.position());
    }

    @Test
    void parsesAtAnOffset() throws H1ParseException {
        byte[] bytes = "garbageGET / HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals("a", H1RequestParser.parse(bytes, 7, bytes.length - 7, H1Settings.DEFAULTS).head().headers().first("Host"));
    }

    static String withFields(int count) {
        StringBuilder message = new StringBuilder("GET / HTTP/1.1\r\nHost: a\r\n");
        for (int i = 1; i < count; i++) {
            message.append("X-").append(i).append(": v\r\n");
        }
        return message.append("\r\n").toString();
    }

    static String ofSize(int total) {
        String base = "GET / HTTP/1.1\r\nHost: a\r\nX-P: \r\n\r\n";
        return "GET / HTTP/1.1\r\nHost: a\r\nX-P: " + "p".repeat(total - base.length()) + "\r\n\r\n";
    }
}
