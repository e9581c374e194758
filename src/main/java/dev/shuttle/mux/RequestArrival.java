package dev.shuttle.mux;

import java.io.IOException;

/**
 * What came on a client stream where a request was awaited: a request, nothing (the client closed
 * or went silent), or something that is not a request. The exchange decides how each ends.
 */
public sealed interface RequestArrival {
    /** A complete, valid request head. */
    record Received(IncomingRequest request) implements RequestArrival {}

    /**
     * No complete head: the client closed ({@code timedOut} false) or its time ran out; {@code
     * anyByte} tells whether it had started one; {@code failure} is the read error behind a close
     * (a reset), null for a clean close or a timeout.
     */
    record Absent(boolean timedOut, boolean anyByte, IOException failure) implements RequestArrival {
        public Absent(boolean timedOut, boolean anyByte) {
            this(timedOut, anyByte, null);
        }
    }

    /**
     * A head that breaks the protocol or does not fit: answered with {@code status} (400 mostly);
     * {@code head} is the refused head for {@code show errors}, null when the parser saw none.
     */
    record Malformed(int status, MalformedHead head) implements RequestArrival {
        public Malformed(int status) {
            this(status, null);
        }
    }
}
