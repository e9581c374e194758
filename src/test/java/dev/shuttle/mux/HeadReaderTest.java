package dev.shuttle.mux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.io.InputBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeadReaderTest {
    /** Hands out its bytes in the given pieces, one piece per read, as a socket may. */
    private static final class PiecesStream extends InputStream {
        private final byte[][] pieces;
        private int next;

        PiecesStream(String... pieces) {
            this.pieces = new byte[pieces.length][];
            for (int i = 0; i < pieces.length; i++) {
                this.pieces[i] = pieces[i].getBytes(StandardCharsets.ISO_8859_1);
            }
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (next == pieces.length) {
                return -1;
            }
            byte[] piece = pieces[next++];
            System.arraycopy(piece, 0, into, offset, piece.length);
            return piece.length;
        }
    }

    private static HeadReader.Result read(String... pieces) throws IOException {
        InputBuffer input = new InputBuffer(new PiecesStream(pieces), 1024);
        return HeadReader.read(null, dev.shuttle.io.ReadReadiness.UNTRACKED, input, 0, 0, 1024, false);
    }

    @Test
    void aHeadSplitAtAnyByteIsFoundWhereItEnds() throws IOException {
        String head = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";
        String body = "x\r\n\r\nyz"; // a body that looks like the end of a head must not be taken for it
        for (int split = 1; split < head.length(); split++) {
            HeadReader.Result result = read(head.substring(0, split), head.substring(split) + body);
            assertEquals(new HeadReader.Result(HeadReader.Status.COMPLETE, head.length()), result, "split at " + split);
        }
    }

    @Test
    void aHeadArrivingByteByByteIsFoundWhereItEnds() throws IOException {
        String head = "\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n";
        String[] bytes = head.split("");
        HeadReader.Result result = read(bytes);
        // The empty line before the request line is skipped (RFC 9112 §2.2), and consumed.
        assertEquals(new HeadReader.Result(HeadReader.Status.COMPLETE, head.length() - 2), result);
    }
}
