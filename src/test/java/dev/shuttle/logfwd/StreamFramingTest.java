package dev.shuttle.logfwd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 6587 §3.4 framings on a TCP stream, also when the bytes come one at a time. */
class StreamFramingTest {
    private static List<String> frames(String stream, boolean alwaysLineFeed, boolean oneByteAtATime) throws IOException {
        byte[] bytes = stream.getBytes(StandardCharsets.ISO_8859_1);
        InputStream in = oneByteAtATime ? new InputStream() {
            private int at;

            @Override
            public int read() {
                return at < bytes.length ? bytes[at++] & 0xFF : -1;
            }
        } : new ByteArrayInputStream(bytes);
        StreamFraming framing = new StreamFraming(in, alwaysLineFeed);
        List<String> frames = new ArrayList<>();
        for (String frame = framing.next(); frame != null; frame = framing.next()) {
            frames.add(frame);
        }
        return frames;
    }

    @Test
    void octetCountingAndLineFeedsMixAsEachFrameStarts() throws IOException {
        String stream = "<13>one\n5 <1>ab<14>two\n3 x\ny";
        for (boolean slow : new boolean[] {false, true}) {
            assertEquals(List.of("<13>one", "<1>ab", "<14>two", "x\ny"), frames(stream, false, slow));
        }
    }

    @Test
    void assumeRfc6587NtfReadsDigitsAsText() throws IOException {
        assertEquals(List.of("5 <1>ab", "12 x"), frames("5 <1>ab\n12 x\n", true, false));
    }

    @Test
    void aTruncatedCountedFrameEndsTheStream() throws IOException {
        StreamFraming framing = new StreamFraming(new ByteArrayInputStream("10 short".getBytes(StandardCharsets.US_ASCII)),
                false);
        assertNull(framing.next());
    }

    @Test
    void aBrokenCountEndsTheConnection() {
        StreamFraming noSpace = new StreamFraming(new ByteArrayInputStream("12x".getBytes(StandardCharsets.US_ASCII)),
                false);
        assertThrows(IOException.class, noSpace::next);
        StreamFraming tooLong = new StreamFraming(new ByteArrayInputStream("99999999 x".getBytes(StandardCharsets.US_ASCII)),
                false);
        assertThrows(IOException.class, tooLong::next);
    }

    @Test
    void aLineBeyondTheLimitIsCut() throws IOException {
        String line = "<13>" + "x".repeat(StreamFraming.MAX_MESSAGE + 100);
        List<String> frames = frames(line + "\nnext\n", false, false);
        assertEquals(StreamFraming.MAX_MESSAGE, frames.getFirst().length());
        assertEquals("next", frames.get(1));
    }
}
