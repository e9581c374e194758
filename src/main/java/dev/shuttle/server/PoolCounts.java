package dev.shuttle.server;

/**
 * A snapshot of a server's connection counters, as {@code show servers conn} prints them.
 *
 * @param used           connections owned by an exchange (private ones, a client session's, are not counted)
 * @param idle           connections in the idle list (one exchange carried)
 * @param safe           connections in the safe list (reused at least once)
 * @param peakUsed       the most connections used at once since the last purge
 * @param estimatedNeed  the connections the purge estimates the server needs
 */
public record PoolCounts(int used, int idle, int safe, int peakUsed, int estimatedNeed) {
    /** Idle and safe connections together: every connection waiting in the pool. */
    public int waiting() {
        return idle + safe;
    }
}
