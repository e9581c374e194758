package dev.shuttle.h1;

import dev.shuttle.http.HeaderList;
import dev.shuttle.http.HttpVersion;
import dev.shuttle.http.RequestHead;
import dev.shuttle.http.ResponseHead;
import dev.shuttle.http.StatusReasons;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes HTTP/1.1 heads and chunk framing: start line, {@code name: value} lines with names as
 * received, CRLF everywhere (RFC 9112 §2.1). Strings are written one byte per char, as parsed; a
 * head is gathered in one array ({@link HeadBytes}) and written with one call.
 */
public final class H1Writer {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private H1Writer() {}

    /** {@code method SP target SP version CRLF}, the fields, then the empty line. */
    public static void writeRequestHead(RequestHead head, OutputStream out) throws IOException {
        // A request that came over HTTP/2 leaves as HTTP/1.1, its implied absolute URI in origin form.
        HttpVersion version = head.version() == HttpVersion.HTTP_2 ? HttpVersion.HTTP_1_1 : head.version();
        String target = head.originFormTarget();
        HeadBytes bytes = new HeadBytes(head.method().length() + target.length() + version.text().length() + 4
                + fieldsLength(head.headers()) + 2);
        bytes.text(head.method()).text(' ').text(target).text(' ').text(version.text()).crlf();
        fields(head.headers(), bytes).crlf().writeTo(out);
    }

    /**
     * {@code version SP status SP reason CRLF}; an empty reason becomes the status's standard one,
     * as HAProxy 3.5 writes it (h1_htx.c; "HTTP/1.1 200 " from a server leaves as "HTTP/1.1 200 OK").
     */
    public static void writeResponseHead(ResponseHead head, OutputStream out) throws IOException {
        String reason = head.reason().isEmpty() ? StatusReasons.of(head.status()) : head.reason();
        String version = head.version().text();
        HeadBytes bytes = new HeadBytes(version.length() + reason.length() + 16 + fieldsLength(head.headers()) + 2);
        bytes.text(version).text(' ').number(head.status()).text(' ').text(reason).crlf();
        fields(head.headers(), bytes).crlf().writeTo(out);
    }

    /** The chunk-size line for {@code size} bytes: upper-case hex as HAProxy writes it, then CRLF. */
    public static byte[] chunkHeader(long size) {
        if (size <= 0) {
            throw new IllegalArgumentException("a data chunk has a positive size; use lastChunk()");
        }
        return (Long.toHexString(size).toUpperCase() + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The CRLF that closes a chunk's data. */
    public static byte[] chunkEnd() {
        return CRLF.clone();
    }

    /** The last chunk without trailers: {@code 0 CRLF CRLF}. */
    public static byte[] lastChunk() {
        return LAST_CHUNK.clone();
    }

    /** The last chunk followed by a trailer section (RFC 9112 §7.1.2). */
    public static void writeLastChunk(HeaderList trailers, OutputStream out) throws IOException {
        HeadBytes bytes = new HeadBytes(3 + fieldsLength(trailers) + 2);
        bytes.text('0').crlf();
        fields(trailers, bytes).crlf().writeTo(out);
    }

    /** The chars of the {@code name: value CRLF} lines. */
    private static int fieldsLength(HeaderList fields) {
        int length = 0;
        for (int i = 0; i < fields.size(); i++) {
            HeaderList.Field field = fields.get(i);
            length += field.name().length() + field.value().length() + 4;
        }
        return length;
    }

    private static HeadBytes fields(HeaderList fields, HeadBytes bytes) {
        for (int i = 0; i < fields.size(); i++) {
            HeaderList.Field field = fields.get(i);
            bytes.text(field.name()).text(':').text(' ').text(field.value()).crlf();
        }
        return bytes;
    }
}
