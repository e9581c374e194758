package dev.shuttle.h1;

/**
 * An HTTP/1 message that cannot be accepted: carries the status HAProxy answers with (400, 413,
 * 422 for requests; 502 for responses), a short reason for logs, and the byte offset of the
 * error in the parsed buffer (as {@code show errors} reports it).
 */
public final class H1ParseException extends Exception {
    private final int status;
    private final String reason;
    private final int position;

    public H1ParseException(int status, String reason, int position) {
        super(status + " " + reason + " at " + position);
        this.status = status;
        this.reason = reason;
        this.position = position;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public int position() {
        return position;
    }
}
