package dev.shuttle.http;

/**
 * A request-target that has none of the four forms of RFC 9112 §3.2, or one the method does not
 * allow: a client error (400). Carries a short reason and the target's offset in the parsed
 * buffer, for the codec that read it to report as its own parse error.
 */
public final class RequestTargetException extends Exception {
    private final String reason;
    private final int position;

    public RequestTargetException(String reason, int position) {
        super("400 " + reason + " at " + position);
        this.reason = reason;
        this.position = position;
    }

    public String reason() {
        return reason;
    }

    public int position() {
        return position;
    }
}
