package dev.shuttle.h1;

import java.nio.charset.StandardCharsets;

/**
 * Finds where an HTTP/1 head ends: just past the empty line after the start line and fields
 * (RFC 9112 §2.1). Lines may end in CRLF or, as HAProxy accepts, in a bare LF (RFC 9112 §2.2
 * allows a recipient to do so); empty lines before the start line are skipped (RFC 9112 §2.2).
 *
 * <p>Meant to be called again as bytes arrive: pass the previous {@code to} as {@code resumeFrom}
 * and only the last few bytes are scanned again.
 */
public final class H1HeadScanner {
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private H1HeadScanner() {}

    /** Index just past the empty line ending the head in {@code buffer[from, to)}, or -1 if not there yet. */
    public static int findHeadEnd(byte[] buffer, int from, int to) {
        return findHeadEnd(buffer, from, to, from);
    }

    /**
     * As {@link #findHeadEnd(byte[], int, int)}, knowing that {@code buffer[from, resumeFrom)} was
     * already scanned without finding the end (so only its last 3 bytes are looked at again).
     */
    public static int findHeadEnd(byte[] buffer, int from, int to, int resumeFrom) {
        int start = skipLeadingEmptyLines(buffer, from, to);
        if (start < 0) {
            return -1;
        }
        // An end is "LF (CR) LF"; 3 bytes back is enough to catch one straddling the resume point.
        int i = Math.max(start, resumeFrom - 3);
        for (; i < to; i++) {
            if (buffer[i] != LF) {
                continue;
            }
            int next = i + 1;
            if (next < to && buffer[next] == LF) {
                return next + 1;
            }
            if (next + 1 < to && buffer[next] == CR && buffer[next + 1] == LF) {
                return next + 2;
            }
        }
        return -1;
    }

    /** Where the start line begins after any empty lines, or -1 if only empty lines (or a partial one) are there. */
    static int skipLeadingEmptyLines(byte[] buffer, int from, int to) {
        int i = from;
        while (i < to) {
            if (buffer[i] == LF) {
                i++;
            } else if (buffer[i] == CR) {
                if (i + 1 >= to) {
                    return -1;
                }
                if (buffer[i + 1] != LF) {
                    return i;
                }
                i += 2;
            } else {
                return i;
            }
        }
        return -1;
    }

    /** RFC 9113 §3.4: what a client speaking HTTP/2 with prior knowledge sends first. */
    private static final byte[] HTTP2_PREFACE =
            "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Whether {@code buffer[from, to)} starts with the whole HTTP/2 client preface. */
    public static boolean startsWithHttp2Preface(byte[] buffer, int from, int to) {
        if (to - from < HTTP2_PREFACE.length) {
            return false;
        }
        for (int i = 0; i < HTTP2_PREFACE.length; i++) {
            if (buffer[from + i] != HTTP2_PREFACE[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where a request line that has begun in {@code buffer[from, to)} is already broken because its
     * method is not a token (RFC 9112 §3: {@code method SP ...}, a method being a token of RFC 9110
     * §5.6.2): the offset of the first byte that cannot be part of a method, or -1 while the bytes so
     * far may still start a request. A TLS ClientHello, binary garbage or a line starting with a
     * space is known to be no request from its first byte, without waiting for a head's end.
     */
    public static int brokenMethodAt(byte[] buffer, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = buffer[i];
            if (b == ' ') {
                return i == from ? i : -1;
            }
            if (!H1Syntax.isTchar(b)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether a line feed ends the first line within {@code buffer[from, to)}. */
    public static boolean hasLineEnd(byte[] buffer, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == LF) {
                return true;
            }
        }
        return false;
    }
}
