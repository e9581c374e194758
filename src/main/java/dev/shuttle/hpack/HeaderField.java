package dev.shuttle.hpack;

import java.util.Objects;

/**
 * One header field: a name and a value, each an ISO-8859-1 string (one char per octet).
 *
 * @param name the field name (HTTP/2 names are lower case; the codec does not enforce it, the
 *             HTTP/2 layer does, RFC 9113 §8.2.1)
 * @param value the field value
 */
public record HeaderField(String name, String value) {
    /** The overhead RFC 7541 §4.1 adds to a field's octets when it counts a table's size. */
    public static final int ENTRY_OVERHEAD = 32;

    public HeaderField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** The field's size in a table: its name's and value's octets plus 32 (RFC 7541 §4.1). */
    public int size() {
        return name.length() + value.length() + ENTRY_OVERHEAD;
    }
}
