package dev.shuttle.mux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shuttle.h1.BodyFraming;
import dev.shuttle.io.InputBuffer;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BodyForwarderTest {
    private static String forward(String wire, BodyFraming framing, BodyForwarder.Output output, int bufferSize)
            throws IOException {
        InputBuffer in = new InputBuffer(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)), bufferSize);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BodyForwarder.forward(in, framing, out, output);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aLengthBodyIsCopiedExactlyAndWhatFollowsStaysUnread() throws IOException {
        InputBuffer in = new InputBuffer(new ByteArrayInputStream("helloGET /next".getBytes()), 64);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(5, BodyForwarder.forward(in, new BodyFraming.Length(5), out, BodyForwarder.Output.LENGTH));
        assertEquals("hello", out.toString());
        assertEquals(9, in.buffered());
    }

    @Test
    void chunksAreRewrittenCanonicallyWithoutExtensions() throws IOException {
        String wire = "5;name=value\r\nhello\r\n00a\r\n0123456789\r\n0\r\n\r\n";
        assertEquals("5\r\nhello\r\na\r\n0123456789\r\n0\r\n\r\n",
                forward(wire, BodyFraming.CHUNKED, BodyForwarder.Output.CHUNKED, 64));
    }

    @Test
    void trailersAreForwardedAfterTheLastChunk() throws IOException {
        String wire = "3\r\nabc\r\n0\r\nx-checksum: 42\r\n\r\n";
        assertEquals("3\r\nabc\r\n0\r\nx-checksum: 42\r\n\r\n",
                forward(wire, BodyFraming.CHUNKED, BodyForwarder.Output.CHUNKED, 64));
    }

    @Test
    void aChunkedBodyGoesToAnHttp10PeerAsRawBytes() throws IOException {
        assertEquals("abcdef", forward("3\r\nabc\r\n3\r\ndef\r\n0\r\nx: y\r\n\r\n", BodyFraming.CHUNKED,
                BodyForwarder.Output.UNTIL_CLOSE, 64));
    }

    @Test
    void aCloseDelimitedBodyIsChunkedForAPersistentPeer() throws IOException {
        String out = forward("x".repeat(100), BodyFraming.UNTIL_CLOSE, BodyForwarder.Output.CHUNKED, 64);
        // Chunks follow the reads (at most one buffer each), and a last chunk ends the body.
        assertEquals("x".repeat(100), dechunk(out));
        assertEquals(true, out.endsWith("0\r\n\r\n"));
    }

    @Test
    void aLengthBodyCanBeChunked() throws IOException {
        assertEquals("4\r\nbody\r\n0\r\n\r\n", forward("body", new BodyFraming.Length(4),
                BodyForwarder.Output.CHUNKED, 64));
    }

    @Test
    void chunkDataWithoutItsCrlfIsABodyError() {
        assertThrows(BodyForwarder.BodyException.class, () ->
                forward("3\r\nabcX\r\n0\r\n\r\n", BodyFraming.CHUNKED, BodyForwarder.Output.CHUNKED, 64));
    }

    @Test
    void aBadChunkSizeIsABodyError() {
        assertThrows(BodyForwarder.BodyException.class, () ->
                forward("zz\r\nabc\r\n0\r\n\r\n", BodyFraming.CHUNKED, BodyForwarder.Output.CHUNKED, 64));
    }

    @Test
    void aTruncatedBodyIsAnEndOfStream() {
        assertThrows(EOFException.class, () ->
                forward("abc", new BodyFraming.Length(10), BodyForwarder.Output.LENGTH, 64));
        assertThrows(EOFException.class, () ->
                forward("a\r\n0123", BodyFraming.CHUNKED, BodyForwarder.Output.CHUNKED, 64));
    }

    @Test
    void chunksLargerThanTheBufferStream() throws IOException {
        String data = "y".repeat(1000);
        String wire = Integer.toHexString(1000) + "\r\n" + data + "\r\n0\r\n\r\n";
        assertEquals(data, forward(wire, BodyFraming.CHUNKED, BodyForwarder.Output.UNTIL_CLOSE, 32));
    }

    private static String dechunk(String chunked) {
        StringBuilder data = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd), 16);
            if (size == 0) {
                return data.toString();
            }
            data.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }

    /** A peer that sends its body in pieces, noting what the other side had received each time it waited. */
    private static final class PiecewisePeer extends InputStream {
        private final String[] pieces;
        private final ByteArrayOutputStream delivered;
        final List<String> deliveredAtEachWait = new ArrayList<>();
        private int next;

        PiecewisePeer(ByteArrayOutputStream delivered, String... pieces) {
            this.delivered = delivered;
            this.pieces = pieces;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (next > 0) {
                deliveredAtEachWait.add(delivered.toString(StandardCharsets.ISO_8859_1));
            }
            if (next == pieces.length) {
                return -1;
            }
            byte[] piece = pieces[next++].getBytes(StandardCharsets.ISO_8859_1);
            System.arraycopy(piece, 0, into, offset, piece.length);
            return piece.length;
        }
    }

    @Test
    void aChunkedBodyIsForwardedAsItArrivesNotHeldUntilItsEnd() throws IOException {
        ByteArrayOutputStream delivered = new ByteArrayOutputStream();
        PiecewisePeer peer = new PiecewisePeer(delivered, "3\r\nabc\r\n", "4\r\ndefg\r\n", "0\r\n\r\n");
        // A buffered output, as a connection's is: only a flush delivers.
        BufferedOutputStream out = new BufferedOutputStream(delivered, 1024);
        BodyForwarder.forward(new InputBuffer(peer, 64), BodyFraming.CHUNKED, out, BodyForwarder.Output.CHUNKED);
        assertEquals(List.of("3\r\nabc\r\n", "3\r\nabc\r\n4\r\ndefg\r\n"), peer.deliveredAtEachWait);
        assertEquals("3\r\nabc\r\n4\r\ndefg\r\n0\r\n\r\n", delivered.toString(StandardCharsets.ISO_8859_1));
    }
}
