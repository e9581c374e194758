package dev.shuttle.mux;

import java.io.IOException;

/** A body could not be forwarded to its end; {@link #failure()} says which side failed and how. */
public final class BodyTransferException extends IOException {
    /** What ended the transfer. */
    public enum Failure {
        /** The body broke its framing (HTTP/1: a bad chunk size, a missing CRLF). */
        INVALID_BODY,
        /** The side sending the body went silent for its timeout. */
        SOURCE_TIMEOUT,
        /** The side sending the body closed before its end. */
        SOURCE_CLOSED,
        /** Writing to the receiving side failed (it closed, or the exchange aborted the transfer). */
        SINK_FAILED,
        /** The receiving side stopped taking the body for its timeout (an HTTP/2 write deadline). */
        SINK_TIMEOUT
    }

    private final Failure failure;

    public BodyTransferException(Failure failure, IOException cause) {
        super(failure + ": " + cause.getMessage(), cause);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
