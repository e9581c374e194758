package dev.shuttle.check;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An HTTP check's response, parsed from the bytes read so far: the status line, the headers and
 * the body (RFC 9112 §4, §6). Pure: {@link #parse} says whether the bytes hold a whole response,
 * one that needs more bytes, or something that is not HTTP.
 *
 * @param status the status code
 * @param reason the reason phrase ("Not Found"), possibly empty
 * @param body    the body, de-chunked, as far as it was read
 * @param headers the header fields in order, each {name, value} (the value trimmed)
 */
public record HttpCheckResponse(int status, String reason, byte[] body, List<String[]> headers) {
    public HttpCheckResponse(int status, String reason, byte[] body) {
        this(status, reason, body, List.of());
    }

    /** What the bytes read so far make. */
    public sealed interface Parse {
        /** More bytes are needed (the head or the body is incomplete). */
        record Incomplete() implements Parse {}

        /** Not an HTTP/1.x response. */
        record Invalid(String why) implements Parse {}

        /** A response; {@code complete} is false when the connection's end is its body's end. */
        record Parsed(HttpCheckResponse response, boolean complete) implements Parse {}
    }

    public String bodyText() {
        return new String(body, StandardCharsets.ISO_8859_1);
    }

    private static final byte[] HEAD_END = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final Pattern CRLF = Pattern.compile("\r\n");
    /** RFC 9112 §4: status-line = HTTP-version SP status-code SP [ reason-phrase ]. */
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] [0-9]{3}( .*)?");

    /**
     * Parses {@code length} bytes of {@code data}.
     *
     * @param closed whether the server closed the connection after them
     */
    public static Parse parse(byte[] data, int length, boolean closed) {
        int headEnd = indexOf(data, length, HEAD_END);
        if (headEnd < 0) {
            if (length >= 5 && !startsWith(data, "HTTP/")) {
                return new Parse.Invalid("not an HTTP response");
            }
            return closed ? new Parse.Invalid("incomplete response head") : new Parse.Incomplete();
        }
        String[] lines = CRLF.split(new String(data, 0, headEnd, StandardCharsets.ISO_8859_1));
        String statusLine = lines[0];
        // RFC 9112 §4: status-line = HTTP-version SP status-code SP [ reason-phrase ]
        if (!STATUS_LINE.matcher(statusLine).matches()) {
            return new Parse.Invalid("invalid status line");
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        String reason = statusLine.length() > 13 ? statusLine.substring(13) : "";
        Optional<Long> contentLength = Optional.empty();
        boolean chunked = false;
        List<String[]> headers = new ArrayList<>(lines.length - 1);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                return new Parse.Invalid("invalid header line");
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            headers.add(new String[] {lines[i].substring(0, colon).trim(), value});
            if (name.equals("content-length")) {
                try {
                    contentLength = Optional.of(Long.parseLong(value));
                } catch (NumberFormatException e) {
                    return new Parse.Invalid("invalid content-length");
                }
            } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            }
        }
        int bodyStart = headEnd + 4;
        byte[] rest = Arrays.copyOfRange(data, bodyStart, length);
        boolean bodyless = status / 100 == 1 || status == 204 || status == 304;
        if (bodyless) {
            return new Parse.Parsed(new HttpCheckResponse(status, reason, new byte[0], headers), true);
        }
        if (chunked) {
            return dechunk(status, reason, rest, closed, headers);
        }
        if (contentLength.isPresent()) {
            long wanted = contentLength.get();
            if (rest.length >= wanted) {
                return new Parse.Parsed(new HttpCheckResponse(status, reason, Arrays.copyOf(rest, (int) wanted), headers), true);
            }
            return closed ? new Parse.Parsed(new HttpCheckResponse(status, reason, rest, headers), false) : new Parse.Incomplete();
        }
        // RFC 9112 §6.3: without a length, the body ends with the connection.
        return closed ? new Parse.Parsed(new HttpCheckResponse(status, reason, rest, headers), true) : new Parse.Incomplete();
    }

    /** RFC 9112 §7.1: chunk = chunk-size [ chunk-ext ] CRLF chunk-data CRLF; last-chunk = "0" CRLF. */
    private static Parse dechunk(int status, String reason, byte[] rest, boolean closed, List<String[]> headers) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOf(Arrays.copyOfRange(rest, at, rest.length), rest.length - at,
                    "\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (lineEnd < 0) {
                break;
            }
            String sizeText = new String(rest, at, lineEnd, StandardCharsets.ISO_8859_1);
            int semicolon = sizeText.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semicolon >= 0 ? sizeText.substring(0, semicolon) : sizeText).trim(), 16);
            } catch (NumberFormatException e) {
                return new Parse.Invalid("invalid chunk size");
            }
            int dataStart = at + lineEnd + 2;
            if (size == 0) {
                return new Parse.Parsed(new HttpCheckResponse(status, reason, body.toByteArray(), headers), true);
            }
            if (dataStart + size + 2 > rest.length) {
                body.write(rest, dataStart, (int) Math.max(0, Math.min(size, rest.length - dataStart)));
                break;
            }
            body.write(rest, dataStart, (int) size);
            at = (int) (dataStart + size + 2);
        }
        return closed ? new Parse.Parsed(new HttpCheckResponse(status, reason, body.toByteArray(), headers), false)
                : new Parse.Incomplete();
    }

    private static boolean startsWith(byte[] data, String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (data[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] data, int length, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
