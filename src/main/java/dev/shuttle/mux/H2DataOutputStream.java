package dev.shuttle.mux;

import dev.shuttle.hpack.HeaderField;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * A body leaving on an HTTP/2 stream: bytes written here go out as DATA frames of up to one
 * buffer, and {@link #finish()} ends the stream (END_STREAM, on an empty DATA frame when nothing is
 * pending). After the stream ended with its HEADERS (a response without a body), writes fail and
 * {@link #finish()} does nothing.
 *
 * <p>The buffer is taken on the first write and grows by doubling up to its size, so that a stream
 * answering a few dozen bytes does not hold a frame's worth of memory. When the body's length is
 * known (a {@code content-length}), a {@link #flush()} once it is all written does nothing: the
 * {@link #finish()} that must follow sends it with END_STREAM, one DATA frame instead of two.
 */
final class H2DataOutputStream extends OutputStream {
    private final H2Output output;
    private final int streamId;
    /** The size the buffer grows to: a DATA frame's payload at most. */
    private final int bufferSize;
    /** The body's declared length, -1: unknown. */
    private final long declaredLength;
    private byte[] pending = NO_BYTES;
    private static final byte[] NO_BYTES = new byte[0];
    private static final int FIRST_BUFFER = 256;
    private final long timeoutMillis;
    private int count;
    private boolean ended;
    private long payload;

    /**
     * @param ended whether the stream already ended (its HEADERS carried END_STREAM)
     * @param timeoutMillis how long a write waits for the peer's window (0: no limit)
     */
    H2DataOutputStream(H2Output output, int streamId, int bufferSize, boolean ended, long timeoutMillis) {
        this(output, streamId, bufferSize, ended, timeoutMillis, -1);
    }

    /** @param declaredLength the body's length when its head declared it, else -1 */
    H2DataOutputStream(H2Output output, int streamId, int bufferSize, boolean ended, long timeoutMillis,
            long declaredLength) {
        this.output = output;
        this.streamId = streamId;
        this.bufferSize = bufferSize;
        this.declaredLength = declaredLength;
        this.ended = ended;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (ended) {
            if (length == 0) {
                return;
            }
            throw new IOException("HTTP/2 stream " + streamId + " already ended");
        }
        while (length > 0) {
            int room = pending.length - count;
            if (room == 0 && pending.length < bufferSize) {
                grow(length);
                continue;
            }
            if (room == 0) {
                sendPending(false);
                continue;
            }
            int chunk = Math.min(room, length);
            System.arraycopy(bytes, offset, pending, count, chunk);
            count += chunk;
            offset += chunk;
            length -= chunk;
            payload += chunk;
        }
    }

    /** A larger buffer for {@code wanted} more bytes: double the size at least, the full size at most. */
    private void grow(int wanted) {
        int size = Math.max(FIRST_BUFFER, pending.length * 2);
        while (size < count + wanted && size < bufferSize) {
            size *= 2;
        }
        pending = java.util.Arrays.copyOf(pending, Math.min(size, bufferSize));
    }

    /** Sends what is pending; nothing once the declared length is all written (the finish sends it). */
    @Override
    public void flush() throws IOException {
        if (payload == declaredLength) {
            return;
        }
        if (!ended && count > 0) {
            sendPending(false);
        }
    }

    /** Ends the stream: what is pending goes out with END_STREAM. */
    void finish() throws IOException {
        if (!ended) {
            sendPending(true);
            ended = true;
        }
    }

    /**
     * Ends the stream with trailer fields: what is pending goes out as DATA, then the fields as a
     * HEADERS frame carrying END_STREAM (RFC 9113 §8.1). Without fields, as {@link #finish()}.
     */
    void finish(List<HeaderField> trailers) throws IOException {
        if (ended || trailers.isEmpty()) {
            finish();
            return;
        }
        if (count > 0) {
            sendPending(false);
        }
        output.headers(streamId, trailers, true);
        ended = true;
    }

    boolean ended() {
        return ended;
    }

    /** Payload bytes written so far. */
    long payload() {
        return payload;
    }

    private void sendPending(boolean endStream) throws IOException {
        output.data(streamId, pending, 0, count, endStream, timeoutMillis);
        count = 0;
    }
}
