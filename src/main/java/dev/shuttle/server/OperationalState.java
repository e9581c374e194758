package dev.shuttle.server;

import java.util.EnumSet;
import java.util.Set;

/**
 * Whether a server works, as its health checks will tell; the second dimension of its state, beside
 * the {@link AdminState} an operator sets. A server takes a kind of {@link Traffic} only when both
 * admit it.
 *
 * <p>Without health checks every server is {@link #UP}. Checks move it between the three states
 * (configuration.txt, "check", "http-check disable-on-404"); HAProxy's {@code STARTING} (slow start)
 * is not there yet.
 */
public enum OperationalState {
    /** Working: takes what its admin state allows. */
    UP(EnumSet.allOf(Traffic.class)),
    /**
     * Passed its checks but asked to be left out of load balancing (an HTTP check answered 404
     * with {@code http-check disable-on-404}): only requests that name it, as in drain mode.
     */
    STOPPING(EnumSet.of(Traffic.PERSISTENT)),
    /** Failed its checks: takes nothing, whatever its admin state. */
    DOWN(EnumSet.noneOf(Traffic.class));

    private final Set<Traffic> admitted;

    OperationalState(EnumSet<Traffic> admitted) {
        this.admitted = admitted;
    }

    public boolean admits(Traffic traffic) {
        return admitted.contains(traffic);
    }
}
