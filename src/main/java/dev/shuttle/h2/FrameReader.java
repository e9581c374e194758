package dev.shuttle.h2;

import java.nio.ByteBuffer;

/**
 * Cuts a byte stream into frames, however the bytes arrive: {@link #next(ByteBuffer)} takes what it
 * can from the buffer and returns a frame once one is whole, else null (read more and call again).
 * The length is checked against this side's SETTINGS_MAX_FRAME_SIZE as soon as the nine-octet header
 * is in (§4.2), before any payload is held.
 *
 * <p>One reader per connection, used by its reading thread only.
 */
public final class FrameReader {
    private final ByteBuffer headerOctets = ByteBuffer.allocate(FrameHeader.SIZE);
    private int maxFrameSize;
    private FrameHeader header;
    private byte[] payload;
    private int payloadFilled;

    /** @param maxFrameSize the SETTINGS_MAX_FRAME_SIZE this side announced (16384 by default) */
    public FrameReader(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    /** A new limit, once the peer acknowledged the SETTINGS that announced it. */
    public void setMaxFrameSize(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    /** Whether the reader is between frames (nothing of a next frame received yet). */
    public boolean atFrameBoundary() {
        return header == null && headerOctets.position() == 0;
    }

    /**
     * The next whole frame from {@code in}, or null when {@code in} ran out first.
     *
     * @throws H2Exception a frame too long (FRAME_SIZE_ERROR, a connection error) or one {@link
     *                     FrameParser} refuses
     */
    public Frame next(ByteBuffer in) throws H2Exception {
        if (header == null) {
            while (headerOctets.hasRemaining() && in.hasRemaining()) {
                headerOctets.put(in.get());
            }
            if (headerOctets.hasRemaining()) {
                return null;
            }
            headerOctets.flip();
            header = FrameHeader.read(headerOctets);
            headerOctets.clear();
            if (header.length() > maxFrameSize) {
                throw H2Exception.connection(H2ErrorCode.FRAME_SIZE_ERROR,
                        header + " longer than SETTINGS_MAX_FRAME_SIZE " + maxFrameSize);
            }
            payload = new byte[header.length()];
            payloadFilled = 0;
        }
        int count = Math.min(in.remaining(), payload.length - payloadFilled);
        in.get(payload, payloadFilled, count);
        payloadFilled += count;
        if (payloadFilled < payload.length) {
            return null;
        }
        FrameHeader complete = header;
        byte[] completePayload = payload;
        header = null;
        payload = null;
        return FrameParser.parse(complete, completePayload);
    }
}
