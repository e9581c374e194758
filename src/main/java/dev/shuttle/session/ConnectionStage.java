package dev.shuttle.session;

import java.io.IOException;

/**
 * One optional step between {@code accept} and the mux, in HAProxy's order: the {@code tcp-request
 * connection} rules, the PROXY header, TLS, the {@code tcp-request session} rules. Each stage either
 * lets the connection go on (possibly changed: a TLS stage wraps its socket) or ends it.
 */
@FunctionalInterface
public interface ConnectionStage {
    /** What a stage decided. */
    sealed interface Outcome {
        /** The connection goes on to the next stage, as {@code connection}. */
        record Proceed(ClientConnection connection) implements Outcome {}

        /** The stage ended the connection (a rule rejected it); it is already counted. */
        record Ended() implements Outcome {}

        Outcome ENDED = new Ended();
    }

    Outcome run(Session session, ClientConnection connection) throws IOException;
}
