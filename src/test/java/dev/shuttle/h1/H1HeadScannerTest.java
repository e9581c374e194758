package dev.shuttle.h1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finding the end of a head, all at once and one byte at a time: the twin of every corpus case
 * must give the same verdict when its bytes arrive singly.
 */
class H1HeadScannerTest {

    static int end(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return H1HeadScanner.findHeadEnd(bytes, 0, bytes.length);
    }

    @Test
    void endings() {
        assertEquals(18, end("GET / HTTP/1.1\r\n\r\nbody"));
        assertEquals(16, end("GET / HTTP/1.1\n\nbody"));
        assertEquals(17, end("GET / HTTP/1.1\r\n\nbody"));
        assertEquals(17, end("GET / HTTP/1.1\n\r\nbody"));
        assertEquals(-1, end("GET / HTTP/1.1\r\n"));
        assertEquals(-1, end("GET / HTTP/1.1\r\n\r"));
        assertEquals(-1, end(""));
        // Empty lines before the start line are not the end of a head (RFC 9112 §2.2).
        assertEquals(-1, end("\r\n\r\n"));
        assertEquals(22, end("\r\n\r\nGET / HTTP/1.1\r\n\r\n"));
        assertEquals(-1, end("\r\n\r\nGET"));
    }

    static Stream<Corpus.Case> requests() {
        return H1CorpusTest.requests().stream();
    }

    static Stream<Corpus.Case> responses() {
        return H1CorpusTest.responses().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void requestOneByteAtATime(Corpus.Case c) {
        H1Settings settings = H1CorpusTest.requestSettings(c.settings());
        String whole = H1CorpusTest.requestVerdict(c.message(), settings);
        byte[] head = headFedOneByteAtATime(c.message());
        String trickled = head == null ? "incomplete" : H1CorpusTest.requestVerdict(head, settings);
        assertEquals(whole, trickled, c.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responses")
    void responseOneByteAtATime(Corpus.Case c) {
        String[] settings = c.settings().split("\\s+");
        H1Settings h1 = settings.length > 1 ? H1Settings.DEFAULTS.withAcceptUnsafeResponse(true) : H1Settings.DEFAULTS;
        String whole = H1CorpusTest.responseVerdict(c.message(), settings[0], h1);
        byte[] head = headFedOneByteAtATime(c.message());
        String trickled = head == null ? "incomplete" : H1CorpusTest.responseVerdict(head, settings[0], h1);
        assertEquals(whole, trickled, c.name());
    }

    @Test
    void resumingFindsTheSameEndAsAFullScan() {
        for (String text : List.of("GET / HTTP/1.1\r\nHost: a\r\n\r\n", "GET / HTTP/1.1\nHost: a\n\n",
                "\r\nGET / HTTP/1.1\r\nHost: a\r\n\nX", "HTTP/1.1 200 OK\r\n\r\n")) {
            byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
            int full = H1HeadScanner.findHeadEnd(bytes, 0, bytes.length);
            assertEquals(full, H1HeadScanner.findHeadEnd(bytes, 0, bytes.length, bytes.length - 1), text);
            byte[] head = headFedOneByteAtATime(bytes);
            assertEquals(full, head.length, text);
        }
    }

    /**
     * Feeds bytes one by one as a reader would, rescanning only from where it stopped; returns
     * the head once complete (or everything if the end never comes, as a full buffer would).
     */
    static byte[] headFedOneByteAtATime(byte[] message) {
        byte[] buffer = new byte[message.length];
        int scanned = 0;
        for (int filled = 1; filled <= message.length; filled++) {
            buffer[filled - 1] = message[filled - 1];
            int end = H1HeadScanner.findHeadEnd(buffer, 0, filled, scanned);
            if (end >= 0) {
                return java.util.Arrays.copyOf(buffer, end);
            }
            scanned = filled;
        }
        return buffer;
    }
}
