package dev.shuttle.stream;

import dev.shuttle.http.HeaderList;
import dev.shuttle.http.RequestHead;
import dev.shuttle.http.ResponseHead;

/**
 * The size HAProxy counts for a message head in {@code %U} and {@code %B} ({@code req.bytes_in},
 * {@code res.bytes_in}: "what was received by HAProxy, including some headers and some internal
 * encoding overhead", configuration.txt §7.3.3). HAProxy counts its internal (HTX) form of the
 * head: a 20-byte start-line record with the line's three parts (no spaces, no CRLF), each header's
 * name and value (no {@code ": "}, no CRLF), and one byte for the end of the headers. Bodies count
 * as their payload. Measured on HAProxy 3.5: a request head of {@code H} headers counts
 * {@code 15 - 4H} bytes more than on the wire (difftest/log_differential.py checks it).
 */
final class HtxSizes {
    /** The start-line record (flags, method or status, three lengths) and the end-of-headers mark. */
    private static final int FIXED = 20 + 1;
    private static final String CONNECTION = "connection";

    private HtxSizes() {}

    static long request(RequestHead head) {
        return FIXED + head.method().length() + head.target().length() + head.version().text().length()
                + headers(head.headers());
    }

    static long response(ResponseHead head) {
        return FIXED + head.version().text().length() + digits(head.status()) + head.reason().length()
                + headers(head.headers());
    }

    /** The digits of a status (three, but counted: no string made per response). */
    private static int digits(int status) {
        int digits = 1;
        for (int rest = status / 10; rest > 0; rest /= 10) {
            digits++;
        }
        return digits;
    }

    private static long headers(HeaderList headers) {
        long size = 0;
        for (int i = 0; i < headers.size(); i++) {
            HeaderList.Field field = headers.get(i);
            if (!isConnectionModeOnly(field)) {
                size += field.name().length() + field.value().length();
            }
        }
        return size;
    }

    /**
     * A {@code Connection} header naming only {@code close} and {@code keep-alive}: HAProxy's HTTP/1
     * parser takes those tokens out of the message (they become flags), and the header with them
     * when nothing else is left, so they do not count (measured on 3.5 with "Connection: close").
     */
    private static boolean isConnectionModeOnly(HeaderList.Field field) {
        String name = field.name();
        // Four heads a request, every field: most are told apart by length and first letter, no case-folding compare.
        if (name.length() != CONNECTION.length() || (name.charAt(0) | 0x20) != 'c'
                || !name.equalsIgnoreCase(CONNECTION)) {
            return false;
        }
        String value = field.value();
        int start = 0;
        while (start <= value.length()) {
            int comma = value.indexOf(',', start);
            int end = comma < 0 ? value.length() : comma;
            while (start < end && value.charAt(start) == ' ') {
                start++;
            }
            int last = end;
            while (last > start && value.charAt(last - 1) == ' ') {
                last--;
            }
            int length = last - start;
            boolean known = length == 0 || length == 5 && value.regionMatches(true, start, "close", 0, 5)
                    || length == 10 && value.regionMatches(true, start, "keep-alive", 0, 10);
            if (!known) {
                return false;
            }
            start = end + 1;
        }
        return true;
    }
}
