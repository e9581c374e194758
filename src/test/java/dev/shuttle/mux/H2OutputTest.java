package dev.shuttle.mux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.h2.Frame;
import dev.shuttle.h2.FrameReader;
import dev.shuttle.h2.H2Exception;
import dev.shuttle.hpack.HeaderField;
import dev.shuttle.hpack.HpackDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The writing half: frames whole and in order, DATA bounded by the client's windows. */
class H2OutputTest {
    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    private final H2Output output = new H2Output(wire);

    private List<Frame> frames() throws H2Exception {
        return framesOf(wire.toByteArray());
    }

    /** The frames in {@code bytes}, in order (shared with {@link H2OutputFlushTest}). */
    static List<Frame> framesOf(byte[] bytes) throws H2Exception {
        List<Frame> frames = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        FrameReader reader = new FrameReader(1 << 20);
        Frame frame;
        while ((frame = reader.next(in)) != null) {
            frames.add(frame);
        }
        return frames;
    }

    @Test
    void dataIsCutToTheWindowAndWaitsForMore() throws Exception {
        output.openStream(1);
        output.peerSettings(new Frame.Settings(false, List.of(new Frame.SettingValue(4, 10))));
        Thread sender = Thread.ofVirtual().start(() -> {
            try {
                output.data(1, new byte[25], 0, 25, true, 5_000);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        assertTrue(sender.isAlive(), "the sender waits once the stream's 10 octets are used");
        output.windowUpdate(new Frame.WindowUpdate(1, 100));
        sender.join(5_000);
        List<Frame> frames = frames();
        assertInstanceOf(Frame.Settings.class, frames.get(0), "the acknowledgement of the client's SETTINGS");
        Frame.Data first = (Frame.Data) frames.get(1);
        Frame.Data second = (Frame.Data) frames.get(2);
        assertEquals(10, first.data().length);
        assertEquals(15, second.data().length);
        assertTrue(second.endStream());
    }

    @Test
    void aWindowThatStaysClosedTimesOut() throws Exception {
        output.openStream(1);
        output.peerSettings(new Frame.Settings(false, List.of(new Frame.SettingValue(4, 0))));
        assertThrows(SocketTimeoutException.class, () -> output.data(1, new byte[5], 0, 5, true, 100));
    }

    @Test
    void headersAreEncodedInOrderForTheClientsDecoder() throws Exception {
        output.openStream(1);
        output.openStream(3);
        output.headers(1, List.of(new HeaderField(":status", "200"), new HeaderField("x-a", "1")), false);
        output.headers(3, List.of(new HeaderField(":status", "404"), new HeaderField("x-a", "1")), true);
        HpackDecoder decoder = new HpackDecoder(4096, Long.MAX_VALUE);
        List<Frame> frames = frames();
        Frame.Headers first = (Frame.Headers) frames.get(0);
        Frame.Headers second = (Frame.Headers) frames.get(1);
        assertEquals("200", decoder.decode(first.blockFragment()).fields().get(0).value());
        assertEquals(List.of(new HeaderField(":status", "404"), new HeaderField("x-a", "1")),
                decoder.decode(second.blockFragment()).fields(), "the second block indexes what the first added");
        assertTrue(second.endStream());
    }

    @Test
    void aClosedConnectionFailsWaitingWriters() {
        output.openStream(1);
        output.close();
        assertThrows(IOException.class, () -> output.data(1, new byte[1], 0, 1, true, 0));
    }
}
