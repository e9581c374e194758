package dev.shuttle.check;

import dev.shuttle.sample.ContentBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * What a tcp-check connection received since its last send, up to one buffer
 * ({@link HttpProbe#MAX_RESPONSE}): the bytes its {@code expect} rules match and its
 * {@code res.payload} fetches read (configuration.txt §4, "tcp-check expect"). Owned by the
 * check's thread.
 */
final class ReceivedBytes implements ContentBuffer {
    private byte[] data = new byte[1024];
    private int length;
    private boolean closed;

    @Override
    public int length() {
        return length;
    }

    @Override
    public int byteAt(int index) {
        return data[index] & 0xff;
    }

    @Override
    public byte[] copy(int offset, int count) {
        return Arrays.copyOfRange(data, offset, offset + count);
    }

    /** A check judges what it has: its fetches never wait for more. */
    @Override
    public boolean isFinal() {
        return true;
    }

    byte[] bytes() {
        return Arrays.copyOf(data, length);
    }

    boolean full() {
        return length == HttpProbe.MAX_RESPONSE;
    }

    /** Whether the server closed its side: no more bytes will come. */
    boolean closed() {
        return closed;
    }

    void reset() {
        length = 0;
    }

    /** Reads once; notes the end of the stream. */
    void readFrom(InputStream in) throws IOException {
        if (length == data.length) {
            data = Arrays.copyOf(data, Math.min(data.length * 2, HttpProbe.MAX_RESPONSE));
        }
        int read = in.read(data, length, data.length - length);
        if (read < 0) {
            closed = true;
        } else {
            length += read;
        }
    }
}
