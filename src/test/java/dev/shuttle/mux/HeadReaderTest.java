package dev.shuttle.mux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.io.InputBuffer;
import dev.shuttle.io.ReadDeadlines;
import dev.shuttle.io.ReadReadiness;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HeadReaderTest {
    /** A watcher of this test's own, as the process makes one at start. */
    private static final ReadDeadlines DEADLINES = new ReadDeadlines();

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
            assertEquals(new HeadReader.Result(HeadReader.Status.COMPLETE, head.length()),
                    new HeadReader.Result(result.status(), result.length()), "split at " + split);
            assertTrue(result.firstByteNanos() != 0, "the first byte came after a wait: its time is known");
        }
    }

    @Test
    void aHeadArrivingByteByByteIsFoundWhereItEnds() throws IOException {
        String head = "\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n";
        String[] bytes = head.split("");
        HeadReader.Result result = read(bytes);
        // The empty line before the request line is skipped (RFC 9112 §2.2), and consumed.
        assertEquals(new HeadReader.Result(HeadReader.Status.COMPLETE, head.length() - 2),
                new HeadReader.Result(result.status(), result.length()));
    }

    /** Reads a head from a loopback socket whose peer sends {@code piece} after {@code pauseMillis}, then nothing. */
    private static TimedResult readFromPeer(long pauseMillis, String piece, long idleMillis, long headMillis,
                                            boolean totalFromStart) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket peer = new Socket(listener.getInetAddress(), listener.getLocalPort());
             Socket socket = listener.accept();
             ReadDeadlines.Watch watch = DEADLINES.register(socket)) {
            Thread sender = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(pauseMillis);
                    peer.getOutputStream().write(piece.getBytes(StandardCharsets.ISO_8859_1));
                } catch (Exception e) {
                    // the reader's assertions tell
                }
            });
            InputBuffer input = new InputBuffer(socket.getInputStream(), 1024);
            long start = System.nanoTime();
            HeadReader.Result result = HeadReader.read(watch, ReadReadiness.UNTRACKED, input, idleMillis, headMillis,
                    1024, totalFromStart);
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            sender.join();
            return new TimedResult(result.status(), elapsedMillis);
        }
    }

    private record TimedResult(HeadReader.Status status, long elapsedMillis) {}

    @Test
    void nothingWithinTheIdleTimeIsATimeoutBeforeAnyByte() throws Exception {
        TimedResult result = readFromPeer(0, "", 200, 0, false);
        assertEquals(HeadReader.Status.TIMEOUT_BEFORE_ANY_BYTE, result.status());
        assertTrue(result.elapsedMillis() >= 200, "waited " + result.elapsedMillis() + " ms");
    }

    @Test
    void theHeadTimeCountsFromItsFirstByte() throws Exception {
        // The first bytes come after 500 ms of an unbounded idle wait; the head then has 300 ms.
        TimedResult result = readFromPeer(500, "GET / HT", 0, 300, false);
        assertEquals(HeadReader.Status.TIMEOUT_IN_HEAD, result.status());
        assertTrue(result.elapsedMillis() >= 800, "timed out after " + result.elapsedMillis() + " ms");
    }

    @Test
    void theHeadTimeOfAFirstRequestCountsFromTheStart() throws Exception {
        // Counted from the start, the 2,500 ms end 1,500 ms after the first bytes; counted from them,
        // they would end 2,500 ms after, at 3,500 ms or later. The bound below is that logical one
        // (a late thread on a loaded host is later, never earlier), not a speed requirement.
        TimedResult result = readFromPeer(1000, "GET / HT", 2500, 2500, true);
        assertEquals(HeadReader.Status.TIMEOUT_IN_HEAD, result.status());
        assertTrue(result.elapsedMillis() >= 2500 && result.elapsedMillis() < 3500,
                "timed out after " + result.elapsedMillis() + " ms");
    }

    @Test
    void aHeadCompletedBeforeItsDeadlineIsRead() throws Exception {
        TimedResult result = readFromPeer(100, "GET / HTTP/1.1\r\nHost: a\r\n\r\n", 2000, 2000, true);
        assertEquals(HeadReader.Status.COMPLETE, result.status());
    }

    @Test
    void aPeerThatResetsHasClosed() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket peer = new Socket(listener.getInetAddress(), listener.getLocalPort());
             Socket socket = listener.accept();
             ReadDeadlines.Watch watch = DEADLINES.register(socket)) {
            peer.getOutputStream().write("HTTP/1.1 200".getBytes(StandardCharsets.ISO_8859_1));
            peer.setSoLinger(true, 0);
            peer.close(); // a reset, not a FIN
            InputBuffer input = new InputBuffer(socket.getInputStream(), 1024);
            HeadReader.Result result = HeadReader.read(watch, ReadReadiness.UNTRACKED, input, 2000, 2000, 1024, true);
            assertTrue(result.status() == HeadReader.Status.CLOSED_IN_HEAD
                    || result.status() == HeadReader.Status.CLOSED_BEFORE_ANY_BYTE, result.toString());
        }
    }
}
