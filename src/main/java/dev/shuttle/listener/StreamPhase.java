package dev.shuttle.listener;

/**
 * Where a connection's virtual thread stands in its stream, as {@code show sess} reports it: what
 * no event-loop proxy can say, since there a stream has no thread of its own to be blocked in.
 * The connection's thread writes its phase at each step ({@link LiveStream#phase(StreamPhase)}, a
 * volatile write); the runtime API reads it from another thread.
 */
public enum StreamPhase {
    /** The connection's stages: {@code tcp-request connection} rules, the PROXY header, the TLS handshake. */
    SETTING_UP("setting up the connection"),
    /** Waiting for the first request's head, or reading it. */
    READING_REQUEST("reading request head"),
    /** A keep-alive connection between two exchanges, waiting for the next request. */
    IDLE("idle keep-alive"),
    /** The request is read: its rules run and the backend is chosen. */
    ANALYSING("analysing request"),
    /** Waiting for a server: in a queue for a free slot, or connecting (the thread's stack tells which). */
    GETTING_SERVER("connecting"),
    /** The request went to the server (its body may still be uploading): waiting for the response head. */
    WAITING_RESPONSE("waiting for response"),
    /** Forwarding the response's body to the client. */
    SENDING_BODY("sending body"),
    /** Both directions forwarded as bytes: a TCP session, or an HTTP connection after an upgrade. */
    TUNNEL("tunnel");

    private final String label;

    StreamPhase(String label) {
        this.label = label;
    }

    /** The phase in words, as the {@code thread=} column prints it (without its server). */
    public String label() {
        return label;
    }
}
