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
 */
final class H2DataOutputStream extends OutputStream {
    private final H2Output output;
    private final int streamId;
    private final byte[] pending;
    private final long timeoutMillis;
    private int count;
    private boolean ended;
    private long payload;

    /**
     * @param ended whether the stream already ended (its HEADERS carried END_STREAM)
     * @param timeoutMillis how long a write waits for the peer's window (0: no limit)
     */
    H2DataOutputStream(H2Output output, int streamId, int bufferSize, boolean ended, long timeoutMillis) {
        this.output = output;
        this.streamId = streamId;
        this.pending = new byte[bufferSize];
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

    @Override
    public void flush() throws IOException {
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
