package dev.shuttle.mux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.h1.BodyFraming;
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
}
