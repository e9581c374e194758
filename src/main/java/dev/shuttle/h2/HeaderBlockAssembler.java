package dev.shuttle.h2;

import java.io.ByteArrayOutputStream;

/**
 * Gathers one header block from a HEADERS frame and its CONTINUATIONs (RFC 9113 §4.3, §6.10): while
 * a block is open, any other frame, or a CONTINUATION of another stream, is a connection error
 * PROTOCOL_ERROR; a CONTINUATION with no block open is one too.
 *
 * <p>The CONTINUATION flood (VU#421644: endless CONTINUATIONs, each small, never ending the block)
 * is bounded twice: by the block's total size and by the number of frames, both answered with
 * ENHANCE_YOUR_CALM before more is held.
 */
public final class HeaderBlockAssembler {
    private final int maxBlockSize;
    private final int maxContinuations;
    private ByteArrayOutputStream block;
    private Frame.Headers opening;
    private int continuations;

    /**
     * @param maxBlockSize the most octets a block may take across its frames (HAProxy bounds it by
     *                     {@code tune.bufsize})
     * @param maxContinuations the most CONTINUATION frames one block may take
     */
    public HeaderBlockAssembler(int maxBlockSize, int maxContinuations) {
        this.maxBlockSize = maxBlockSize;
        this.maxContinuations = maxContinuations;
    }

    /** A whole header block, with the HEADERS frame that opened it. */
    public record Block(Frame.Headers opening, byte[] bytes) {
    }

    /** Whether a block is open: the next frame must be its CONTINUATION. */
    public boolean isOpen() {
        return opening != null;
    }

    /** The stream of the open block, 0 when none is. */
    public int openStreamId() {
        return opening == null ? 0 : opening.streamId();
    }

    /**
     * Checks that {@code frame} may come now: while a block is open only its CONTINUATIONs may.
     * Call it for every frame before acting on it.
     */
    public void checkOrder(Frame frame) throws H2Exception {
        boolean continuation = frame instanceof Frame.Continuation;
        if (opening == null && continuation) {
            throw H2Exception.connection(H2ErrorCode.PROTOCOL_ERROR, "CONTINUATION without an open header block");
        }
        if (opening != null && (!continuation || frame.streamId() != opening.streamId())) {
            throw H2Exception.connection(H2ErrorCode.PROTOCOL_ERROR, frame.getClass().getSimpleName()
                    + " on stream " + frame.streamId() + " inside the header block of stream " + opening.streamId());
        }
    }

    /** Starts a block; returns it at once when the HEADERS frame ends it. */
    public Block start(Frame.Headers headers) throws H2Exception {
        checkSize(headers.blockFragment().length);
        if (headers.endHeaders()) {
            return new Block(headers, headers.blockFragment());
        }
        opening = headers;
        continuations = 0;
        block = new ByteArrayOutputStream(Math.max(256, headers.blockFragment().length * 2));
        block.writeBytes(headers.blockFragment());
        return null;
    }

    /** Adds a CONTINUATION (after {@link #checkOrder}); returns the block once it ends. */
    public Block add(Frame.Continuation continuation) throws H2Exception {
        if (++continuations > maxContinuations) {
            throw H2Exception.connection(H2ErrorCode.ENHANCE_YOUR_CALM,
                    "header block in more than " + maxContinuations + " CONTINUATION frames");
        }
        checkSize(block.size() + continuation.blockFragment().length);
        block.writeBytes(continuation.blockFragment());
        if (!continuation.endHeaders()) {
            return null;
        }
        Block whole = new Block(opening, block.toByteArray());
        opening = null;
        block = null;
        return whole;
    }

    private void checkSize(long size) throws H2Exception {
        if (size > maxBlockSize) {
            throw H2Exception.connection(H2ErrorCode.ENHANCE_YOUR_CALM,
                    "header block of more than " + maxBlockSize + " octets");
        }
    }
}
