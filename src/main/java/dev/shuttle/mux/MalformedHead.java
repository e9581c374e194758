package dev.shuttle.mux;

import java.util.Arrays;

/**
 * A copy of a message head the HTTP/1 parser refused, for {@code show errors} (management.txt): its
 * bytes as they were in the connection's buffer (bounded by the buffer's size), where the parser
 * stopped, why, and the size of the buffer that held them. Made on the error path only.
 *
 * @param position   the offset of the byte the parser refused, from the head's first byte
 * @param bufferSize the size of the buffer the head was read into ({@code tune.bufsize})
 */
public record MalformedHead(byte[] bytes, int position, String reason, int bufferSize) {
    /**
     * Copies {@code length} bytes of {@code buffer} from {@code start}; {@code errorIndex} is the
     * refused byte's index in {@code buffer}, as the parser reports it.
     */
    static MalformedHead copy(byte[] buffer, int start, int length, int errorIndex, String reason) {
        int kept = Math.max(0, Math.min(length, buffer.length - start));
        return new MalformedHead(Arrays.copyOfRange(buffer, start, start + kept), Math.max(0, errorIndex - start),
                reason, buffer.length);
    }
}
