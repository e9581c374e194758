package dev.shuttle.h1;

import java.nio.charset.StandardCharsets;

/** Byte classes of RFC 9110 §5.6 and small helpers shared by the HTTP/1 parsers. */
final class H1Syntax {
    static final byte CR = '\r';
    static final byte LF = '\n';
    static final byte SP = ' ';
    static final byte HT = '\t';

    private static final boolean[] TCHAR = new boolean[256];

    static {
        // RFC 9110 §5.6.2: tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." /
        //                          "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[Character.toUpperCase(c)] = true;
        }
    }

    private H1Syntax() {}

    static boolean isTchar(byte b) {
        return TCHAR[b & 0xff];
    }

    static boolean isWhitespace(byte b) {
        return b == SP || b == HT;
    }

    static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    static int indexOf(byte[] buf, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    /** Bytes as a string, one char per byte, so that whatever was received is forwarded unchanged. */
    static String latin1(byte[] buf, int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** As {@link #latin1}, without the leading and trailing OWS of that range (RFC 9110 §5.6.3: SP / HTAB). */
    static String latin1TrimmingOws(byte[] buf, int from, int to) {
        while (from < to && isWhitespace(buf[from])) {
            from++;
        }
        while (to > from && isWhitespace(buf[to - 1])) {
            to--;
        }
        return latin1(buf, from, to);
    }

    /** Strips leading and trailing OWS (RFC 9110 §5.6.3: SP / HTAB). */
    static String trimOws(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == ' ' || s.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return s.substring(start, end);
    }
}
