package dev.shuttle.mux;

import dev.shuttle.h1.ChunkSizeLine;
import dev.shuttle.h1.H1ParseException;
import dev.shuttle.h1.BodyFraming;
import dev.shuttle.http.HeaderList;
import dev.shuttle.io.InputBuffer;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Streams an HTTP/1 body from one connection to another, re-framing it when the two sides differ:
 * a chunked body goes out chunked or, to an HTTP/1.0 peer, close-delimited; a close-delimited
 * body goes out chunked when the connection must persist. Chunk sizes are re-written in their
 * canonical form and extensions dropped, as HAProxy does; trailers are forwarded.
 */
public final class BodyForwarder {
    /** How the body leaves. */
    public enum Output {
        /** As many bytes as {@code Content-Length} said. */
        LENGTH,
        /** Chunked. */
        CHUNKED,
        /** Raw bytes, ended by closing the connection. */
        UNTIL_CLOSE
    }

    /** A body that violates the framing rules (bad chunk size, missing CRLF): the exchange must end in error. */
    public static final class BodyException extends IOException {
        public BodyException(String message) {
            super(message);
        }
    }

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = {'0', '\r', '\n'};
    private static final int MAX_CHUNK_LINE = 1024;

    private BodyForwarder() {}

    /** Copies the body framed by {@code framing} from {@code in} to {@code out}, trailers included; returns the payload byte count. */
    public static long forward(InputBuffer in, BodyFraming framing, OutputStream out, Output output) throws IOException {
        return forward(in, framing, out, output, true);
    }

    /**
     * Copies the body framed by {@code framing} from {@code in} to {@code out}; returns the payload
     * byte count. Without {@code trailers}, a chunked body's trailer fields are read and dropped
     * ({@code option http-drop-request-trailers}, {@code http-drop-response-trailers}).
     */
    public static long forward(InputBuffer in, BodyFraming framing, OutputStream out, Output output, boolean trailers)
            throws IOException {
        return switch (framing) {
            case BodyFraming.None none -> finish(out, output, 0);
            case BodyFraming.Length length -> forwardLength(in, length.length(), out, output);
            case BodyFraming.Chunked chunked -> forwardChunked(in, out, output, trailers, null);
            case BodyFraming.UntilClose untilClose -> forwardUntilClose(in, out, output);
            case BodyFraming.Tunnel tunnel -> throw new IllegalArgumentException("a tunnel is not a body");
        };
    }

    /**
     * Copies the body's bare payload (no chunk framing) from {@code in} to {@code out}, and adds a
     * chunked body's trailer fields to {@code trailers}: for a side that frames them itself, as an
     * HTTP/2 stream's closing HEADERS (RFC 9113 §8.1). Returns the payload byte count.
     */
    public static long forwardPayload(InputBuffer in, BodyFraming framing, OutputStream out, HeaderList trailers)
            throws IOException {
        if (framing instanceof BodyFraming.Chunked) {
            return forwardChunked(in, out, Output.UNTIL_CLOSE, false, trailers);
        }
        return forward(in, framing, out, Output.UNTIL_CLOSE, false);
    }

    private static long forwardLength(InputBuffer in, long length, OutputStream out, Output output) throws IOException {
        if (output == Output.CHUNKED && length > 0) {
            out.write(chunkHeader(length));
            in.transferTo(out, length);
            out.write(CRLF);
        } else {
            in.transferTo(out, length);
        }
        return finish(out, output, length);
    }

    private static long forwardUntilClose(InputBuffer in, OutputStream out, Output output) throws IOException {
        if (output != Output.CHUNKED) {
            return in.transferAllTo(out);
        }
        long total = 0;
        while (true) {
            if (in.buffered() == 0) {
                out.flush();
                if (in.fill() < 0) {
                    return finish(out, output, total);
                }
            }
            int count = in.buffered();
            out.write(chunkHeader(count));
            out.write(in.array(), in.start(), count);
            out.write(CRLF);
            in.consume(count);
            total += count;
        }
    }

    private static long forwardChunked(InputBuffer in, OutputStream out, Output output, boolean trailers,
                                       HeaderList collected) throws IOException {
        long total = 0;
        while (true) {
            long size = readChunkSize(in, out);
            if (size == 0) {
                forwardTrailers(in, out, output == Output.CHUNKED, trailers, collected);
                out.flush();
                return total;
            }
            if (output == Output.CHUNKED) {
                out.write(chunkHeader(size));
            }
            in.transferTo(out, size);
            expectLineEnd(in, out);
            if (output == Output.CHUNKED) {
                out.write(CRLF);
            }
            total += size;
        }
    }

    /**
     * Reads and consumes one chunk-size line. What was copied so far goes out before a wait for
     * it: a body is forwarded as it arrives, not held until it is complete.
     */
    private static long readChunkSize(InputBuffer in, OutputStream out) throws IOException {
        int lineFeed = in.findLineEnd(MAX_CHUNK_LINE, out);
        // RFC 9112 §7.1: chunk lines end in CRLF; HAProxy 3.x refuses a bare LF there, as smuggling defence.
        if (lineFeed == in.start() || in.array()[lineFeed - 1] != '\r') {
            throw new BodyException("chunk size line not terminated by CRLF");
        }
        int lineEnd = lineFeed - 1;
        try {
            long size = ChunkSizeLine.parse(in.array(), in.start(), lineEnd - in.start());
            in.consume(lineFeed + 1 - in.start());
            return size;
        } catch (H1ParseException e) {
            throw new BodyException("invalid chunk size line: " + e.getMessage());
        }
    }

    /**
     * RFC 9112 §7.1: chunk-data is followed by CRLF. A wrong first byte is refused as soon as it
     * comes, without waiting for a second one that may never come.
     */
    private static void expectLineEnd(InputBuffer in, OutputStream out) throws IOException {
        in.require(1, out);
        if (in.array()[in.start()] != '\r') {
            throw new BodyException("missing CRLF after chunk data");
        }
        in.require(2, out);
        if (in.array()[in.start() + 1] != '\n') {
            throw new BodyException("missing CRLF after chunk data");
        }
        in.consume(2);
    }

    /**
     * Forwards the trailer section (RFC 9112 §7.1.2) up to and including its final empty line: each
     * field must be {@code name: value} with a CRLF, as for header fields. Without {@code fields}, the
     * fields are checked and dropped: only the final empty line goes out. With {@code collected},
     * each field is also added there (name and value, the value's surrounding blanks trimmed).
     */
    private static void forwardTrailers(InputBuffer in, OutputStream out, boolean chunkedOutput, boolean fields,
                                        HeaderList collected) throws IOException {
        if (chunkedOutput) {
            out.write(LAST_CHUNK);
        }
        while (true) {
            int lineFeed = in.findLineEnd(MAX_CHUNK_LINE * 8, out);
            int length = lineFeed + 1 - in.start();
            if (length < 2 || in.array()[lineFeed - 1] != '\r') {
                throw new BodyException("trailer line not terminated by CRLF");
            }
            boolean empty = length == 2;
            if (!empty && !isField(in.array(), in.start(), lineFeed - 1)) {
                throw new BodyException("invalid trailer field");
            }
            if (chunkedOutput && (empty || fields)) {
                out.write(in.array(), in.start(), length);
            }
            if (!empty && collected != null) {
                collect(in.array(), in.start(), lineFeed - 1, collected);
            }
            in.consume(length);
            if (empty) {
                return;
            }
        }
    }

    /** Adds the field {@code name: value} held in {@code bytes[from, to)} (checked by {@link #isField}). */
    private static void collect(byte[] bytes, int from, int to, HeaderList collected) {
        String line = new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        int colon = line.indexOf(':');
        // RFC 9110 §5.5: optional whitespace around the value is not part of it.
        collected.add(line.substring(0, colon), line.substring(colon + 1).strip());
    }

    /** {@code token ":" value}: a name of token characters right before the colon (RFC 9110 §5.1). */
    private static boolean isField(byte[] bytes, int from, int to) {
        int colon = -1;
        for (int i = from; i < to; i++) {
            if (bytes[i] == ':') {
                colon = i;
                break;
            }
            if (!isTokenChar(bytes[i])) {
                return false;
            }
        }
        return colon > from;
    }

    private static boolean isTokenChar(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(b) >= 0;
    }

    private static long finish(OutputStream out, Output output, long total) throws IOException {
        if (output == Output.CHUNKED) {
            out.write(LAST_CHUNK);
            out.write(CRLF);
        }
        out.flush();
        return total;
    }

    static byte[] chunkHeader(long size) {
        return (Long.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Thrown by callers when the peer closes in the middle of a body. */
    static boolean isTruncation(IOException e) {
        return e instanceof EOFException;
    }
}
