package dev.shuttle.mux;

import java.io.IOException;
import java.util.Optional;

/**
 * A request body kept whole in memory, to be sent again exactly as it first was: what an L7 retry
 * replays ({@code retry-on}, configuration.txt §4.2). HAProxy keeps a copy of a request whose head
 * and body were whole in its buffer when it first sent it, and only such a request may be retried
 * once the server answered; this is that copy. It is sent with the head's {@code Content-Length}.
 *
 * @param bytes the body's payload; not modified
 */
public record HeldBody(byte[] bytes) implements BodySource {
    @Override
    public long forwardTo(BodySink sink, long idleMillis) throws BodyTransferException {
        return switch (sink) {
            case H1BodySink h1 -> {
                try {
                    h1.connection().writeRaw(bytes);
                    if (h1.activity() != null) {
                        h1.activity().touch();
                    }
                    h1.connection().flush();
                } catch (IOException e) {
                    throw new BodyTransferException(BodyTransferException.Failure.SINK_FAILED, e);
                }
                yield bytes.length;
            }
            case H2BodySink h2 -> {
                try {
                    h2.data().write(bytes, 0, bytes.length);
                    h2.data().finish();
                } catch (IOException e) {
                    throw new BodyTransferException(BodyTransferException.Failure.SINK_FAILED, e);
                }
                yield bytes.length;
            }
        };
    }

    @Override
    public ClientStream.BufferedBody buffer(long timeoutMillis, long atLeast) {
        return new ClientStream.BufferedBody(true, bytes.clone());
    }

    @Override
    public Optional<byte[]> copyIfWhole() {
        return Optional.of(bytes);
    }

    @Override
    public boolean arrived() {
        return true;
    }

    @Override
    public boolean endsWithConnection() {
        return false; // held in memory: read before, its end said by the length it was held with
    }
}
