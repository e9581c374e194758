package dev.shuttle.hpack;

/**
 * Reads a header block's octets in order. A block arrives whole (HTTP/2 gathers a HEADERS frame and
 * its CONTINUATIONs before decoding, RFC 9113 §4.3), so running out of octets mid-field is an
 * error, never a wait.
 */
final class BlockReader {
    private final byte[] bytes;
    private final int end;
    private int position;

    BlockReader(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.position = offset;
        this.end = offset + length;
    }

    boolean hasMore() {
        return position < end;
    }

    /** The next octet without consuming it, as 0 to 255. */
    int peek() throws HpackException {
        if (position >= end) {
            throw new HpackException("header block ends inside a field");
        }
        return bytes[position] & 0xFF;
    }

    /** The next octet, as 0 to 255. */
    int read() throws HpackException {
        int octet = peek();
        position++;
        return octet;
    }

    /** Consumes {@code length} octets and returns where they start in {@link #array()}. */
    int skip(int length) throws HpackException {
        if (length > end - position) {
            throw new HpackException("string literal of " + length + " octets runs past the block");
        }
        int start = position;
        position += length;
        return start;
    }

    byte[] array() {
        return bytes;
    }
}
