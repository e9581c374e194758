package dev.shuttle.server;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What the operator (or the configuration) allows a server to take, whatever its health
 * (management.txt, "set server <backend>/<server> state [ ready | drain | maint ]"; configuration.txt,
 * server "disabled").
 */
public enum AdminState {
    /** Normal mode: load-balanced and persistent requests. */
    READY(EnumSet.allOf(Traffic.class)),
    /** Out of load balancing (its weight counts as 0), but requests that name it still reach it. */
    DRAIN(EnumSet.of(Traffic.PERSISTENT)),
    /** No request at all; those in flight finish. Set by {@code disabled} or the runtime API. */
    MAINT(EnumSet.noneOf(Traffic.class));

    private final Set<Traffic> admitted;

    AdminState(EnumSet<Traffic> admitted) {
        this.admitted = admitted;
    }

    public boolean admits(Traffic traffic) {
        return admitted.contains(traffic);
    }

    /** The word of the runtime API and of the messages ({@code ready}, {@code drain}, {@code maint}). */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
