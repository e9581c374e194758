package dev.shuttle.h2;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Writes frames as octets (RFC 9113 §6) into a caller's buffer. Shuttle sends no padding and no
 * priority fields. The connection writes under one lock, so that frames never interleave and a
 * header block's HEADERS and CONTINUATIONs go out back to back (§4.3); this class only lays out bytes.
 */
public final class FrameWriter {
    private FrameWriter() {
    }

    /** A SETTINGS frame announcing {@code values} (§6.5). */
    public static void settings(ByteBuffer out, List<Frame.SettingValue> values) {
        new FrameHeader(values.size() * 6, FrameType.SETTINGS, 0, 0).write(out);
        for (Frame.SettingValue value : values) {
            out.putShort((short) value.id()).putInt((int) value.value());
        }
    }

    /** The acknowledgement of the peer's SETTINGS (§6.5.3). */
    public static void settingsAck(ByteBuffer out) {
        new FrameHeader(0, FrameType.SETTINGS, FrameFlags.ACK, 0).write(out);
    }

    /** A PING, or its acknowledgement carrying the same eight octets (§6.7). */
    public static void ping(ByteBuffer out, boolean ack, long opaqueData) {
        new FrameHeader(8, FrameType.PING, ack ? FrameFlags.ACK : 0, 0).write(out);
        out.putLong(opaqueData);
    }

    /** GOAWAY (§6.8): the last stream this side processed or may process, why, and debug text. */
    public static void goAway(ByteBuffer out, int lastStreamId, H2ErrorCode error, byte[] debugData) {
        new FrameHeader(8 + debugData.length, FrameType.GOAWAY, 0, 0).write(out);
        out.putInt(lastStreamId).putInt(error.code()).put(debugData);
    }

    /** RST_STREAM (§6.4). */
    public static void rstStream(ByteBuffer out, int streamId, H2ErrorCode error) {
        new FrameHeader(4, FrameType.RST_STREAM, 0, streamId).write(out);
        out.putInt(error.code());
    }

    /** WINDOW_UPDATE (§6.9) for a stream, or the connection with {@code streamId} 0. */
    public static void windowUpdate(ByteBuffer out, int streamId, int increment) {
        if (increment < 1) {
            throw new IllegalArgumentException("window increment " + increment);
        }
        new FrameHeader(4, FrameType.WINDOW_UPDATE, 0, streamId).write(out);
        out.putInt(increment);
    }

    /** One DATA frame (§6.1); the caller keeps it within the peer's frame size and windows. */
    public static void data(ByteBuffer out, int streamId, byte[] data, int offset, int length, boolean endStream) {
        new FrameHeader(length, FrameType.DATA, endStream ? FrameFlags.END_STREAM : 0, streamId).write(out);
        out.put(data, offset, length);
    }

    /**
     * A header block as HEADERS then as many CONTINUATIONs as the peer's frame size requires
     * (§4.3, §6.2, §6.10); END_HEADERS on the last, END_STREAM on the HEADERS.
     */
    public static void headers(ByteBuffer out, int streamId, byte[] block, int offset, int length,
            boolean endStream, int maxFrameSize) {
        int first = Math.min(length, maxFrameSize);
        int flags = (endStream ? FrameFlags.END_STREAM : 0) | (first == length ? FrameFlags.END_HEADERS : 0);
        new FrameHeader(first, FrameType.HEADERS, flags, streamId).write(out);
        out.put(block, offset, first);
        int written = first;
        while (written < length) {
            int chunk = Math.min(length - written, maxFrameSize);
            boolean last = written + chunk == length;
            new FrameHeader(chunk, FrameType.CONTINUATION, last ? FrameFlags.END_HEADERS : 0, streamId).write(out);
            out.put(block, offset + written, chunk);
            written += chunk;
        }
    }

    /** The octets {@link #headers} takes for a block of {@code length} octets. */
    public static int headersSize(int length, int maxFrameSize) {
        int frames = Math.max(1, (length + maxFrameSize - 1) / maxFrameSize);
        return frames * FrameHeader.SIZE + length;
    }
}
