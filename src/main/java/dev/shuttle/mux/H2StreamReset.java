package dev.shuttle.mux;

import java.io.IOException;

/** The client reset its stream (RST_STREAM) or its connection broke: the stream's reads and writes end. */
public final class H2StreamReset extends IOException {
    /** Why, where a log tells the two apart ({@link ClientFailureWatch}). */
    public enum Cause {
        /** The client's RST_STREAM. */
        STREAM_RESET,
        /** The client closed the connection (its end of stream). */
        CONNECTION_CLOSED,
        /** Anything else: a runtime API's kill, a connection that broke otherwise. */
        OTHER
    }

    private final Cause cause;

    H2StreamReset(String message) {
        this(message, Cause.OTHER);
    }

    public H2StreamReset(String message, Cause cause) {
        super(message);
        this.cause = cause;
    }

    public Cause why() {
        return cause;
    }
}
