package dev.shuttle.stats.proxy;

import static dev.shuttle.stats.StatField.CHKDOWN;
import static dev.shuttle.stats.StatField.CHKFAIL;
import static dev.shuttle.stats.StatField.DOWNTIME;
import static dev.shuttle.stats.StatField.LASTCHG;

import dev.shuttle.backend.Backend;
import dev.shuttle.server.Server;
import dev.shuttle.stats.StateHistory;
import dev.shuttle.stats.StatRow;

/** The up/down history columns: {@code chkfail}, {@code chkdown}, {@code lastchg}, {@code downtime}. */
final class HistoryColumns {
    private HistoryColumns() {}

    /** A server's: the check counters only when it is checked (stats-proxy.c, stcol_hide()). */
    static void server(StatRow row, Server server, boolean checked) {
        StateHistory history = server.history();
        if (checked) {
            row.set(CHKFAIL, history.checkFailures()).set(CHKDOWN, history.downTransitions());
        }
        row.set(LASTCHG, history.secondsSinceLastChange());
        if (checked) {
            row.set(DOWNTIME, history.downtimeSeconds());
        }
    }

    /** A backend's: its own transitions, and a downtime only when it has servers. */
    static void backend(StatRow row, Backend backend) {
        StateHistory history = backend.history();
        row.set(CHKDOWN, history.downTransitions()).set(LASTCHG, history.secondsSinceLastChange());
        if (!backend.servers().isEmpty()) {
            row.set(DOWNTIME, history.downtimeSeconds());
        }
    }
}
