package dev.shuttle.h1;

import static dev.shuttle.h1.H1Syntax.CR;
import static dev.shuttle.h1.H1Syntax.LF;

import dev.shuttle.http.HttpVersion;
import dev.shuttle.http.Latin1;
import java.util.Arrays;

/** Parses the two start lines of HTTP/1: request-line (RFC 9112 §3) and status-line (RFC 9112 §4). */
final class H1StartLines {
    /** The methods nearly every request uses, so that their name is one shared String (RFC 9110 §9). */
    private static final String[] COMMON_METHODS = {
        "GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "CONNECT",
    };
    private static final byte[] HTTP_SLASH = {'H', 'T', 'T', 'P', '/'};
    private static final VersionCheck HTTP_1_0 = new VersionCheck(HttpVersion.HTTP_1_0, false);
    private static final VersionCheck HTTP_1_1 = new VersionCheck(HttpVersion.HTTP_1_1, false);

    private H1StartLines() {}

    /** A parsed request-line; {@code next} is where the field lines begin. */
    record RequestLine(String method, String target, int targetPosition, HttpVersion version, int next,
            boolean unsafeAccepted) {}

    /** A parsed status-line. */
    record StatusLine(HttpVersion version, int status, String reason, int next, boolean unsafeAccepted) {}

    /**
     * <pre>
     *   request-line = method SP request-target SP HTTP-version
     * </pre>
     * RFC 9112 §3 allows a recipient to split on any run of whitespace; HAProxy does, so
     * {@code GET  /\tHTTP/1.1} is accepted. Whitespace before the method or after the version is not.
     */
    static RequestLine parseRequestLine(byte[] buf, int pos, int end, boolean unsafe) throws H1ParseException {
        int lineEnd = lineEnd(buf, pos, end, 400);
        boolean unsafeAccepted = false;
        int i = pos;
        while (i < lineEnd && H1Syntax.isTchar(buf[i])) {
            i++;
        }
        if (i == pos || (i < lineEnd && !H1Syntax.isWhitespace(buf[i]))) {
            throw new H1ParseException(400, "invalid method", i);
        }
        String method = methodName(buf, pos, i);
        i = skipWhitespace(buf, i, lineEnd);
        int targetStart = i;
        while (i < lineEnd && !H1Syntax.isWhitespace(buf[i])) {
            int b = buf[i] & 0xff;
            // RFC 3986 §2 / HAProxy 3.x: controls, NUL and DEL are always refused; bytes above 127
            // and '#' (fragments are never sent, RFC 9112 §3.2) only in unsafe mode. HAProxy
            // forwards the other characters RFC 3986 excludes (" < > \ ^ ` { | }).
            if (b < 0x20 || b == 0x7F) {
                throw new H1ParseException(400, "invalid character in request target", i);
            }
            if (b >= 0x80 || b == '#') {
                if (!unsafe) {
                    throw new H1ParseException(400, "invalid character in request target", i);
                }
                unsafeAccepted = true;
            }
            i++;
        }
        if (i == targetStart) {
            throw new H1ParseException(400, "missing request target", i);
        }
        String target = H1Syntax.latin1(buf, targetStart, i);
        i = skipWhitespace(buf, i, lineEnd);
        HttpVersion version;
        if (i == lineEnd) {
            // HTTP/0.9 ("GET /"): only in unsafe mode, forwarded as HTTP/1.0 as HAProxy does.
            if (!unsafe) {
                throw new H1ParseException(400, "missing HTTP version", i);
            }
            version = HttpVersion.HTTP_1_0;
            unsafeAccepted = true;
        } else {
            VersionCheck check = parseVersion(buf, i, lineEnd, unsafe, true, 400);
            version = check.version();
            unsafeAccepted |= check.unsafe();
        }
        return new RequestLine(method, target, targetStart, version, nextLine(buf, lineEnd), unsafeAccepted);
    }

    /**
     * <pre>
     *   status-line = HTTP-version SP status-code SP [ reason-phrase ]
     *   status-code = 3DIGIT          ; HAProxy 3.5: 1 to 3 digits
     * </pre>
     * The reason may be empty and may hold any byte but CR and LF (HAProxy forwards controls).
     */
    static StatusLine parseStatusLine(byte[] buf, int pos, int end, boolean unsafe) throws H1ParseException {
        int lineEnd = lineEnd(buf, pos, end, 502);
        int i = pos;
        while (i < lineEnd && !H1Syntax.isWhitespace(buf[i])) {
            i++;
        }
        VersionCheck check = parseVersion(buf, pos, i, unsafe, false, 502);
        int statusStart = skipWhitespace(buf, i, lineEnd);
        if (statusStart == i) {
            throw new H1ParseException(502, "invalid status line", i);
        }
        int statusEnd = statusStart;
        while (statusEnd < lineEnd && H1Syntax.isDigit(buf[statusEnd])) {
            statusEnd++;
        }
        // RFC 9112 §4 asks for three digits; HAProxy 3.5 (h1.c) takes one to three, whatever their
        // value ("2", "20", "099" and "000" are forwarded as final responses with their body, checked
        // live), and refuses a fourth digit.
        if (statusEnd == statusStart || statusEnd - statusStart > 3
                || (statusEnd < lineEnd && !H1Syntax.isWhitespace(buf[statusEnd]))) {
            throw new H1ParseException(502, "invalid status code", statusStart);
        }
        int status = 0;
        for (int digit = statusStart; digit < statusEnd; digit++) {
            status = status * 10 + (buf[digit] - '0');
        }
        int reasonStart = skipWhitespace(buf, statusEnd, lineEnd);
        // Nearly every response says "OK"; sharing that String saves one per response.
        String reason = Latin1.matches(buf, reasonStart, lineEnd, "OK")
                ? "OK"
                : H1Syntax.latin1(buf, reasonStart, lineEnd);
        return new StatusLine(check.version(), status, reason, nextLine(buf, lineEnd), check.unsafe());
    }

    private record VersionCheck(HttpVersion version, boolean unsafe) {}

    /** The method's name: the shared String of a common method, else a new one of the bytes as received. */
    private static String methodName(byte[] buf, int from, int to) {
        for (String method : COMMON_METHODS) {
            if (Latin1.matches(buf, from, to, method)) {
                return method;
            }
        }
        return H1Syntax.latin1(buf, from, to);
    }

    /**
     * RFC 9112 §2.3: HTTP-version = "HTTP/" DIGIT "." DIGIT, case-sensitive. HAProxy maps any
     * 1.x with x &ge; 1 and any higher major to HTTP/1.1 and major 0 to HTTP/1.0. Unsafe mode
     * also takes several digits and (requests only) other protocol names such as RTSP.
     */
    private static VersionCheck parseVersion(byte[] buf, int from, int to, boolean unsafe, boolean request,
            int errorStatus) throws H1ParseException {
        if (to - from == 8 && Arrays.equals(buf, from, from + 5, HTTP_SLASH, 0, 5) && H1Syntax.isDigit(buf[from + 5])
                && buf[from + 6] == '.' && H1Syntax.isDigit(buf[from + 7])) {
            return map(buf[from + 5] - '0', buf[from + 7] - '0') == HttpVersion.HTTP_1_1 ? HTTP_1_1 : HTTP_1_0;
        }
        if (unsafe) {
            String text = H1Syntax.latin1(buf, from, to);
            // Unsafe mode: PROTOCOL "/" major [ "." minor ], any digits; HAProxy then treats the
            // request as HTTP/1.0 (it adds "Connection: keep-alive" when forwarding).
            int slash = text.indexOf('/');
            String protocol = slash > 0 ? text.substring(0, slash) : "";
            boolean protocolOk = request ? isToken(protocol) : protocol.equals("HTTP");
            String number = slash > 0 ? text.substring(slash + 1) : "";
            int dot = number.indexOf('.');
            boolean numberOk = dot < 0 ? allDigits(number, 0, number.length()) && !number.isEmpty()
                    : dot > 0 && dot < number.length() - 1 && allDigits(number, 0, dot)
                            && allDigits(number, dot + 1, number.length());
            if (protocolOk && numberOk) {
                return new VersionCheck(HttpVersion.HTTP_1_0, true);
            }
        }
        throw new H1ParseException(errorStatus, "invalid HTTP version", from);
    }

    private static HttpVersion map(int major, int minor) {
        return major > 1 || (major == 1 && minor >= 1) ? HttpVersion.HTTP_1_1 : HttpVersion.HTTP_1_0;
    }

    private static boolean allDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!H1Syntax.isTchar((byte) s.charAt(i))) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /** End of the line content (before CRLF or LF); a bare CR inside is refused (RFC 9112 §2.2). */
    private static int lineEnd(byte[] buf, int pos, int end, int errorStatus) throws H1ParseException {
        int lf = H1Syntax.indexOf(buf, LF, pos, end);
        if (lf < 0) {
            throw new H1ParseException(errorStatus, "incomplete head", end);
        }
        int lineEnd = lf > pos && buf[lf - 1] == CR ? lf - 1 : lf;
        int bareCr = H1Syntax.indexOf(buf, CR, pos, lineEnd);
        if (bareCr >= 0) {
            throw new H1ParseException(errorStatus, "bare CR in start line", bareCr);
        }
        return lineEnd;
    }

    private static int nextLine(byte[] buf, int lineEnd) {
        return buf[lineEnd] == CR ? lineEnd + 2 : lineEnd + 1;
    }

    private static int skipWhitespace(byte[] buf, int i, int end) {
        while (i < end && H1Syntax.isWhitespace(buf[i])) {
            i++;
        }
        return i;
    }
}
