package dev.shuttle.mux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.h1.BodyFraming;
import dev.shuttle.http.HeaderList;
import dev.shuttle.io.InputBuffer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** option http-drop-request-trailers / http-drop-response-trailers at the codec: fields dropped, the end kept. */
class BodyForwarderTrailersTest {
    private static String forward(String body, boolean trailers) throws IOException {
        InputBuffer in = new InputBuffer(new ByteArrayInputStream(body.getBytes(StandardCharsets.ISO_8859_1)), 1024);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BodyForwarder.forward(in, BodyFraming.CHUNKED, out, BodyForwarder.Output.CHUNKED, trailers);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void trailersGoOutByDefault() throws IOException {
        assertEquals("2\r\nhi\r\n0\r\nx-t: 1\r\n\r\n", forward("2\r\nhi\r\n0\r\nx-t: 1\r\n\r\n", true));
    }

    @Test
    void droppedTrailersLeaveTheLastChunkAndItsEmptyLine() throws IOException {
        assertEquals("2\r\nhi\r\n0\r\n\r\n", forward("2\r\nhi\r\n0\r\nx-t: 1\r\nx-u: 2\r\n\r\n", false));
        assertEquals("2\r\nhi\r\n0\r\n\r\n", forward("2\r\nhi\r\n0\r\n\r\n", false));
    }

    @Test
    void payloadAloneGoesOutAndTrailerFieldsAreCollectedForAnHttp2Side() throws IOException {
        InputBuffer in = new InputBuffer(new ByteArrayInputStream(
                "2\r\nhi\r\n3\r\nyou\r\n0\r\nX-T: 1 \r\nx-u:two\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)), 1024);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HeaderList trailers = new HeaderList();
        assertEquals(5, BodyForwarder.forwardPayload(in, BodyFraming.CHUNKED, out, trailers));
        assertEquals("hiyou", out.toString(StandardCharsets.ISO_8859_1));
        assertEquals(2, trailers.size());
        assertEquals("1", trailers.first("x-t"));
        assertEquals("two", trailers.first("x-u"));
    }

    @Test
    void aLengthDelimitedBodyHasNoTrailerFields() throws IOException {
        InputBuffer in = new InputBuffer(new ByteArrayInputStream("hello".getBytes(StandardCharsets.ISO_8859_1)), 1024);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HeaderList trailers = new HeaderList();
        assertEquals(5, BodyForwarder.forwardPayload(in, new BodyFraming.Length(5), out, trailers));
        assertEquals("hello", out.toString(StandardCharsets.ISO_8859_1));
        assertEquals(0, trailers.size());
    }
}
