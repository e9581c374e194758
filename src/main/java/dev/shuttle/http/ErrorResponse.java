package dev.shuttle.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A complete error message Shuttle may send instead of a server's response: a built-in page, an
 * {@code errorfile}, a reply composed by {@code http-error} or a redirect from {@code errorloc}.
 * Immutable; one instance serves every connection.
 *
 * <p>The message is kept as its source wrote it (header names in their case, a {@code Connection}
 * header if it has one): {@link #sourceBytes()} is the errorfile as written, or the text of a
 * built-in or composed page. How it goes out is the connection layer's business: on HTTP/1,
 * {@code h1.H1ErrorPages}. An empty message (an empty {@code errorfile}, e.g. {@code /dev/null}) means: send nothing, close.
 */
public final class ErrorResponse {
    private static final byte[] CRLF = {'\r', '\n'};

    private final int status;
    private final String version;
    private final String reason;
    private final List<HeaderList.Field> headers;
    private final byte[] body;
    private final boolean lengthKnown;
    private final byte[] source;

    ErrorResponse(int status, String version, String reason, List<HeaderList.Field> headers, byte[] body,
                  boolean lengthKnown, byte[] source) {
        this.status = status;
        this.version = version;
        this.reason = reason;
        this.headers = List.copyOf(headers);
        this.body = body.clone();
        this.lengthKnown = lengthKnown;
        this.source = source.clone();
    }

    /** Parses a raw HTTP response as an {@code errorfile} holds it; see {@link ErrorFileParser}. */
    public static ErrorResponse parse(byte[] text, int bufferSize) throws ErrorFileException {
        return ErrorFileParser.parse(text, bufferSize);
    }

    /** The empty message for {@code status}: nothing is sent and the connection is closed. */
    public static ErrorResponse empty(int status) {
        return new ErrorResponse(status, "", "", List.of(), new byte[0], true, new byte[0]);
    }

    /**
     * A reply composed from parts, as {@code http-error status <code> [content-type <type>]
     * [string|file ...] [hdr <name> <value>]*} builds it: the extra headers first, then
     * {@code content-length}, then {@code content-type} when there is a payload.
     */
    public static ErrorResponse composed(int status, String contentType, List<HeaderList.Field> extraHeaders,
                                         byte[] payload) {
        List<HeaderList.Field> fields = new ArrayList<>(extraHeaders);
        // RFC 9110 §8.6: no Content-Length in a 1xx or 204 response; haproxy sends none there.
        if (status >= 200 && status != 204) {
            fields.add(new HeaderList.Field("content-length", Integer.toString(payload.length)));
        }
        if (payload.length > 0 && contentType != null) {
            fields.add(new HeaderList.Field("content-type", contentType));
        }
        return assembled(status, ErrorReasons.of(status), fields, payload);
    }

    /**
     * This message with one more header after its own, as {@code http-request auth} adds
     * {@code www-authenticate} to the 401 page.
     */
    public ErrorResponse withHeader(String name, String value) {
        List<HeaderList.Field> fields = new ArrayList<>(headers);
        fields.add(new HeaderList.Field(name, value));
        return assembled(version, status, reason, fields, body, lengthKnown);
    }

    /**
     * A bodiless reply with {@code content-length: 0} first and then {@code headers}, as HAProxy
     * builds the answer of a {@code redirect} rule.
     */
    public static ErrorResponse composedLengthFirst(int status, List<HeaderList.Field> headers) {
        List<HeaderList.Field> fields = new ArrayList<>();
        fields.add(new HeaderList.Field("content-length", "0"));
        fields.addAll(headers);
        return assembled(status, ErrorReasons.of(status), fields, new byte[0]);
    }

    /** The redirect of {@code errorloc} (302) and {@code errorloc303} (303) to {@code location}. */
    public static ErrorResponse redirect(int redirectStatus, String location) {
        List<HeaderList.Field> fields = List.of(new HeaderList.Field("Cache-Control", "no-cache"),
                new HeaderList.Field("Content-length", "0"), new HeaderList.Field("Location", location));
        return assembled(redirectStatus, ErrorReasons.of(redirectStatus), fields, new byte[0]);
    }

    private static ErrorResponse assembled(int status, String reason, List<HeaderList.Field> fields, byte[] body) {
        return assembled("HTTP/1.1", status, reason, fields, body, true);
    }

    private static ErrorResponse assembled(String version, int status, String reason, List<HeaderList.Field> fields,
                                           byte[] body, boolean lengthKnown) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeLine(out, version + " " + status + " " + reason);
        fields.forEach(field -> writeLine(out, field.name() + ": " + field.value()));
        out.writeBytes(CRLF);
        out.writeBytes(body);
        return new ErrorResponse(status, version, reason, fields, body, lengthKnown, out.toByteArray());
    }

    /** The status this message answers with (an errorfile's own status line wins over the code it is filed under). */
    public int status() {
        return status;
    }

    /** The reason phrase as written, possibly empty. */
    public String reason() {
        return reason;
    }

    /** Whether this is the empty message: nothing to send, only a close. */
    public boolean isEmpty() {
        return source.length == 0;
    }

    /** A fresh copy of the head, for a rule that wants to rewrite it. */
    public ResponseHead head() {
        HeaderList list = new HeaderList();
        headers.forEach(field -> list.add(field.name(), field.value()));
        return new ResponseHead(httpVersion(), status, reason, list);
    }

    /** The header fields as the source wrote them, in order. */
    public List<HeaderList.Field> headers() {
        return headers;
    }

    public byte[] body() {
        return body.clone();
    }

    /** {@code HTTP/1.0} when the source said so; any other version is sent as HTTP/1.1. */
    public HttpVersion httpVersion() {
        return version.equals(HttpVersion.HTTP_1_0.text()) ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1;
    }

    /** The message as its source wrote it: the errorfile's bytes, or the built-in page's text. */
    public byte[] sourceBytes() {
        return source.clone();
    }

    /** Whether the message itself ends the connection: a {@code Connection: close}, or a body delimited by the close. */
    public boolean closesConnection() {
        return !lengthKnown || headers.stream().anyMatch(f -> f.hasName("connection") && hasToken(f.value(), "close"));
    }

    private static boolean hasToken(String value, String token) {
        for (String item : value.split(",")) {
            if (item.trim().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    private static void writeLine(ByteArrayOutputStream out, String line) {
        out.writeBytes(line.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(CRLF);
    }

    @Override
    public String toString() {
        return "ErrorResponse[" + status + " " + reason + ", " + headers.size() + " headers, " + body.length + " bytes]";
    }
}
