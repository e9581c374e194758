package dev.shuttle.h2;

import static dev.shuttle.h2.Frames.bytes;
import static dev.shuttle.h2.Frames.parse;
import static dev.shuttle.h2.Frames.raw;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each frame type of RFC 9113 §6 parsed, and each rule about a single frame broken once. */
class FrameParserTest {
    @Test
    void dataWithPaddingKeepsOnlyTheData() throws H2Exception {
        Frame.Data data = (Frame.Data) parse(raw(FrameType.DATA, FrameFlags.PADDED | FrameFlags.END_STREAM, 1,
                bytes(2, 'h', 'i', 0, 0)));
        assertArrayEquals("hi".getBytes(), data.data());
        assertTrue(data.endStream());
        assertEquals(5, data.flowControlledLength(), "padding counts against the window (§6.1)");
    }

    @Test
    void dataOnStreamZeroIsAConnectionError() {
        assertConnectionError(H2ErrorCode.PROTOCOL_ERROR, raw(FrameType.DATA, 0, 0, bytes('x')));
    }

    @Test
    void paddingAsLongAsThePayloadIsAConnectionError() {
        assertConnectionError(H2ErrorCode.PROTOCOL_ERROR, raw(FrameType.DATA, FrameFlags.PADDED, 1, bytes(3, 0, 0)));
    }

    @Test
    void headersWithPaddingAndPriority() throws H2Exception {
        Frame.Headers headers = (Frame.Headers) parse(raw(FrameType.HEADERS,
                FrameFlags.PADDED | FrameFlags.PRIORITY | FrameFlags.END_HEADERS, 3,
                bytes(1, 0x80, 0, 0, 1, 15, 0x82, 0)));
        assertArrayEquals(bytes(0x82), headers.blockFragment());
        assertTrue(headers.endHeaders());
        assertFalse(headers.endStream());
        assertEquals(new Frame.PrioritySpec(true, 1, 16), headers.priority());
    }

    @Test
    void headersDependingOnThemselvesIsAStreamError() {
        H2Exception error = assertThrows(H2Exception.class, () -> parse(raw(FrameType.HEADERS,
                FrameFlags.PRIORITY | FrameFlags.END_HEADERS, 3, bytes(0, 0, 0, 3, 15, 0x82))));
        assertEquals(H2Exception.Scope.STREAM, error.scope());
        assertEquals(3, error.streamId());
    }

    @Test
    void priorityOfTheWrongLengthIsAStreamFrameSizeError() {
        H2Exception error = assertThrows(H2Exception.class,
                () -> parse(raw(FrameType.PRIORITY, 0, 5, bytes(0, 0, 0, 1))));
        assertEquals(H2ErrorCode.FRAME_SIZE_ERROR, error.errorCode());
        assertFalse(error.isConnectionError());
    }

    @Test
    void rstStreamKeepsAnUnknownCodeRaw() throws H2Exception {
        Frame.RstStream reset = (Frame.RstStream) parse(raw(FrameType.RST_STREAM, 0, 7, bytes(0, 0, 0x10, 0)));
        assertEquals(0x1000, reset.errorCode());
        assertEquals(H2ErrorCode.INTERNAL_ERROR, H2ErrorCode.of(reset.errorCode()));
        assertConnectionError(H2ErrorCode.PROTOCOL_ERROR, raw(FrameType.RST_STREAM, 0, 0, bytes(0, 0, 0, 8)));
        assertConnectionError(H2ErrorCode.FRAME_SIZE_ERROR, raw(FrameType.RST_STREAM, 0, 7, bytes(0, 0, 8)));
    }

    @Test
    void settingsInOrderWithUnknownIdentifiersKept() throws H2Exception {
        Frame.Settings settings = (Frame.Settings) parse(raw(FrameType.SETTINGS, 0, 0,
                bytes(0, 3, 0, 0, 0, 100, 0, 0x42, 0, 0, 0, 1, 0, 4, 0, 1, 0, 0)));
        assertEquals(List.of(new Frame.SettingValue(3, 100), new Frame.SettingValue(0x42, 1),
                new Frame.SettingValue(4, 65_536)), settings.values());
        assertFalse(settings.ack());
    }

    @Test
    void settingsRulesAreEnforced() {
        assertConnectionError(H2ErrorCode.PROTOCOL_ERROR, raw(FrameType.SETTINGS, 0, 1));
        assertConnectionError(H2ErrorCode.FRAME_SIZE_ERROR, raw(FrameType.SETTINGS, FrameFlags.ACK, 0, bytes(0, 3, 0, 0, 0, 1)));
        assertConnectionError(H2ErrorCode.FRAME_SIZE_ERROR, raw(FrameType.SETTINGS, 0, 0, bytes(0, 3, 0, 0, 0)));
        assertConnectionError(H2ErrorCode.PROTOCOL_ERROR, raw(FrameType.SETTINGS, 0, 0, bytes(0, 2, 0, 0, 0, 2)));
        assertConnectionError(H2ErrorCode.FLOW_CONTROL_ERROR,
                raw(FrameType.SETTINGS, 0, 0, bytes(0, 4, 0x80, 0, 0, 0)));
        assertConnectionError(H2ErrorCode.PROTOCOL_ERROR, raw(FrameType.SETTINGS, 0, 0, bytes(0, 5, 0, 0, 0x3f, 0xff)));
        assertConnectionError(H2ErrorCode.PROTOCOL_ERROR, raw(FrameType.SETTINGS, 0, 0, bytes(0, 5, 1, 0, 0, 0)));
    }

    @Test
    void pushPromiseIsRefused() {
        assertConnectionError(H2ErrorCode.PROTOCOL_ERROR, raw(FrameType.PUSH_PROMISE, FrameFlags.END_HEADERS, 1,
                bytes(0, 0, 0, 2, 0x82)));
    }

    @Test
    void pingCarriesEightOctets() throws H2Exception {
        Frame.Ping ping = (Frame.Ping) parse(raw(FrameType.PING, FrameFlags.ACK, 0, bytes(0, 0, 0, 0, 0, 0, 1, 2)));
        assertTrue(ping.ack());
        assertEquals(0x0102, ping.opaqueData());
        assertConnectionError(H2ErrorCode.FRAME_SIZE_ERROR, raw(FrameType.PING, 0, 0, bytes(1, 2, 3)));
        assertConnectionError(H2ErrorCode.PROTOCOL_ERROR, raw(FrameType.PING, 0, 1, new byte[8]));
    }

    @Test
    void goAwayWithDebugData() throws H2Exception {
        Frame.GoAway goAway = (Frame.GoAway) parse(raw(FrameType.GOAWAY, 0, 0,
                bytes(0x80, 0, 0, 5, 0, 0, 0, 0xb, 'b', 'y', 'e')));
        assertEquals(5, goAway.lastStreamId(), "the reserved bit is ignored");
        assertEquals(H2ErrorCode.ENHANCE_YOUR_CALM, H2ErrorCode.of(goAway.errorCode()));
        assertArrayEquals("bye".getBytes(), goAway.debugData());
        assertConnectionError(H2ErrorCode.FRAME_SIZE_ERROR, raw(FrameType.GOAWAY, 0, 0, bytes(0, 0, 0, 5)));
    }

    @Test
    void aZeroWindowIncrementIsAnErrorOfWhatItNames() {
        assertConnectionError(H2ErrorCode.PROTOCOL_ERROR, raw(FrameType.WINDOW_UPDATE, 0, 0, bytes(0, 0, 0, 0)));
        H2Exception onStream = assertThrows(H2Exception.class,
                () -> parse(raw(FrameType.WINDOW_UPDATE, 0, 9, bytes(0, 0, 0, 0))));
        assertEquals(H2Exception.Scope.STREAM, onStream.scope());
        assertEquals(9, onStream.streamId());
        assertConnectionError(H2ErrorCode.FRAME_SIZE_ERROR, raw(FrameType.WINDOW_UPDATE, 0, 0, bytes(0, 0, 1)));
    }

    @Test
    void windowUpdateIgnoresTheReservedBit() throws H2Exception {
        Frame.WindowUpdate update = (Frame.WindowUpdate) parse(raw(FrameType.WINDOW_UPDATE, 0, 0, bytes(0x80, 0, 1, 0)));
        assertEquals(256, update.increment());
    }

    @Test
    void continuationOnStreamZeroIsAConnectionError() {
        assertConnectionError(H2ErrorCode.PROTOCOL_ERROR, raw(FrameType.CONTINUATION, FrameFlags.END_HEADERS, 0));
    }

    @Test
    void anUnknownTypeIsKeptToBeIgnored() throws H2Exception {
        Frame frame = parse(raw(0xfa, 0xff, 3, bytes(1, 2, 3)));
        assertInstanceOf(Frame.Unknown.class, frame);
        assertEquals(3, frame.streamId());
    }

    @Test
    void theReservedBitOfTheStreamIdentifierIsIgnored() {
        byte[] frame = raw(FrameType.DATA, 0, 1, bytes('x'));
        frame[5] |= (byte) 0x80;
        assertEquals(1, FrameHeader.read(java.nio.ByteBuffer.wrap(frame)).streamId());
    }

    private static void assertConnectionError(H2ErrorCode code, byte[] frame) {
        H2Exception error = assertThrows(H2Exception.class, () -> parse(frame));
        assertEquals(code, error.errorCode(), error.getMessage());
        assertTrue(error.isConnectionError(), error.getMessage());
    }
}
