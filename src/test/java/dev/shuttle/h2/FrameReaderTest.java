package dev.shuttle.h2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frames written by {@link FrameWriter} and read back, whole and one octet at a time. */
class FrameReaderTest {
    @Test
    void everyFrameTypeSurvivesTheRoundTripOneOctetAtATime() throws H2Exception {
        ByteBuffer out = ByteBuffer.allocate(4096);
        FrameWriter.settings(out, List.of(new Frame.SettingValue(3, 100), new Frame.SettingValue(4, 1 << 20)));
        FrameWriter.settingsAck(out);
        FrameWriter.ping(out, false, 0x0102030405060708L);
        FrameWriter.windowUpdate(out, 0, 1 << 20);
        FrameWriter.headers(out, 1, new byte[] {(byte) 0x82, (byte) 0x86}, 0, 2, false, 16_384);
        FrameWriter.data(out, 1, "hello".getBytes(), 0, 5, true);
        FrameWriter.rstStream(out, 3, H2ErrorCode.CANCEL);
        FrameWriter.goAway(out, 3, H2ErrorCode.NO_ERROR, "done".getBytes());
        out.flip();

        List<Frame> frames = new ArrayList<>();
        FrameReader reader = new FrameReader(16_384);
        while (out.hasRemaining()) {
            Frame frame = reader.next(ByteBuffer.wrap(new byte[] {out.get()}));
            if (frame != null) {
                frames.add(frame);
            }
        }
        assertTrue(reader.atFrameBoundary());
        assertEquals(8, frames.size());
        assertEquals(List.of(new Frame.SettingValue(3, 100), new Frame.SettingValue(4, 1 << 20)),
                ((Frame.Settings) frames.get(0)).values());
        assertTrue(((Frame.Settings) frames.get(1)).ack());
        assertEquals(0x0102030405060708L, ((Frame.Ping) frames.get(2)).opaqueData());
        assertEquals(1 << 20, ((Frame.WindowUpdate) frames.get(3)).increment());
        Frame.Headers headers = (Frame.Headers) frames.get(4);
        assertArrayEquals(new byte[] {(byte) 0x82, (byte) 0x86}, headers.blockFragment());
        assertTrue(headers.endHeaders());
        Frame.Data data = (Frame.Data) frames.get(5);
        assertArrayEquals("hello".getBytes(), data.data());
        assertTrue(data.endStream());
        assertEquals(H2ErrorCode.CANCEL, H2ErrorCode.of(((Frame.RstStream) frames.get(6)).errorCode()));
        Frame.GoAway goAway = (Frame.GoAway) frames.get(7);
        assertEquals(3, goAway.lastStreamId());
        assertArrayEquals("done".getBytes(), goAway.debugData());
    }

    @Test
    void aLargeHeaderBlockIsSplitIntoContinuations() throws H2Exception {
        byte[] block = new byte[40_000];
        Arrays.fill(block, (byte) 0x82);
        ByteBuffer out = ByteBuffer.allocate(FrameWriter.headersSize(block.length, 16_384));
        FrameWriter.headers(out, 5, block, 0, block.length, true, 16_384);
        assertEquals(out.capacity(), out.position());
        out.flip();

        FrameReader reader = new FrameReader(16_384);
        HeaderBlockAssembler assembler = new HeaderBlockAssembler(65_536, 16);
        Frame.Headers first = (Frame.Headers) reader.next(out);
        assertTrue(first.endStream());
        assertNull(assembler.start(first));
        Frame second = reader.next(out);
        assembler.checkOrder(second);
        assertNull(assembler.add((Frame.Continuation) second));
        Frame third = reader.next(out);
        assembler.checkOrder(third);
        HeaderBlockAssembler.Block whole = assembler.add((Frame.Continuation) third);
        assertArrayEquals(block, whole.bytes());
        assertEquals(5, whole.opening().streamId());
    }

    @Test
    void aFrameLongerThanTheLimitIsRefusedBeforeItsPayload() {
        FrameReader reader = new FrameReader(16_384);
        ByteBuffer header = ByteBuffer.allocate(FrameHeader.SIZE);
        new FrameHeader(16_385, FrameType.DATA, 0, 1).write(header);
        header.flip();
        H2Exception error = assertThrows(H2Exception.class, () -> reader.next(header));
        assertEquals(H2ErrorCode.FRAME_SIZE_ERROR, error.errorCode());
        assertTrue(error.isConnectionError());
    }

    @Test
    void aRaisedLimitLetsLargerFramesIn() throws H2Exception {
        FrameReader reader = new FrameReader(16_384);
        reader.setMaxFrameSize(32_768);
        ByteBuffer out = ByteBuffer.allocate(20_000 + FrameHeader.SIZE);
        FrameWriter.data(out, 1, new byte[20_000], 0, 20_000, false);
        out.flip();
        assertInstanceOf(Frame.Data.class, reader.next(out));
    }

    @Test
    void theClientPrefaceIsRecognisedFromItsStart() {
        byte[] preface = ConnectionPreface.octets();
        assertEquals(24, ConnectionPreface.LENGTH);
        assertTrue(ConnectionPreface.matches(preface, 0, preface.length));
        assertTrue(ConnectionPreface.matchesStart("PRI * HT".getBytes(), 0, 8));
        assertTrue(!ConnectionPreface.matchesStart("GET / HT".getBytes(), 0, 8));
        assertTrue(!ConnectionPreface.matches(preface, 0, 23));
    }
}
