package dev.shuttle.stats.proxy;

import static dev.shuttle.stats.StatField.*;

import dev.shuttle.server.CheckReport;
import dev.shuttle.server.Server;
import dev.shuttle.stats.StatRow;

/**
 * A checked server's health-check columns (management.txt §9.1 fields 36-38, 56, 65-69):
 * {@code check_status}, {@code check_code} (layer-7 results only), {@code check_duration},
 * {@code last_chk} (what the check found), {@code check_desc} (the status in words), and the
 * rise/fall/health of its counter. Empty for a server without {@code check} or whose check is disabled. The agent columns are
 * left empty: Shuttle's agent check reports through the server's state only.
 */
final class CheckColumns {
    private CheckColumns() {}

    static void fill(StatRow row, Server server) {
        // A health check off ("disable health", or a dynamic server's until "enable health") shows
        // nothing, as in 3.5.
        if (!server.checkControl().healthEnabled()) {
            return;
        }
        CheckReport report = server.lastCheck();
        int rise = report.rise() > 0 ? report.rise() : server.config().check().rise();
        int fall = report.fall() > 0 ? report.fall() : server.config().check().fall();
        int health = report.rise() > 0 ? report.health() : server.isUp() ? rise + fall - 1 : 0;
        fill(row, report, rise, fall, health);
    }

    /** The columns of a check's last {@code report}, and its counter's {@code rise}, {@code fall} and {@code health}. */
    static void fill(StatRow row, CheckReport report, int rise, int fall, int health) {
        if (report.status().isEmpty()) {
            // No check completed yet: HAProxy's "INI" with an empty result.
            row.set(CHECK_STATUS, "INI").set(LAST_CHK, "").set(CHECK_DESC, "Initializing");
        } else {
            row.set(CHECK_STATUS, report.status());
            if (report.code() >= 0 && report.status().startsWith("L7")) {
                row.set(CHECK_CODE, report.code());
            }
            row.set(CHECK_DURATION, Math.max(report.durationMillis(), 0));
            // The report reads "<status in words>[: <what the check found>]".
            String text = report.description();
            int colon = text.indexOf(": ");
            row.set(CHECK_DESC, colon < 0 ? text : text.substring(0, colon))
                    .set(LAST_CHK, colon < 0 ? "" : text.substring(colon + 2));
        }
        row.set(CHECK_RISE, rise).set(CHECK_FALL, fall).set(CHECK_HEALTH, health);
    }
}
