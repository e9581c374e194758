package dev.shuttle.h2;

import java.nio.ByteBuffer;

/**
 * The nine octets before every frame's payload (RFC 9113 §4.1): a 24-bit length, the type, the
 * flags, one reserved bit (ignored on receipt, zero when sent) and a 31-bit stream identifier.
 *
 * @param length the payload's length in octets, 0 to 2^24 - 1
 * @param type the frame type ({@link FrameType}), 0 to 255
 * @param flags the flags octet ({@link FrameFlags})
 * @param streamId the stream, 0 for the connection itself
 */
public record FrameHeader(int length, int type, int flags, int streamId) {
    /** The header's size on the wire. */
    public static final int SIZE = 9;

    /** Reads a header from the next nine octets of {@code in}. */
    public static FrameHeader read(ByteBuffer in) {
        int length = (in.get() & 0xFF) << 16 | (in.get() & 0xFF) << 8 | (in.get() & 0xFF);
        int type = in.get() & 0xFF;
        int flags = in.get() & 0xFF;
        int streamId = in.getInt() & 0x7FFF_FFFF;
        return new FrameHeader(length, type, flags, streamId);
    }

    /** Writes the header's nine octets. */
    public void write(ByteBuffer out) {
        out.put((byte) (length >>> 16)).put((byte) (length >>> 8)).put((byte) length);
        out.put((byte) type).put((byte) flags).putInt(streamId & 0x7FFF_FFFF);
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    @Override
    public String toString() {
        return FrameType.name(type) + "[stream=" + streamId + ", length=" + length
                + ", flags=0x" + Integer.toHexString(flags) + "]";
    }
}
