package dev.shuttle.h2;

import java.nio.ByteBuffer;

/** Builds raw frames for the tests: a header and a payload, laid out by hand. */
final class Frames {
    private Frames() {
    }

    static byte[] raw(int type, int flags, int streamId, byte... payload) {
        ByteBuffer out = ByteBuffer.allocate(FrameHeader.SIZE + payload.length);
        new FrameHeader(payload.length, type, flags, streamId).write(out);
        out.put(payload);
        return out.array();
    }

    static Frame parse(byte[] raw) throws H2Exception {
        ByteBuffer in = ByteBuffer.wrap(raw);
        return FrameParser.parse(FrameHeader.read(in), java.util.Arrays.copyOfRange(raw, FrameHeader.SIZE, raw.length));
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
