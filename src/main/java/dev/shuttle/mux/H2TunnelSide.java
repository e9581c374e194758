package dev.shuttle.mux;

import java.io.IOException;

/**
 * An HTTP/2 stream as one side of a tunnel (RFC 9113 §8.5 CONNECT, RFC 8441 extended CONNECT),
 * on a client connection ({@link H2ClientStream}) or a server one ({@link H2ServerStream}): the
 * peer's DATA are read from the stream's inbound body, bytes for the peer go out as DATA frames at
 * once, the end of the output is END_STREAM. Closing it before both directions ended fails a
 * blocked read; the stream's own end then resets it with CANCEL, as 3.5 aborts a stream.
 */
final class H2TunnelSide implements TunnelSide {
    private final H2InboundBody inbound;
    private final H2DataOutputStream data;

    H2TunnelSide(H2InboundBody inbound, H2DataOutputStream data) {
        this.inbound = inbound;
        this.data = data;
    }

    @Override
    public int read(byte[] buffer, long timeoutMillis) throws IOException {
        inbound.timeout(timeoutMillis);
        return inbound.read(buffer, 0, buffer.length);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        data.write(bytes, offset, length);
        data.flush();
    }

    @Override
    public void shutdownOutput() throws IOException {
        data.finish();
    }

    @Override
    public void close() {
        if (!inbound.hasEnded()) {
            inbound.fail(new H2StreamReset("tunnel closed"));
        }
    }
}
