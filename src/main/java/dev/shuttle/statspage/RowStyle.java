package dev.shuttle.statspage;

import dev.shuttle.stats.ObjectType;
import dev.shuttle.stats.StatField;
import dev.shuttle.stats.StatRow;

/**
 * The CSS class of a row, from its object and its status (the page's legend): a server's colour
 * says UP, DOWN, going up or down (a check on its way to {@code rise} or {@code fall}: "UP 1/3",
 * "DOWN 1/2"), MAINT, DRAIN, NOLB or not checked, active and backup servers in their own shades.
 */
final class RowStyle {
    private RowStyle() {}

    static String of(StatRow row) {
        if (row.type() == ObjectType.FRONTEND) {
            return "frontend";
        }
        if (row.type() == ObjectType.BACKEND) {
            return "backend";
        }
        if (row.type() == ObjectType.LISTENER) {
            return "socket";
        }
        String status = row.text(StatField.STATUS);
        if (status.startsWith("MAINT")) {
            return "maintain";
        }
        String side = row.has(StatField.BCK) && row.number(StatField.BCK) > 0 ? "backup_" : "active_";
        if (status.equals("no check")) {
            return side + "no_check";
        }
        if (status.startsWith("DRAIN")) {
            return side + "draining";
        }
        if (status.startsWith("NOLB")) {
            return side + "nolb";
        }
        if (status.startsWith("UP ")) {
            return side + "going_down";
        }
        if (status.startsWith("DOWN ") && !status.equals("DOWN (agent)")) {
            return side + "going_up";
        }
        return status.startsWith("UP") ? side + "up" : side + "down";
    }

    /** Whether the row stays on a {@code ;up} page: servers that are not UP are hidden. */
    static boolean shownWhenUpOnly(StatRow row) {
        if (row.type() != ObjectType.SERVER) {
            return true;
        }
        String status = row.text(StatField.STATUS);
        return status.startsWith("UP") || status.equals("no check") || status.startsWith("DRAIN")
                || status.startsWith("NOLB");
    }
}
