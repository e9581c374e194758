package dev.shuttle.h1;

import dev.shuttle.http.HeaderList;
import java.util.EnumSet;

/**
 * The field rules requests and responses share: Content-Length and Transfer-Encoding validation
 * (RFC 9112 §6.1-6.3, RFC 9110 §8.6) and the Connection-related flags (RFC 9110 §7.6.1).
 */
final class H1MessageRules {
    private H1MessageRules() {}

    /** What the Transfer-Encoding fields said: whether chunked is there (last), and whether other codings precede it. */
    record Codings(boolean present, boolean chunked, boolean otherCodings) {}

    /**
     * RFC 9110 §8.6: Content-Length = 1*DIGIT. A list or repeated fields with one same value
     * ({@code 5, 5}) is taken as that value (RFC 9112 §6.3 point 5); different values, an empty
     * element, a sign or an overflow are refused. Returns -1 without Content-Length.
     */
    static long contentLength(H1HeaderFields.Block block, int errorStatus) throws H1ParseException {
        HeaderList fields = block.fields();
        long length = -1;
        for (int i = 0; i < fields.size(); i++) {
            if (!fields.get(i).hasName("Content-Length")) {
                continue;
            }
            String value = fields.get(i).value();
            int itemStart = 0;
            while (true) {
                int comma = value.indexOf(',', itemStart);
                int itemEnd = comma < 0 ? value.length() : comma;
                long parsed = parseDigits(value, itemStart, itemEnd);
                if (parsed < 0) {
                    throw new H1ParseException(errorStatus, "invalid Content-Length", block.positionOf("Content-Length"));
                }
                if (length >= 0 && parsed != length) {
                    throw new H1ParseException(errorStatus, "different Content-Length values",
                            block.positionOf("Content-Length"));
                }
                length = parsed;
                if (comma < 0) {
                    break;
                }
                itemStart = comma + 1;
            }
        }
        return length;
    }

    /**
     * The decimal digits of {@code text[from, to)}, around which OWS is allowed, as a long; or -1
     * if empty, not all digits, or above Long.MAX_VALUE.
     */
    static long parseDigits(String text, int from, int to) {
        while (from < to && isOws(text.charAt(from))) {
            from++;
        }
        while (to > from && isOws(text.charAt(to - 1))) {
            to--;
        }
        if (from == to) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            if (value > (Long.MAX_VALUE - (c - '0')) / 10) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** RFC 9110 §5.6.3: OWS = *( SP / HTAB ). */
    private static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }

    /**
     * Reads the coding list across all Transfer-Encoding fields (RFC 9112 §6.1), as HAProxy 3.x
     * does: chunked must be the last coding and appear once, and an empty field or an empty list
     * element (a leading, doubled or trailing comma) is refused too, since two agents may count
     * such a list differently (400 for a request, 502 for a response).
     */
    static Codings codings(H1HeaderFields.Block block, int errorStatus) throws H1ParseException {
        HeaderList fields = block.fields();
        boolean present = false;
        boolean chunked = false;
        boolean others = false;
        for (int i = 0; i < fields.size(); i++) {
            if (!fields.get(i).hasName("Transfer-Encoding")) {
                continue;
            }
            present = true;
            for (String item : fields.get(i).value().split(",", -1)) {
                String coding = H1Syntax.trimOws(item);
                if (coding.isEmpty()) {
                    throw new H1ParseException(errorStatus, "empty transfer coding", block.positionOf("Transfer-Encoding"));
                }
                if (chunked) {
                    // RFC 9112 §6.1: chunked must not be applied twice and must be the final coding.
                    throw new H1ParseException(errorStatus, coding.equalsIgnoreCase("chunked")
                            ? "chunked applied twice" : "chunked is not the final coding",
                            block.positionOf("Transfer-Encoding"));
                }
                if (coding.equalsIgnoreCase("chunked")) {
                    chunked = true;
                } else {
                    others = true;
                }
            }
        }
        if (present && !chunked) {
            // RFC 9112 §6.3 point 4: a request whose final coding is not chunked cannot be framed.
            throw new H1ParseException(errorStatus, "Transfer-Encoding without chunked",
                    block.positionOf("Transfer-Encoding"));
        }
        return new Codings(present, chunked, others);
    }

    /**
     * Replaces several Content-Length fields, a list, or a value not written canonically ({@code 005},
     * {@code " 5"}) by one field holding the single value in plain decimal, as HAProxy 3.x forwards it.
     */
    static void normalizeContentLength(HeaderList fields, long length) {
        String first = fields.first("Content-Length");
        if (first == null) {
            return;
        }
        if (!isPlainDecimal(first) || fields.count("Content-Length") > 1) {
            fields.set(nameOfFirst(fields, "Content-Length"), Long.toString(length));
        }
    }

    /** Digits only, without a leading zero unless it is "0": the one way to write a number. */
    private static boolean isPlainDecimal(String value) {
        if (value.isEmpty() || (value.charAt(0) == '0' && value.length() > 1)) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * A lone Transfer-Encoding field saying only chunked, in another case ({@code CHUNKED}), is sent
     * on as {@code chunked}: HAProxy 3.x writes the coding it framed the body with, in lower case.
     */
    static void normalizeChunked(HeaderList fields) {
        String value = fields.first("Transfer-Encoding");
        if (value != null && !value.equals("chunked") && H1Syntax.trimOws(value).equalsIgnoreCase("chunked")
                && fields.count("Transfer-Encoding") == 1) {
            fields.set(nameOfFirst(fields, "Transfer-Encoding"), "chunked");
        }
    }

    static String nameOfFirst(HeaderList fields, String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).hasName(name)) {
                return fields.get(i).name();
            }
        }
        return name;
    }

    /** RFC 9110 §7.6.1 Connection options, and Upgrade (RFC 9110 §7.8) when Connection names it. */
    static void connectionFlags(HeaderList fields, EnumSet<H1Flag> flags) {
        if (fields.hasToken("Connection", "close")) {
            flags.add(H1Flag.CONNECTION_CLOSE);
        }
        if (fields.hasToken("Connection", "keep-alive")) {
            flags.add(H1Flag.CONNECTION_KEEP_ALIVE);
        }
        if (fields.hasToken("Connection", "upgrade")) {
            flags.add(H1Flag.CONNECTION_UPGRADE);
            if (fields.contains("Upgrade")) {
                flags.add(H1Flag.UPGRADE);
                if (fields.hasToken("Upgrade", "websocket")) {
                    flags.add(H1Flag.WEBSOCKET);
                }
            }
        }
    }
}
