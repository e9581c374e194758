package dev.shuttle.h1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.http.HeaderList;
import dev.shuttle.http.HttpVersion;
import dev.shuttle.http.RequestHead;
import dev.shuttle.http.ResponseHead;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the writer puts on the wire. */
class H1WriterTest {

    @Test
    void requestHeadKeepsNamesAsReceived() throws IOException {
        HeaderList headers = new HeaderList();
        headers.add("host", "a");
        headers.add("X-Mixed-CASE", "v w");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        H1Writer.writeRequestHead(new RequestHead("GET", "/x?y", HttpVersion.HTTP_1_0, headers), out);
        assertEquals("GET /x?y HTTP/1.0\r\nhost: a\r\nX-Mixed-CASE: v w\r\n\r\n", out.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void responseHeadWithEmptyReasonGetsTheStandardOne() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        H1Writer.writeResponseHead(new ResponseHead(HttpVersion.HTTP_1_1, 200, "", new HeaderList()), out);
        // HAProxy 3.5 writes "HTTP/1.1 200 OK" for a server's "HTTP/1.1 200 " (2.6 kept the empty reason).
        assertEquals("HTTP/1.1 200 OK\r\n\r\n", out.toString(StandardCharsets.ISO_8859_1));
        out.reset();
        H1Writer.writeResponseHead(new ResponseHead(HttpVersion.HTTP_1_1, 299, "", new HeaderList()), out);
        assertEquals("HTTP/1.1 299 Success\r\n\r\n", out.toString(StandardCharsets.ISO_8859_1), "its class's reason");
    }

    @Test
    void bytesAboveAsciiSurviveUnchanged() throws IOException, H1ParseException {
        byte[] message = "HTTP/1.1 200 \u00c3\u00a9\r\nX: \u00ff\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        H1Response response = H1ResponseParser.parse(message, 0, message.length, "GET", H1Settings.DEFAULTS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        H1Writer.writeResponseHead(response.head(), out);
        assertEquals(new String(message, StandardCharsets.ISO_8859_1), out.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void charsAboveLatin1BecomeQuestionMarksAsIso88591EncodesThemOnePerCodePoint() throws IOException {
        HeaderList headers = new HeaderList();
        headers.add("x-price", "5 \u20ac");
        headers.add("x-mood", "\ud83d\ude00!");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        H1Writer.writeResponseHead(new ResponseHead(HttpVersion.HTTP_1_1, 599, "R\u00e9", headers), out);
        assertEquals("HTTP/1.1 599 R\u00e9\r\nx-price: 5 ?\r\nx-mood: ?!\r\n\r\n", out.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void headBytesMatchTheJdksIso88591EncoderOnEveryKindOfChar() throws IOException {
        String value = "a\u00ff\u0100\ud800x\udc00\ud83d\ude00\ud83d";
        HeaderList headers = new HeaderList();
        headers.add("x-odd", value);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        H1Writer.writeRequestHead(new RequestHead("GET", "/", HttpVersion.HTTP_1_1, headers), out);
        byte[] expected = ("GET / HTTP/1.1\r\nx-odd: " + value + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(new String(expected, StandardCharsets.ISO_8859_1), out.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void lastChunkWithTrailers() throws IOException {
        HeaderList trailers = new HeaderList();
        trailers.add("X-Sum", "1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        H1Writer.writeLastChunk(trailers, out);
        assertEquals("0\r\nX-Sum: 1\r\n\r\n", out.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void statusDigitsAsWritten() throws IOException {
        for (int status : new int[] {0, 7, 99, 100, 200, 404, 599, 1000, 12345}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            H1Writer.writeResponseHead(new ResponseHead(HttpVersion.HTTP_1_1, status, "R", new HeaderList()), out);
            assertEquals("HTTP/1.1 " + status + " R\r\n\r\n", out.toString(StandardCharsets.ISO_8859_1));
        }
    }
}
