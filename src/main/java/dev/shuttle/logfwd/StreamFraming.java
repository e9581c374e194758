package dev.shuttle.logfwd;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads syslog messages from a TCP stream, framed as RFC 6587 §3.4 describes: octet counting
 * ({@code <length> <message>}, §3.4.1) when a frame starts with a digit, else non-transparent
 * framing (a message ends with a line feed, §3.4.2); {@code option assume-rfc6587-ntf} forces the
 * latter. A message is at most {@link #MAX_MESSAGE} bytes: a longer line is cut there and the
 * rest of it skipped; a longer count ends the connection, as its framing cannot be trusted.
 */
final class StreamFraming {
    /** The longest message taken, as HAProxy's 64 kB buffer would. */
    static final int MAX_MESSAGE = 65535;

    private final InputStream in;
    private final boolean alwaysLineFeed;
    private final ByteArrayOutputStream frame = new ByteArrayOutputStream();

    StreamFraming(InputStream in, boolean alwaysLineFeed) {
        this.in = in;
        this.alwaysLineFeed = alwaysLineFeed;
    }

    /** The next message as Latin-1 text, or null at the end of the stream. */
    String next() throws IOException {
        frame.reset();
        int first = in.read();
        if (first < 0) {
            return null;
        }
        if (!alwaysLineFeed && first >= '1' && first <= '9') {
            return counted(first);
        }
        int b = first;
        while (b >= 0 && b != '\n') {
            if (frame.size() < MAX_MESSAGE) {
                frame.write(b);
            }
            b = in.read();
        }
        return frame.toString(StandardCharsets.ISO_8859_1);
    }

    /** §3.4.1: MSG-LEN SP SYSLOG-MSG, MSG-LEN a non-zero decimal number. */
    private String counted(int first) throws IOException {
        long length = first - '0';
        int b = in.read();
        while (b >= '0' && b <= '9') {
            length = length * 10 + (b - '0');
            if (length > MAX_MESSAGE) {
                throw new IOException("octet count beyond " + MAX_MESSAGE);
            }
            b = in.read();
        }
        if (b != ' ') {
            throw new IOException("an octet count is not followed by a space");
        }
        byte[] message = in.readNBytes((int) length);
        if (message.length < length) {
            return null;
        }
        return new String(message, StandardCharsets.ISO_8859_1);
    }
}
