package dev.shuttle.mux;

import dev.shuttle.h1.BodyFraming;
import dev.shuttle.h2.TrailerFields;
import dev.shuttle.http.HeaderList;
import dev.shuttle.io.InputBuffer;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * A request body arriving on an HTTP/2 stream as DATA frames. Its length is the
 * {@code content-length} when the client sent one (the frames must add up to it, RFC 9113 §8.1.1),
 * else the stream's end; towards an HTTP/1.1 server it is sent with that length, or chunked.
 */
final class H2BodySource implements BodySource {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = {'0', '\r', '\n'};

    private final H2InboundBody inbound;
    private final long contentLength;
    private final InputBuffer input;

    /**
     * @param contentLength the announced length, or -1
     * @param bufferSize    how much of the body may be held in memory ({@code tune.bufsize})
     */
    H2BodySource(H2InboundBody inbound, long contentLength, int bufferSize) {
        this.inbound = inbound;
        this.contentLength = contentLength;
        this.input = new InputBuffer(inbound, bufferSize);
    }

    /** The announced length, or -1: the body is then sent chunked to an HTTP/1.1 server. */
    long contentLength() {
        return contentLength;
    }

    private BodyFraming framing() {
        return contentLength >= 0 ? new BodyFraming.Length(contentLength) : BodyFraming.UNTIL_CLOSE;
    }

    @Override
    public long forwardTo(BodySink sink, long idleMillis) throws BodyTransferException {
        inbound.timeout(idleMillis);
        try {
            return switch (sink) {
                case H1BodySink h1 -> {
                    long payload = h1.output() == BodyForwarder.Output.CHUNKED ? forwardChunked(h1)
                            : h1.connection().forwardBodyFrom(input, framing(), h1.output(), h1.activity(),
                                    h1.trailers());
                    h1.connection().flush();
                    yield payload;
                }
                case H2BodySink h2 -> {
                    long payload = BodyForwarder.forward(input, framing(), h2.data(), BodyForwarder.Output.UNTIL_CLOSE);
                    HeaderList trailers = inbound.trailers();
                    if (trailers != null && h2.trailers()) {
                        h2.data().finish(TrailerFields.of(trailers));
                    } else {
                        h2.data().finish();
                    }
                    yield payload;
                }
            };
        } catch (H2WriteTimeout e) {
            throw new BodyTransferException(BodyTransferException.Failure.SINK_TIMEOUT, e);
        } catch (SocketTimeoutException e) {
            throw new BodyTransferException(BodyTransferException.Failure.SOURCE_TIMEOUT, e);
        } catch (EOFException e) {
            throw new BodyTransferException(BodyTransferException.Failure.SOURCE_CLOSED, e);
        } catch (H2StreamReset e) {
            throw new BodyTransferException(BodyTransferException.Failure.SOURCE_CLOSED, e);
        } catch (IOException e) {
            throw new BodyTransferException(BodyTransferException.Failure.SINK_FAILED, e);
        }
    }

    /**
     * A body without {@code content-length}, chunked for an HTTP/1.1 server: a chunk per piece as
     * it arrives, then the last chunk with the trailer fields the client's closing HEADERS carried
     * (dropped under {@code option http-drop-request-trailers}), as HAProxy 3.x sends them.
     */
    private long forwardChunked(H1BodySink to) throws IOException {
        java.io.OutputStream out = to.activity() == null ? to.connection().output()
                : new dev.shuttle.io.ActiveOutputStream(to.connection().output(), to.activity());
        if (to.activity() != null) {
            to.activity().awaitOtherSide();
        }
        long total = 0;
        try {
            while (true) {
                if (input.buffered() == 0) {
                    out.flush();
                    if (input.fill() < 0) {
                        break;
                    }
                }
                int count = input.buffered();
                out.write(dev.shuttle.h1.H1Writer.chunkHeader(count));
                out.write(input.array(), input.start(), count);
                out.write(CRLF);
                input.consume(count);
                total += count;
            }
            out.write(LAST_CHUNK);
            HeaderList trailers = inbound.trailers();
            if (trailers != null && to.trailers()) {
                for (HeaderList.Field field : trailers) {
                    out.write((field.name() + ": " + field.value() + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                }
            }
            out.write(CRLF);
            out.flush();
        } finally {
            if (to.activity() != null) {
                to.activity().touch();
            }
        }
        return total;
    }

    @Override
    public ClientStream.BufferedBody buffer(long timeoutMillis, long atLeast) throws IOException {
        if (contentLength == 0) {
            return new ClientStream.BufferedBody(true, new byte[0]);
        }
        if (contentLength < 0 || contentLength > input.capacity()) {
            return ClientStream.BufferedBody.STREAMED;
        }
        long wanted = atLeast > 0 ? Math.min(atLeast, contentLength) : contentLength;
        inbound.timeout(timeoutMillis);
        boolean complete = true;
        try {
            input.require((int) wanted);
        } catch (SocketTimeoutException e) {
            complete = false;
        }
        int available = (int) Math.min(input.buffered(), contentLength);
        return new ClientStream.BufferedBody(complete, Arrays.copyOfRange(input.array(), input.start(),
                input.start() + available));
    }

    @Override
    public boolean arrived() {
        return false; // DATA frames come through the connection's reader: not known here without a look
    }

    @Override
    public boolean endsWithConnection() {
        return false; // a stream ends with END_STREAM
    }

    @Override
    public Optional<byte[]> copyIfWhole() {
        if (contentLength < 0 || contentLength > input.capacity()) {
            return Optional.empty();
        }
        try {
            while (input.buffered() < contentLength && inbound.available() > 0) {
                input.fill();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        if (input.buffered() < contentLength) {
            return Optional.empty();
        }
        return Optional.of(Arrays.copyOfRange(input.array(), input.start(), input.start() + (int) contentLength));
    }
}
