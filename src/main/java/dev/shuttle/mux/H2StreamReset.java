package dev.shuttle.mux;

import java.io.IOException;

/** The client reset its stream (RST_STREAM) or its connection broke: the stream's reads and writes end. */
final class H2StreamReset extends IOException {
    H2StreamReset(String message) {
        super(message);
    }
}
