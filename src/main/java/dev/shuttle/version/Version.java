package dev.shuttle.version;

/**
 * Shuttle's own version, and the HAProxy version whose behaviour it claims to reproduce.
 *
 * <p>The compatibility level is what {@code version_atleast()} and {@code version_before()} compare
 * against in {@code .if} blocks and in {@code -cc}: reg-tests use those predicates to skip what an
 * older HAProxy cannot do, so the level must never claim more than Shuttle implements.
 */
public final class Version {
    /** Shuttle's release. */
    public static final String SHUTTLE = "0.1.0";

    /** The HAProxy version Shuttle answers as, in conditions and in {@code -v}. */
    public static final String HAPROXY_COMPATIBILITY = "3.1.0";

    /** Release date printed by {@code -v}, in HAProxy's YYYY/MM/DD layout. */
    public static final String DATE = "2026/11/21";

    private Version() {}
}
