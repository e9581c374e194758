package dev.shuttle.mux;

/**
 * What came on a client stream where a request was awaited: a request, nothing (the client closed
 * or went silent), or something that is not a request. The exchange decides how each ends.
 */
public sealed interface RequestArrival {
    /** A complete, valid request head. */
    record Received(IncomingRequest request) implements RequestArrival {}

    /**
     * No complete head: the client closed ({@code timedOut} false) or its time ran out; {@code
     * anyByte} tells whether it had started one.
     */
    record Absent(boolean timedOut, boolean anyByte) implements RequestArrival {}

    /** A head that breaks the protocol or does not fit: answered with {@code status} (400 mostly). */
    record Malformed(int status) implements RequestArrival {}
}
