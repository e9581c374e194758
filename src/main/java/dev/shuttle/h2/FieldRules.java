package dev.shuttle.h2;

import java.util.Set;

/**
 * The rules RFC 9113 §8.2 sets on every field of a header block, requests and responses alike. A
 * field that breaks one makes the message malformed (§8.1.1): a stream error PROTOCOL_ERROR.
 * These checks are what keeps HTTP/2 from smuggling a second message into the HTTP/1.1 that a
 * server behind Shuttle reads (the "h2 desync" attacks).
 */
final class FieldRules {
    /** Connection-specific fields (§8.2.2): meaningless in HTTP/2, so a message carrying one is malformed. */
    static final Set<String> CONNECTION_SPECIFIC = Set.of("connection", "proxy-connection", "keep-alive",
            "upgrade", "transfer-encoding");

    private FieldRules() {
    }

    /**
     * A name must be a token (RFC 9110 §5.1) in lower case (§8.2.1); a pseudo-header's name is
     * checked after its colon.
     */
    static boolean isValidName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        int from = name.charAt(0) == ':' ? 1 : 0;
        if (from == name.length()) {
            return false;
        }
        for (int i = from; i < name.length(); i++) {
            char c = name.charAt(i);
            if ((c >= 'A' && c <= 'Z') || !isTokenChar(c)) {
                return false;
            }
        }
        return true;
    }

    /** A value may not hold NUL, CR or LF (§8.2.1). */
    static boolean isValidValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0 || c == '\r' || c == '\n') {
                return false;
            }
        }
        return true;
    }

    /** A {@code :path} may hold no control character, space or {@code #} (as HAProxy 3.x checks it). */
    static boolean isValidPath(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= ' ' || c == '#') {
                return false;
            }
        }
        return true;
    }

    /** A method is a token (RFC 9110 §9.1). */
    static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!isTokenChar(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The value without leading and trailing spaces and tabs (§8.2.1 lets a receiver trim them). */
    static String trim(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isSpace(value.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(start, end);
    }

    static H2Exception malformed(int streamId, String why) {
        return H2Exception.stream(streamId, H2ErrorCode.PROTOCOL_ERROR, "malformed message: " + why);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    /** RFC 9110 §5.6.2's tchar. */
    private static boolean isTokenChar(char c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return true;
        }
        return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
