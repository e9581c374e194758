package dev.shuttle.hpack;

import java.util.Arrays;

/** A growing byte array the encoder writes a header block into. */
public final class BlockBuffer {
    private byte[] bytes;
    private int length;

    public BlockBuffer() {
        this(256);
    }

    public BlockBuffer(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    void write(int octet) {
        ensure(1);
        bytes[length++] = (byte) octet;
    }

    void write(byte[] source, int offset, int count) {
        ensure(count);
        System.arraycopy(source, offset, bytes, length, count);
        length += count;
    }

    /** The octets written so far. */
    public int length() {
        return length;
    }

    /** The backing array; its first {@link #length()} octets are the block. */
    public byte[] array() {
        return bytes;
    }

    /** A copy of the block. */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    /** Forgets what was written, keeping the capacity. */
    public void clear() {
        length = 0;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
