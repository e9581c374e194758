package dev.shuttle.server;

import java.util.EnumSet;
import java.util.Set;

/**
 * Whether a server works, as its health checks will tell; the second dimension of its state, beside
 * the {@link AdminState} an operator sets. A server takes a kind of {@link Traffic} only when both
 * admit it.
 *
 * <p>Without health checks every server is {@link #UP}. Checks (a later issue) add HAProxy's other
 * states here, each with what it admits: {@code STARTING} (slow start: balanced and persistent, at
 * a growing weight) and {@code STOPPING} (a check answered "stopping" or "drain": persistent only).
 */
public enum OperationalState {
    /** Working: takes what its admin state allows. */
    UP(EnumSet.allOf(Traffic.class)),
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
