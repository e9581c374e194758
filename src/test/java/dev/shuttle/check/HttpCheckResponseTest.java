package dev.shuttle.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.shuttle.check.HttpCheckResponse.Parse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpCheckResponseTest {
    private static Parse parse(String text, boolean closed) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return HttpCheckResponse.parse(bytes, bytes.length, closed);
    }

    private static HttpCheckResponse parsed(String text, boolean closed) {
        return assertInstanceOf(Parse.Parsed.class, parse(text, closed)).response();
    }

    @Test
    void aResponseWithContentLengthIsWholeOnceItsBodyArrived() {
        HttpCheckResponse response = parsed("HTTP/1.1 404 Not Found\r\ncontent-length: 3\r\n\r\nabc", false);
        assertEquals(404, response.status());
        assertEquals("Not Found", response.reason());
        assertEquals("abc", response.bodyText());
        assertInstanceOf(Parse.Incomplete.class, parse("HTTP/1.1 200 OK\r\ncontent-length: 3\r\n\r\nab", false));
    }

    @Test
    void withoutALengthTheBodyEndsWithTheConnection() {
        assertInstanceOf(Parse.Incomplete.class, parse("HTTP/1.0 200 OK\r\n\r\nhello", false));
        assertEquals("hello world", parsed("HTTP/1.0 200 OK\r\n\r\nhello world", true).bodyText());
    }

    @Test
    void aChunkedBodyIsDechunked() {
        String text = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;x=y\r\n world\r\n0\r\n\r\n";
        assertEquals("hello world", parsed(text, false).bodyText());
        assertInstanceOf(Parse.Incomplete.class, parse(text.substring(0, text.length() - 7), false));
    }

    @Test
    void anEmptyReasonPhraseAndABodylessStatus() {
        HttpCheckResponse response = parsed("HTTP/1.1 204\r\n\r\n", false);
        assertEquals(204, response.status());
        assertEquals("", response.reason());
    }

    @Test
    void bytesThatAreNotHttpAreInvalid() {
        assertInstanceOf(Parse.Invalid.class, parse("hello world\r\n", false));
        assertInstanceOf(Parse.Invalid.class, parse("HTTP/1.1 2xx OK\r\n\r\n", false));
        assertInstanceOf(Parse.Invalid.class, parse("HTTP/1.1 200 OK\r\nno colon\r\n\r\n", false));
        assertInstanceOf(Parse.Invalid.class, parse("HTTP/1.1 200 OK\r\n", true));
    }

    @Test
    void oneByteAtATimeGivesTheSameResponse() {
        byte[] all = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\n\r\ndown".getBytes(StandardCharsets.ISO_8859_1);
        for (int length = 0; length < all.length; length++) {
            Parse partial = HttpCheckResponse.parse(all, length, false);
            assertInstanceOf(Parse.Incomplete.class, partial, "at " + length);
        }
        HttpCheckResponse response = assertInstanceOf(Parse.Parsed.class,
                HttpCheckResponse.parse(all, all.length, false)).response();
        assertEquals(503, response.status());
        assertEquals("down", response.bodyText());
    }
}
