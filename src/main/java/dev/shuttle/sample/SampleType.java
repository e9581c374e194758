package dev.shuttle.sample;

/**
 * The types a sample can have (configuration.txt §7.1, "Using ACLs and fetching samples"):
 * fetches produce them, converters take and give them, and values are cast between them as
 * HAProxy casts them ({@code sample.c}'s cast table).
 */
public enum SampleType {
    /** true or false. */
    BOOL,
    /** A signed 64-bit integer. */
    SINT,
    /** An IPv4 address (4 bytes). */
    IPV4,
    /** An IPv6 address (16 bytes). */
    IPV6,
    /** Text (kept as a Java string of ISO-8859-1 characters, byte for byte). */
    STR,
    /** Raw bytes. */
    BIN,
    /** An HTTP method (well-known or not). */
    METH;

    /** Whether this is one of the two address types (HAProxy's {@code addr} pseudo-type). */
    public boolean isAddress() {
        return this == IPV4 || this == IPV6;
    }
}
