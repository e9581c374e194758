package dev.shuttle.h1;

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
}
