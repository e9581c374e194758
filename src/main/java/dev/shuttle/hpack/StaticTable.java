package dev.shuttle.hpack;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The static table of RFC 7541 Appendix A: 61 fields every HTTP/2 peer knows by index, the most
 * common names (and a few name-value pairs such as {@code :method: GET}). Index 1 is its first
 * entry; the dynamic table's entries follow from index 62 (§2.3.3).
 */
final class StaticTable {
    static final List<HeaderField> ENTRIES = List.of(
            new HeaderField(":authority", ""),
            new HeaderField(":method", "GET"),
            new HeaderField(":method", "POST"),
            new HeaderField(":path", "/"),
            new HeaderField(":path", "/index.html"),
            new HeaderField(":scheme", "http"),
            new HeaderField(":scheme", "https"),
            new HeaderField(":status", "200"),
            new HeaderField(":status", "204"),
            new HeaderField(":status", "206"),
            new HeaderField(":status", "304"),
            new HeaderField(":status", "400"),
            new HeaderField(":status", "404"),
            new HeaderField(":status", "500"),
            new HeaderField("accept-charset", ""),
            new HeaderField("accept-encoding", "gzip, deflate"),
            new HeaderField("accept-language", ""),
            new HeaderField("accept-ranges", ""),
            new HeaderField("accept", ""),
            new HeaderField("access-control-allow-origin", ""),
            new HeaderField("age", ""),
            new HeaderField("allow", ""),
            new HeaderField("authorization", ""),
            new HeaderField("cache-control", ""),
            new HeaderField("content-disposition", ""),
            new HeaderField("content-encoding", ""),
            new HeaderField("content-language", ""),
            new HeaderField("content-length", ""),
            new HeaderField("content-location", ""),
            new HeaderField("content-range", ""),
            new HeaderField("content-type", ""),
            new HeaderField("cookie", ""),
            new HeaderField("date", ""),
            new HeaderField("etag", ""),
            new HeaderField("expect", ""),
            new HeaderField("expires", ""),
            new HeaderField("from", ""),
            new HeaderField("host", ""),
            new HeaderField("if-match", ""),
            new HeaderField("if-modified-since", ""),
            new HeaderField("if-none-match", ""),
            new HeaderField("if-range", ""),
            new HeaderField("if-unmodified-since", ""),
            new HeaderField("last-modified", ""),
            new HeaderField("link", ""),
            new HeaderField("location", ""),
            new HeaderField("max-forwards", ""),
            new HeaderField("proxy-authenticate", ""),
            new HeaderField("proxy-authorization", ""),
            new HeaderField("range", ""),
            new HeaderField("referer", ""),
            new HeaderField("refresh", ""),
            new HeaderField("retry-after", ""),
            new HeaderField("server", ""),
            new HeaderField("set-cookie", ""),
            new HeaderField("strict-transport-security", ""),
            new HeaderField("transfer-encoding", ""),
            new HeaderField("user-agent", ""),
            new HeaderField("vary", ""),
            new HeaderField("via", ""),
            new HeaderField("www-authenticate", ""));

    /** How many entries: the first dynamic index is one more. */
    static final int SIZE = ENTRIES.size();

    /** The lowest index of each name-and-value pair, for the encoder. */
    private static final Map<HeaderField, Integer> INDEX_OF_FIELD = new HashMap<>();
    /** The lowest index of each name, for the encoder. */
    private static final Map<String, Integer> INDEX_OF_NAME = new HashMap<>();

    static {
        for (int i = SIZE; i >= 1; i--) {
            HeaderField field = ENTRIES.get(i - 1);
            INDEX_OF_FIELD.put(field, i);
            INDEX_OF_NAME.put(field.name(), i);
        }
    }

    private StaticTable() {
    }

    /** The entry at {@code index}, 1 to {@link #SIZE}. */
    static HeaderField get(int index) {
        return ENTRIES.get(index - 1);
    }

    /** The index of this exact name and value, or 0. */
    static int indexOf(HeaderField field) {
        return INDEX_OF_FIELD.getOrDefault(field, 0);
    }

    /** The index of the first entry with this name, or 0. */
    static int indexOfName(String name) {
        return INDEX_OF_NAME.getOrDefault(name, 0);
    }
}
