package dev.shuttle.h2;

import java.nio.charset.StandardCharsets;

/**
 * The client's connection preface (RFC 9113 §3.4): these 24 octets, then a SETTINGS frame. A bind
 * that speaks HTTP/1.1 tells an HTTP/2 client with prior knowledge by them: they start like a
 * request line with the method {@code PRI}, which no HTTP/1.1 client sends.
 */
public final class ConnectionPreface {
    private static final byte[] OCTETS = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** The preface's length. */
    public static final int LENGTH = OCTETS.length;

    private ConnectionPreface() {
    }

    public static byte[] octets() {
        return OCTETS.clone();
    }

    /** Whether the {@code length} octets at {@code offset} match the preface's start (all of it when long enough). */
    public static boolean matchesStart(byte[] bytes, int offset, int length) {
        int count = Math.min(length, LENGTH);
        for (int i = 0; i < count; i++) {
            if (bytes[offset + i] != OCTETS[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the octets hold the whole preface. */
    public static boolean matches(byte[] bytes, int offset, int length) {
        return length >= LENGTH && matchesStart(bytes, offset, LENGTH);
    }
}
