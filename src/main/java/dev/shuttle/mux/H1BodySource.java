package dev.shuttle.mux;

import java.util.Arrays;

import dev.shuttle.io.InputBuffer;

import dev.shuttle.h1.BodyFraming;
import dev.shuttle.h2.TrailerFields;
import dev.shuttle.http.HeaderList;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Optional;

/** A body arriving on an HTTP/1 connection, delimited as its head said ({@link BodyFraming}). */
final class H1BodySource implements BodySource {
    private final H1Connection from;
    private final BodyFraming framing;

    H1BodySource(H1Connection from, BodyFraming framing) {
        this.from = from;
        this.framing = framing;
    }

    BodyFraming framing() {
        return framing;
    }

    @Override
    public ClientStream.BufferedBody buffer(long timeoutMillis, long atLeast) throws IOException {
        if (framing instanceof BodyFraming.None) {
            return new ClientStream.BufferedBody(true, new byte[0]);
        }
        if (!(framing instanceof BodyFraming.Length length) || length.length() > from.input().capacity()) {
            return ClientStream.BufferedBody.STREAMED;
        }
        long wanted = atLeast > 0 ? Math.min(atLeast, length.length()) : length.length();
        boolean complete = from.bufferBody(wanted, timeoutMillis);
        InputBuffer input = from.input();
        int available = (int) Math.min(input.buffered(), length.length());
        return new ClientStream.BufferedBody(complete, Arrays.copyOfRange(input.array(), input.start(),
                input.start() + available));
    }

    @Override
    public Optional<byte[]> copyIfWhole() {
        if (!wholeBuffered()) {
            return Optional.empty();
        }
        InputBuffer input = from.input();
        long length = ((BodyFraming.Length) framing).length();
        return Optional.of(Arrays.copyOfRange(input.array(), input.start(), input.start() + (int) length));
    }

    @Override
    public boolean endsWithConnection() {
        return framing instanceof BodyFraming.UntilClose;
    }

    @Override
    public boolean arrived() {
        return !framing.hasBody() || wholeBuffered();
    }

    /** Whether the body has a length and all of it is in the connection's buffer already. */
    boolean wholeBuffered() {
        InputBuffer input = from.input();
        return framing instanceof BodyFraming.Length length && length.length() <= input.capacity()
                && input.buffered() >= length.length();
    }

    @Override
    public long forwardTo(BodySink sink, long idleMillis) throws BodyTransferException {
        try {
            return switch (sink) {
                case H1BodySink h1 -> forwardTo(h1, idleMillis);
                case H2BodySink h2 -> forwardTo(h2, idleMillis);
            };
        } catch (BodyForwarder.BodyException e) {
            throw new BodyTransferException(BodyTransferException.Failure.INVALID_BODY, e);
        } catch (H2WriteTimeout e) {
            throw new BodyTransferException(BodyTransferException.Failure.SINK_TIMEOUT, e);
        } catch (SocketTimeoutException e) {
            throw new BodyTransferException(BodyTransferException.Failure.SOURCE_TIMEOUT, e);
        } catch (EOFException e) {
            throw new BodyTransferException(BodyTransferException.Failure.SOURCE_CLOSED, e);
        } catch (IOException e) {
            // A broken read (a reset), or one after the source's end of stream, is the source closing;
            // else the sink failed.
            BodyTransferException.Failure failure = from.input().isExhausted() || from.input().readFailed()
                    ? BodyTransferException.Failure.SOURCE_CLOSED : BodyTransferException.Failure.SINK_FAILED;
            throw new BodyTransferException(failure, e);
        }
    }

    /**
     * HTTP/1 to HTTP/2: the payload, unframed, into DATA frames; the stream ends with the body, or
     * with the chunked body's trailer fields as a closing HEADERS frame (RFC 9113 §8.1), unless the
     * sink drops them ({@code option http-drop-*-trailers}).
     */
    private long forwardTo(H2BodySink to, long idleMillis) throws IOException {
        HeaderList trailers = new HeaderList();
        long payload = from.forwardRawBodyTo(framing, to.data(), idleMillis, trailers);
        to.data().finish(to.trailers() ? TrailerFields.of(trailers) : List.of());
        return payload;
    }

    /** HTTP/1 to HTTP/1: the bytes are copied from buffer to buffer, re-framed where the sides differ. */
    private long forwardTo(H1BodySink to, long idleMillis) throws IOException {
        long payload = to.connection().forwardBodyFrom(from, framing, to.output(), idleMillis, to.activity(),
                to.trailers());
        to.connection().flush();
        return payload;
    }
}
