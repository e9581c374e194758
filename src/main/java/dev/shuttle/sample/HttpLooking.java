package dev.shuttle.sample;

import java.util.Optional;

/**
 * {@code req.proto_http} (configuration.txt §7.3.5): whether the client's first bytes are an
 * HTTP/1 request head that parses (RFC 9112 §3: {@code method SP request-target SP HTTP-version};
 * §5: {@code field-name ":" field-value} lines; an empty line ends it). It "does not match until
 * the request is complete, failed or timed out": while the head is incomplete and more may come,
 * there is no answer yet and the rule waits.
 */
final class HttpLooking {
    private HttpLooking() {}

    private static final String SEPARATORS = "\"(),/:;<=>?@[\\]{}";

    static Optional<Sample> test(Optional<ContentBuffer> buffered, SampleContext context) {
        if (buffered.isEmpty()) {
            return Optional.empty();
        }
        ContentBuffer content = buffered.get();
        int length = content.length();
        int lineStart = 0;
        boolean first = true;
        while (true) {
            int lineEnd = lineEnd(content, lineStart, length);
            if (lineEnd < 0) {
                // incomplete: a line already known to be wrong fails now, else wait for more
                if (!content.isFinal()) {
                    context.answerMayChange();
                }
                return Optional.empty();
            }
            int textEnd = lineEnd > lineStart && content.byteAt(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
            if (first) {
                if (!requestLine(content, lineStart, textEnd)) {
                    return Optional.of(Sample.bool(false));
                }
                first = false;
            } else if (textEnd == lineStart) {
                return Optional.of(Sample.bool(true));
            } else if (!fieldLine(content, lineStart, textEnd)) {
                return Optional.of(Sample.bool(false));
            }
            lineStart = lineEnd + 1;
        }
    }

    /** The index of the next LF at or after {@code from}, or -1. */
    private static int lineEnd(ContentBuffer content, int from, int length) {
        for (int i = from; i < length; i++) {
            if (content.byteAt(i) == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static boolean isToken(int c) {
        return c > 32 && c < 127 && SEPARATORS.indexOf(c) < 0;
    }

    private static boolean requestLine(ContentBuffer content, int start, int end) {
        int i = start;
        while (i < end && isToken(content.byteAt(i))) {
            i++;
        }
        if (i == start || i >= end || content.byteAt(i) != ' ') {
            return false;
        }
        int target = ++i;
        while (i < end && content.byteAt(i) > 32 && content.byteAt(i) != 127) {
            i++;
        }
        if (i == target || i >= end || content.byteAt(i) != ' ') {
            return false;
        }
        i++;
        String version = "HTTP/d.d";
        if (end - i != version.length()) {
            return false;
        }
        for (int k = 0; k < version.length(); k++) {
            int c = content.byteAt(i + k);
            boolean ok = version.charAt(k) == 'd' ? c >= '0' && c <= '9' : c == version.charAt(k);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean fieldLine(ContentBuffer content, int start, int end) {
        int i = start;
        while (i < end && isToken(content.byteAt(i))) {
            i++;
        }
        if (i == start || i >= end || content.byteAt(i) != ':') {
            return false;
        }
        for (i++; i < end; i++) {
            int c = content.byteAt(i);
            if (c < 32 && c != '\t' || c == 127) {
                return false;
            }
        }
        return true;
    }
}
