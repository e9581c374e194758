package dev.shuttle.sample;

/**
 * The bytes a side of a TCP-mode stream sent that are buffered and not yet forwarded: what the
 * payload fetches of configuration.txt §7.3.5 ({@code req.len}, {@code req.payload}...) read while
 * {@code tcp-request content} rules inspect them. Set on the {@link SampleContext} by the stream
 * for as long as the inspection lasts; owned by the stream's thread.
 */
public interface ContentBuffer {
    /** How many bytes are buffered now. */
    int length();

    /** The byte at {@code index} (0 ≤ index < {@link #length()}), 0 to 255. */
    int byteAt(int index);

    /** A copy of {@code length} buffered bytes from {@code offset}. */
    byte[] copy(int offset, int length);

    /**
     * Whether no more bytes will come before the rules decide: the peer closed its side, the buffer
     * is full, or the inspect delay is over (HAProxy's {@code SMP_OPT_FINAL}). Until then a fetch
     * that lacks data says its answer may change, and a rule whose condition fails because of it
     * waits.
     */
    boolean isFinal();
}
