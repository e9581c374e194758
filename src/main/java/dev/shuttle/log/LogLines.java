package dev.shuttle.log;

/**
 * Lays a message out as the bytes that leave the process: header, text, and a final line feed,
 * cut to the target's {@code len}. HAProxy 3.5 counts the header and the line feed in {@code len}
 * and keeps the line feed: with {@code len 80}, a long message becomes its first 79 bytes and
 * {@code \n}, on the wire and on stdout alike (checked with a UDP receiver).
 */
final class LogLines {
    private LogLines() {}

    /** How many bytes {@link #put} writes for this header and text under {@code maxLength}. */
    static int length(String header, CharSequence text, int maxLength) {
        return Math.min(header.length() + text.length() + 1, maxLength);
    }

    /**
     * Writes the line at {@code at} in {@code into} (which has room for {@link #length}) as
     * Latin-1 bytes, the bytes HTTP fields and the configuration were decoded from (anything
     * beyond Latin-1 becomes {@code ?}); returns the end.
     */
    static int put(String header, CharSequence text, int maxLength, byte[] into, int at) {
        int room = length(header, text, maxLength) - 1;
        int end = at + room;
        at = putLatin1(header, Math.min(header.length(), room), into, at);
        at = putLatin1(text, end - at, into, at);
        into[at++] = '\n';
        return at;
    }

    /** The line alone, in an array of its own. */
    static byte[] bytes(String header, CharSequence text, int maxLength) {
        byte[] line = new byte[length(header, text, maxLength)];
        put(header, text, maxLength, line, 0);
        return line;
    }

    private static int putLatin1(CharSequence text, int count, byte[] into, int at) {
        for (int i = 0; i < count; i++) {
            char c = text.charAt(i);
            into[at++] = c <= 0xFF ? (byte) c : (byte) '?';
        }
        return at;
    }
}
