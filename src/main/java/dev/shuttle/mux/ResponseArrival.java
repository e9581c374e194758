package dev.shuttle.mux;

import java.io.IOException;

/** What came on a server stream where a response was awaited. */
public sealed interface ResponseArrival {
    /** A complete, valid response head (an interim one included). */
    record Received(IncomingResponse response) implements ResponseArrival {}

    /**
     * No complete head: the server closed ({@code timedOut} false) or its time ran out; {@code
     * anyByte} tells whether it had started one; {@code failure} is the read error behind a close
     * (a reset), null for a clean close or a timeout.
     */
    record Absent(boolean timedOut, boolean anyByte, IOException failure) implements ResponseArrival {
        public Absent(boolean timedOut, boolean anyByte) {
            this(timedOut, anyByte, null);
        }
    }

    /** A head that breaks the protocol or does not fit; {@code head} is the refused head for {@code show errors}, or null. */
    record Malformed(MalformedHead head) implements ResponseArrival {
        public Malformed() {
            this(null);
        }
    }
}
