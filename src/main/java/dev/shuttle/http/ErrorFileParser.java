package dev.shuttle.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Parses an {@code errorfile}: a whole HTTP/1 response, head and body, checked at load time with
 * haproxy 2.6's rules and words (each observed with {@code haproxy -c}).
 *
 * <p>The head is read with a strict HTTP/1 response grammar (RFC 9112 §4, §5); the first byte that
 * does not fit is reported as {@code unable to parse headers (error offset: N)}, and a head that
 * ends before its empty line as offset {@code -2}. In particular:
 * <pre>
 *   [CRLF...] version SP+ status-digits [SP+ reason] CRLF      version: A-Z 0-9 '.' '/'
 *   (tchar+ ":" OWS value CRLF | SP/HT continuation CRLF)*     a bare LF ends a line too
 *   CRLF body
 * </pre>
 * Then, in this order: a version must be 8 characters long; 1xx statuses other than 101 are
 * refused; a chunked body is refused; the body must have the length announced. Finally the
 * message must fit one buffer as HAProxy stores it (its HTX layout): 85 bytes of fixed cost, the
 * status line's version, status and reason, 8 bytes plus name and value per header, and 8 bytes
 * plus the body when there is one (constants measured on haproxy 2.6, see
 * {@code ErrorFileParserTest}).
 */
final class ErrorFileParser {
    /** What a buffer spends besides the message's own bytes (HTX header, block table, start line and end-of-headers blocks). */
    static final int BUFFER_OVERHEAD = 85;
    /** What each header and the payload block add besides their bytes. */
    static final int BLOCK_OVERHEAD = 8;

    private static final int INCOMPLETE = -2;
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final byte[] text;
    private int pos;

    private ErrorFileParser(byte[] text) {
        this.text = text;
    }

    /** Parses {@code text} (already cut to the buffer size by the caller) into a message. */
    static ErrorResponse parse(byte[] text, int bufferSize) throws ErrorFileException {
        return new ErrorFileParser(text).parse(bufferSize);
    }

    private ErrorResponse parse(int bufferSize) throws ErrorFileException {
        skipLeadingEmptyLines();
        String version = version();
        String statusText = statusDigits();
        String reason = reason();
        Head head = headers();
        byte[] body = Arrays.copyOfRange(text, pos, text.length);

        if (version.length() != 8) {
            throw new ErrorFileException("invalid http version (" + version + ")");
        }
        int status = parseStatus(statusText);
        if (status >= 100 && status < 200 && status != 101) {
            throw new ErrorFileException("invalid http status code for an error message (" + status + ")");
        }
        if (head.chunked) {
            throw new ErrorFileException("chunk-encoded payload not supported");
        }
        if (head.contentLength >= 0 && head.contentLength != body.length) {
            throw new ErrorFileException("payload size does not match the announced content-length ("
                    + body.length + " != " + head.contentLength + ")");
        }
        checkFits(version, statusText, reason, head.fields, body, bufferSize);
        return new ErrorResponse(status, version, reason, head.fields, body, head.contentLength >= 0, text);
    }

    private void skipLeadingEmptyLines() throws ErrorFileException {
        while (pos < text.length && (text[pos] == CR || text[pos] == LF)) {
            endOfLine();
        }
    }

    private String version() throws ErrorFileException {
        int start = pos;
        while (pos < text.length && isVersionChar(text[pos])) {
            pos++;
        }
        if (pos >= text.length) {
            throw failAt(INCOMPLETE);
        }
        if (pos == start || !isBlank(text[pos])) {
            throw failAt(pos);
        }
        String version = string(start, pos);
        skipBlanks();
        return version;
    }

    private String statusDigits() throws ErrorFileException {
        if (pos >= text.length) {
            throw failAt(INCOMPLETE);
        }
        int start = pos;
        while (pos < text.length && isDigit(text[pos])) {
            pos++;
        }
        if (pos >= text.length) {
            throw failAt(INCOMPLETE);
        }
        if (pos == start || !(isBlank(text[pos]) || text[pos] == CR || text[pos] == LF)) {
            throw failAt(pos);
        }
        return string(start, pos);
    }

    private String reason() throws ErrorFileException {
        skipBlanks();
        int start = pos;
        int end = lineEnd();
        String reason = string(start, end);
        endOfLine();
        return reason;
    }

    /**
     * The header block, ending after its empty line. A header is checked once the next line shows
     * it is not folded, which is when HAProxy checks it too: so the first error in byte order wins.
     */
    private Head headers() throws ErrorFileException {
        Head head = new Head();
        String name = null;
        StringBuilder value = null;
        int valueStart = 0;
        boolean lastEndedWithCrlf = true;
        while (true) {
            if (pos >= text.length) {
                throw failAt(INCOMPLETE);
            }
            byte c = text[pos];
            if (isBlank(c)) {
                if (name == null) {
                    throw failAt(pos);
                }
                // obs-fold (RFC 9112 §5.2): HAProxy blanks the line break and keeps the continuation.
                int start = pos;
                int end = lineEnd();
                value.append(lastEndedWithCrlf ? "  " : " ").append(string(start, end));
                lastEndedWithCrlf = endOfLine();
                continue;
            }
            if (name != null) {
                head.add(name, stripTrailingBlanks(value.toString()), valueStart);
            }
            if (c == CR || c == LF) {
                endOfLine();
                return head;
            }
            int nameStart = pos;
            while (pos < text.length && isTokenChar(text[pos])) {
                pos++;
            }
            if (pos >= text.length) {
                throw failAt(INCOMPLETE);
            }
            if (text[pos] != ':' || pos == nameStart) {
                throw failAt(pos);
            }
            name = string(nameStart, pos);
            pos++;
            skipBlanks();
            valueStart = pos;
            value = new StringBuilder(string(valueStart, lineEnd()));
            lastEndedWithCrlf = endOfLine();
        }
    }

    /** The message's cost in HAProxy's buffer layout must not exceed the buffer. */
    private static void checkFits(String version, String status, String reason, List<HeaderList.Field> fields,
                                  byte[] body, int bufferSize) throws ErrorFileException {
        long room = (long) bufferSize - BUFFER_OVERHEAD;
        long head = version.length() + status.length() + reason.length();
        for (HeaderList.Field field : fields) {
            head += BLOCK_OVERHEAD + field.name().length() + field.value().length();
        }
        if (head > room) {
            throw new ErrorFileException("unable to add headers into the HTX message");
        }
        if (body.length > 0 && head + BLOCK_OVERHEAD + body.length > room) {
            throw new ErrorFileException("unable to add payload into the HTX message");
        }
    }

    /** The headers kept, with what they say about the body. */
    private final class Head {
        final List<HeaderList.Field> fields = new ArrayList<>();
        long contentLength = -1;
        boolean chunked;

        void add(String name, String value, int valueOffset) throws ErrorFileException {
            if (name.equalsIgnoreCase("content-length")) {
                String first = ContentLength.firstItem(value);
                long length = ContentLength.parse(value).orElseThrow(() -> failAt(valueOffset));
                if (contentLength >= 0 && length != contentLength) {
                    throw failAt(valueOffset);
                }
                if (contentLength >= 0) {
                    return; // a repeated, identical Content-Length is dropped
                }
                contentLength = length;
                value = first;
            } else if (name.equalsIgnoreCase("transfer-encoding")) {
                String[] codings = value.split(",");
                chunked = codings[codings.length - 1].trim().equalsIgnoreCase("chunked");
            }
            fields.add(new HeaderList.Field(name, value));
        }
    }

    /** Content-Length as HAProxy reads it: a comma-separated list of one repeated decimal number (RFC 9110 §8.6). */
    private static final class ContentLength {
        static Optional<Long> parse(String value) {
            Long length = null;
            for (String item : value.split(",", -1)) {
                String digits = item.strip();
                if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    return Optional.empty();
                }
                long parsed = Long.parseLong(digits);
                if (length != null && parsed != length) {
                    return Optional.empty();
                }
                length = parsed;
            }
            return Optional.ofNullable(length);
        }

        static String firstItem(String value) {
            return value.split(",", -1)[0].strip();
        }
    }

    /** Where the current line ends (its CR or LF); the caller then consumes the line break. */
    private int lineEnd() throws ErrorFileException {
        while (pos < text.length && text[pos] != CR && text[pos] != LF) {
            pos++;
        }
        if (pos >= text.length) {
            throw failAt(INCOMPLETE);
        }
        return pos;
    }

    /** Consumes CRLF or a bare LF; a CR not followed by LF is an error at the byte after it. Returns whether it was CRLF. */
    private boolean endOfLine() throws ErrorFileException {
        if (text[pos] == LF) {
            pos++;
            return false;
        }
        if (pos + 1 >= text.length) {
            throw failAt(INCOMPLETE);
        }
        if (text[pos + 1] != LF) {
            throw failAt(pos + 1);
        }
        pos += 2;
        return true;
    }

    private void skipBlanks() {
        while (pos < text.length && isBlank(text[pos])) {
            pos++;
        }
    }

    private static int parseStatus(String digits) {
        String significant = digits.replaceFirst("^0+(?=.)", "");
        return significant.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(significant);
    }

    private static String stripTrailingBlanks(String value) {
        int end = value.length();
        while (end > 0 && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\t')) {
            end--;
        }
        return value.substring(0, end);
    }

    private String string(int start, int end) {
        return new String(text, start, end - start, StandardCharsets.ISO_8859_1);
    }

    private static ErrorFileException failAt(int offset) {
        return new ErrorFileException("unable to parse headers (error offset: " + offset + ")");
    }

    private static boolean isBlank(byte c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** HAProxy accepts upper-case letters, digits, '.' and '/' in a status line's version. */
    private static boolean isVersionChar(byte c) {
        return (c >= 'A' && c <= 'Z') || (c >= '.' && c <= '9');
    }

    /** RFC 9110 §5.6.2 tchar. */
    private static boolean isTokenChar(byte c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c)) {
            return true;
        }
        return c > 0 && "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
