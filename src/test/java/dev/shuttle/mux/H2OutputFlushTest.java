package dev.shuttle.mux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.h2.Frame;
import dev.shuttle.h2.H2Exception;
import dev.shuttle.hpack.HeaderField;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How frames reach the socket: buffered, one write per burst rather than per frame; a response's
 * HEADERS held for the DATA that follows at once; a body of known length ended in one DATA frame.
 */
class H2OutputFlushTest {
    /** The socket: counts the writes that reach it. */
    private static final class Socket extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int writes;

        @Override
        public void write(int b) {
            writes++;
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writes++;
            bytes.write(b, off, len);
        }
    }

    private final Socket socket = new Socket();
    private final H2Output output = new H2Output(new BufferedOutputStream(socket, 16_384));
    private static final List<HeaderField> STATUS_200 = List.of(new HeaderField(":status", "200"));

    private List<Frame> frames() throws H2Exception {
        return H2OutputTest.framesOf(socket.bytes.toByteArray());
    }

    /** {@code frame} is a DATA frame of {@code length} octets that ends its stream. */
    private static void assertEndingData(Frame frame, int length) {
        Frame.Data data = assertInstanceOf(Frame.Data.class, frame);
        assertEquals(length, data.data().length);
        assertTrue(data.endStream(), "END_STREAM");
    }

    @Test
    void aLoneWriterFlushesItsFrame() throws Exception {
        output.openStream(1);
        output.headers(1, STATUS_200, false);
        assertEquals(1, socket.writes, "nothing else is coming: the HEADERS leave at once");
    }

    @Test
    void headersFollowedAtOnceByTheirDataLeaveInOneWrite() throws Exception {
        output.openStream(1);
        output.headers(1, STATUS_200, false, true);
        assertEquals(0, socket.writes, "the HEADERS wait for the DATA announced");
        output.data(1, new byte[64], 0, 64, true, 1_000);
        assertEquals(1, socket.writes, "HEADERS and DATA in one write");
        List<Frame> frames = frames();
        assertInstanceOf(Frame.Headers.class, frames.get(0));
        assertEndingData(frames.get(1), 64);
    }

    @Test
    void aStreamClosedAfterHeldHeadersStrandsNothing() throws Exception {
        output.openStream(1);
        output.headers(1, STATUS_200, false, true);
        output.closeStream(1);
        assertEquals(1, socket.writes, "the stream's end flushes what it held");
        assertInstanceOf(Frame.Headers.class, frames().get(0));
    }

    @Test
    void closingTheConnectionFlushesAHeldFrame() throws Exception {
        output.openStream(1);
        output.headers(1, STATUS_200, false, true);
        output.close();
        assertEquals(1, socket.writes);
    }

    @Test
    void aBodyOfDeclaredLengthEndsInOneDataFrame() throws Exception {
        output.openStream(1);
        H2DataOutputStream body = new H2DataOutputStream(output, 1, 16_384, false, 1_000, 64);
        body.write(new byte[64], 0, 64);
        body.flush();
        assertEquals(0, socket.writes, "all of the body is written: the flush leaves it to the end");
        body.finish();
        List<Frame> frames = frames();
        assertEquals(1, frames.size());
        assertEndingData(frames.get(0), 64);
    }

    @Test
    void aBodyOfUnknownLengthIsSentAtEachFlush() throws Exception {
        output.openStream(1);
        H2DataOutputStream body = new H2DataOutputStream(output, 1, 16_384, false, 1_000);
        body.write(new byte[10], 0, 10);
        body.flush();
        assertEquals(1, socket.writes, "the flush sends what is pending: more may come later");
        body.finish();
        List<Frame> frames = frames();
        assertEquals(2, frames.size());
        assertFalse(((Frame.Data) frames.get(0)).endStream());
        assertEndingData(frames.get(1), 0);
    }

    @Test
    void theGrowingBufferKeepsEveryByteInOrder() throws Exception {
        output.openStream(1);
        output.peerSettings(new Frame.Settings(false, List.of(new Frame.SettingValue(4, 1 << 20))));
        output.windowUpdate(new Frame.WindowUpdate(0, 1 << 20));
        H2DataOutputStream body = new H2DataOutputStream(output, 1, 16_384, false, 1_000);
        byte[] payload = new byte[40_000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31);
        }
        for (int at = 0; at < payload.length; at += 700) {
            body.write(payload, at, Math.min(700, payload.length - at));
        }
        body.finish();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        int largest = 0;
        for (Frame frame : frames()) {
            if (frame instanceof Frame.Data data) {
                received.write(data.data());
                largest = Math.max(largest, data.data().length);
            }
        }
        assertArrayEquals(payload, received.toByteArray());
        assertEquals(16_384, largest, "the buffer grows to its full size, no further");
    }
}
