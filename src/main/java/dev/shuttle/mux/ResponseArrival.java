package dev.shuttle.mux;

/** What came on a server stream where a response was awaited. */
public sealed interface ResponseArrival {
    /** A complete, valid response head (an interim one included). */
    record Received(IncomingResponse response) implements ResponseArrival {}

    /**
     * No complete head: the server closed ({@code timedOut} false) or its time ran out; {@code
     * anyByte} tells whether it had started one.
     */
    record Absent(boolean timedOut, boolean anyByte) implements ResponseArrival {}

    /** A head that breaks the protocol or does not fit. */
    record Malformed() implements ResponseArrival {}
}
