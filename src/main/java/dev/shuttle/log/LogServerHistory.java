package dev.shuttle.log;

import dev.shuttle.server.CheckReport;
import dev.shuttle.server.LogBackendStats;

/**
 * The up/down history of a log server, or of a log backend as a whole, for the stats: its down
 * transitions ({@code chkdown}), when its state last changed, the time it spent down; and for a
 * checked server, its last check's result and its failures ({@code chkfail}). Mutable; its
 * {@link LogBackend} guards it.
 */
final class LogServerHistory {
    private CheckReport report = CheckReport.NONE;
    private long checkFailures;
    private long downTransitions;
    private long lastChangeNanos;
    private long downtimeNanos;
    private boolean up;

    /** @param up its state at the start: a server is up until its check says otherwise */
    LogServerHistory(long startNanos, boolean up) {
        this.lastChangeNanos = startNanos;
        this.up = up;
    }

    void checked(CheckReport report, boolean counted) {
        this.report = report;
        if (counted) {
            checkFailures++;
        }
    }

    /**
     * {@code clear counters all} (management.txt §9.3): its {@code chkfail} and {@code chkdown} go
     * back to 0, as 3.5's counters_be_reset() clears them; the time spent down and the last change stay.
     */
    void clearCounters() {
        checkFailures = 0;
        downTransitions = 0;
    }

    CheckReport report() {
        return report;
    }

    long checkFailures() {
        return checkFailures;
    }

    /** The state at {@code nowNanos}: a down period ends, or one begins; nothing when it is the same. */
    void state(boolean nowUp, long nowNanos) {
        if (nowUp == up) {
            return;
        }
        if (nowUp) {
            downtimeNanos += nowNanos - lastChangeNanos;
        } else {
            downTransitions++;
        }
        up = nowUp;
        lastChangeNanos = nowNanos;
    }

    LogBackendStats.History snapshot(long nowNanos) {
        long down = downtimeNanos + (up ? 0 : nowNanos - lastChangeNanos);
        return new LogBackendStats.History(downTransitions, (nowNanos - lastChangeNanos) / 1_000_000_000L,
                down / 1_000_000_000L);
    }
}
