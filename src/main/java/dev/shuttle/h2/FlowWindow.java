package dev.shuttle.h2;

/**
 * One flow-control window (RFC 9113 §5.2, §6.9): how many octets of DATA the sender may still
 * send. The receiver's copy is charged as DATA arrives and credited by the WINDOW_UPDATEs it sends;
 * the sender's copy is charged as it sends and credited by the WINDOW_UPDATEs it receives. A change
 * of SETTINGS_INITIAL_WINDOW_SIZE moves every stream window by the difference and may leave one
 * negative (§6.9.2). Arithmetic only: the connection holds the lock that guards it.
 */
public final class FlowWindow {
    private final int streamId;
    private long available;

    /** @param streamId the stream it belongs to, 0 for the connection's window */
    public FlowWindow(int streamId, int initial) {
        this.streamId = streamId;
        this.available = initial;
    }

    public long available() {
        return available;
    }

    /**
     * Charges received DATA: more than the window allows is a FLOW_CONTROL_ERROR (§6.9.1), of the
     * connection for its window, of the stream for a stream's.
     */
    public void receive(int octets) throws H2Exception {
        if (octets > available) {
            throw error("received " + octets + " octets with a window of " + available);
        }
        available -= octets;
    }

    /** Charges DATA this side sends; the caller sent no more than {@link #available()}. */
    public void send(int octets) {
        if (octets > available) {
            throw new IllegalStateException("sending " + octets + " octets with a window of " + available);
        }
        available -= octets;
    }

    /** A WINDOW_UPDATE: past 2^31 - 1 is a FLOW_CONTROL_ERROR (§6.9.1). */
    public void increase(int increment) throws H2Exception {
        if (available + increment > Setting.MAX_WINDOW) {
            throw error("window update of " + increment + " takes the window past 2^31-1");
        }
        available += increment;
    }

    /** A new SETTINGS_INITIAL_WINDOW_SIZE: the window moves by the difference (§6.9.2). */
    public void adjust(int delta) throws H2Exception {
        if (available + delta > Setting.MAX_WINDOW) {
            throw H2Exception.connection(H2ErrorCode.FLOW_CONTROL_ERROR,
                    "INITIAL_WINDOW_SIZE change takes stream " + streamId + "'s window past 2^31-1");
        }
        available += delta;
    }

    private H2Exception error(String message) {
        return streamId == 0
                ? H2Exception.connection(H2ErrorCode.FLOW_CONTROL_ERROR, message)
                : H2Exception.stream(streamId, H2ErrorCode.FLOW_CONTROL_ERROR, message);
    }
}
