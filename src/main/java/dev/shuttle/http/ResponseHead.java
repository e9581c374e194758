package dev.shuttle.http;

/**
 * The head of an HTTP response, independent of the protocol that carried it. Mutable, because
 * rules rewrite it; owned by the thread handling the exchange.
 */
public final class ResponseHead {
    private HttpVersion version;
    private int status;
    private String reason;
    private final HeaderList headers;

    public ResponseHead(HttpVersion version, int status, String reason, HeaderList headers) {
        this.version = version;
        this.status = status;
        this.reason = reason;
        this.headers = headers;
    }

    public HttpVersion version() {
        return version;
    }

    public void version(HttpVersion newVersion) {
        version = newVersion;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    /** Sets the status and its reason phrase (an empty reason takes the standard one). */
    public void status(int newStatus, String newReason) {
        status = newStatus;
        reason = newReason == null || newReason.isEmpty() ? StatusReasons.of(newStatus) : newReason;
    }

    public HeaderList headers() {
        return headers;
    }

    /** 1xx: an interim response, followed by another (RFC 9110 §15.2). */
    public boolean isInterim() {
        return status >= 100 && status < 200;
    }
}
