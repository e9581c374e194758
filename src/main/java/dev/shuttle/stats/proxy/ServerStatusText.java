package dev.shuttle.stats.proxy;

import dev.shuttle.server.AdminState;
import dev.shuttle.server.CheckReport;
import dev.shuttle.server.OperationalState;
import dev.shuttle.server.Server;

/**
 * A server's {@code status} column (management.txt §9.1 field 17): {@code MAINT}, {@code DRAIN},
 * {@code NOLB}, {@code UP}, {@code DOWN}, {@code no check}, {@code DOWN (agent)} (its agent said
 * down), {@code DRAIN (agent)} (drained while an agent runs), and while the health counter moves
 * between the two ends, the step it reached: "UP 1/3" (one failure of three on the way down),
 * "DOWN 1/2" (one success of two on the way up), as HAProxy's stats_fill_sv_computestate() tells them.
 */
final class ServerStatusText {
    private ServerStatusText() {}

    /**
     * @param server    the server
     * @param reference the server whose checks decide its state: itself, or the one it tracks
     */
    static String of(Server server, Server reference) {
        if (server.adminState() == AdminState.MAINT) {
            return server != reference && reference.adminState() == AdminState.MAINT
                    ? "MAINT (via " + reference.qualifiedName() + ")" : "MAINT";
        }
        boolean checked = reference.checkControl().healthEnabled();
        CheckReport report = reference.lastCheck();
        int rise = report.rise() > 0 ? report.rise() : reference.config().check().rise();
        int fall = report.fall() > 0 ? report.fall() : reference.config().check().fall();
        int top = rise + fall - 1;
        OperationalState state = server.status().operational();
        int health = report.rise() > 0 ? report.health() : state == OperationalState.DOWN ? 0 : top;
        boolean draining = server.adminState() == AdminState.DRAIN;
        boolean agent = reference.checkControl().agentEnabled();
        return switch (state) {
            case UP -> {
                if (draining && agent) {
                    yield "DRAIN (agent)";
                }
                boolean goingDown = checked && health < top;
                String word = draining ? "DRAIN" : "UP";
                if (goingDown) {
                    yield word + " " + (health - rise + 1) + "/" + fall;
                }
                yield !draining && !checked ? "no check" : word;
            }
            case STOPPING -> !checked && server == reference || health == top
                    ? "NOLB" : "NOLB " + (health - rise + 1) + "/" + fall;
            case DOWN -> agent && !reference.checkControl().agentUp() ? "DOWN (agent)"
                    : !checked || health == 0 ? "DOWN" : "DOWN " + health + "/" + rise;
        };
    }
}
