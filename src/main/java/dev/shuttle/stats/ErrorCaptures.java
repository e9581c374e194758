package dev.shuttle.stats;

/**
 * The last malformed request and response one proxy refused ({@code show errors}): each new one
 * replaces the previous. Written by the connection threads that met them, read by the runtime API:
 * a volatile field each, written on the error path only.
 */
public final class ErrorCaptures {
    private volatile ErrorSnapshot lastRequest;
    private volatile ErrorSnapshot lastResponse;

    public void capture(ErrorSnapshot snapshot) {
        if (snapshot.request()) {
            lastRequest = snapshot;
        } else {
            lastResponse = snapshot;
        }
    }

    /** The last malformed request, or null. */
    public ErrorSnapshot lastRequest() {
        return lastRequest;
    }

    /** The last malformed response, or null. */
    public ErrorSnapshot lastResponse() {
        return lastResponse;
    }
}
