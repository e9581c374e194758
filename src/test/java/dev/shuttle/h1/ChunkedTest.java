package dev.shuttle.h1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shuttle.http.HeaderList;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Chunked body pieces: decoding a whole body with the pure pieces, trailers, and the writer's framing. */
class ChunkedTest {

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Decodes a complete chunked body the way the mux will, with only the pure pieces. */
    static String decode(byte[] body, boolean[] sawTrailers) throws H1ParseException {
        StringBuilder data = new StringBuilder();
        int pos = 0;
        while (true) {
            int lf = H1Syntax.indexOf(body, H1Syntax.LF, pos, body.length);
            int lineEnd = lf > pos && body[lf - 1] == '\r' ? lf - 1 : lf;
            long size = ChunkSizeLine.parse(body, pos, lineEnd - pos);
            pos = lf + 1;
            if (size == 0) {
                int end = ChunkTrailers.findEnd(body, pos, body.length);
                ChunkTrailers.Trailers trailers = ChunkTrailers.parse(body, pos, end - pos, H1Settings.DEFAULTS, true);
                sawTrailers[0] = trailers.fields().size() > 0;
                assertEquals(body.length, trailers.end());
                return data.toString();
            }
            data.append(new String(body, pos, (int) size, StandardCharsets.ISO_8859_1));
            pos += (int) size;
            pos += ChunkSizeLine.dataEndLength(body, pos, body.length - pos, 400);
        }
    }

    @Test
    void rfc9112ChunkedBodyWithExtensionsAndTrailers() throws H1ParseException {
        boolean[] trailers = new boolean[1];
        assertEquals("Wikipedia in\r\n\r\nchunks.", decode(bytes(
                "4;name=value\r\nWiki\r\n5\r\npedia\r\nE;a=\"q;x\"\r\n in\r\n\r\nchunks.\r\n0\r\nExpires: never\r\n\r\n"), trailers));
        assertEquals(true, trailers[0]);
        assertEquals("abc", decode(bytes("3\nabc\n0\n\n"), trailers));
        assertEquals(false, trailers[0]);
    }

    @Test
    void missingCrlfAfterData() {
        // haproxy 2.6: "3\r\nabcX\r\n" is a 400.
        H1ParseException e = assertThrows(H1ParseException.class, () -> decode(bytes("3\r\nabcX\r\n0\r\n\r\n"), new boolean[1]));
        assertEquals(400, e.status());
        assertEquals(6, e.position());
        assertEquals(400, assertThrows(H1ParseException.class,
                () -> ChunkSizeLine.dataEndLength(bytes("\rX"), 0, 2, 400)).status());
        assertEquals(502, assertThrows(H1ParseException.class,
                () -> ChunkSizeLine.dataEndLength(bytes("X"), 0, 1, 502)).status());
    }

    @Test
    void dataEndNeedsMoreBytes() throws H1ParseException {
        assertEquals(-1, ChunkSizeLine.dataEndLength(bytes("\r"), 0, 1, 400));
        assertEquals(-1, ChunkSizeLine.dataEndLength(bytes(""), 0, 0, 400));
        assertEquals(1, ChunkSizeLine.dataEndLength(bytes("\n"), 0, 1, 400));
        assertEquals(2, ChunkSizeLine.dataEndLength(bytes("\r\n"), 0, 2, 400));
    }

    @Test
    void responseChunkErrorsAre502() {
        assertEquals(502, assertThrows(H1ParseException.class, () -> ChunkSizeLine.parse(bytes("x"), 0, 1, 502)).status());
    }

    @Test
    void trailersFollowFieldRules() throws H1ParseException {
        // haproxy 2.6: a bad name or a line without colon in trailers is a 400; obs-fold is unfolded;
        // a Content-Length trailer is forwarded.
        assertEquals(400, assertThrows(H1ParseException.class,
                () -> ChunkTrailers.parse(bytes("X T: 1\r\n\r\n"), 0, 10, H1Settings.DEFAULTS, true)).status());
        assertEquals(502, assertThrows(H1ParseException.class,
                () -> ChunkTrailers.parse(bytes("XT\r\n\r\n"), 0, 6, H1Settings.DEFAULTS, false)).status());
        byte[] folded = bytes("X-T: 1\r\n 2\r\nContent-Length: 5\r\n\r\n");
        HeaderList fields = ChunkTrailers.parse(folded, 0, folded.length, H1Settings.DEFAULTS, true).fields();
        assertEquals("1   2", fields.first("X-T"));
        assertEquals("5", fields.first("Content-Length"));
        assertEquals(2, ChunkTrailers.findEnd(bytes("\r\nnext"), 0, 6));
        assertEquals(-1, ChunkTrailers.findEnd(bytes("X: 1\r\n"), 0, 6));
    }

    @Test
    void writerFraming() throws IOException, H1ParseException {
        assertArrayEquals(bytes("A\r\n"), H1Writer.chunkHeader(10));
        assertArrayEquals(bytes("FFFFFFFFFFFFF\r\n"), H1Writer.chunkHeader(ChunkSizeLine.MAX_CHUNK_SIZE));
        assertArrayEquals(bytes("0\r\n\r\n"), H1Writer.lastChunk());
        assertArrayEquals(bytes("\r\n"), H1Writer.chunkEnd());
        HeaderList trailers = new HeaderList();
        trailers.add("Expires", "never");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        H1Writer.writeLastChunk(trailers, out);
        assertEquals("0\r\nExpires: never\r\n\r\n", out.toString(StandardCharsets.ISO_8859_1));
        byte[] header = H1Writer.chunkHeader(4096);
        assertEquals(4096, ChunkSizeLine.parse(header, 0, header.length - 2));
        assertThrows(IllegalArgumentException.class, () -> H1Writer.chunkHeader(0));
    }
}
