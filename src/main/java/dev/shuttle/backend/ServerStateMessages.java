package dev.shuttle.backend;

import dev.shuttle.lang.SyslogLevel;
import dev.shuttle.server.AdminState;
import dev.shuttle.server.OperationalState;
import dev.shuttle.server.ServerStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages HAProxy prints, and logs to the backend's targets, when an operator changes a
 * server's admin state (behaviour observed on HAProxy 3.5, see vtc/cli/server_state_commands.vtc):
 * a pure function of the change and of the backend's counts after it.
 *
 * <pre>
 *   ready -> drain   Server b/s enters drain state. 1 active and 0 backup servers online. 0 sessions requeued, 0 total in queue.
 *   *     -> maint   Server b/s is going DOWN for maintenance. 1 active and 0 backup servers left. 2 sessions active, 3 requeued, 0 remaining in queue.
 *   maint -> ready   Server b/s is UP/READY (leaving forced maintenance).
 *   maint -> drain   Server b/s is UP/DRAIN (leaving forced maintenance).  then  Server b/s remains in forced drain mode.
 *   drain -> ready   Server b/s is UP (leaving forced drain).
 * </pre>
 * Public for the servers of {@code mode log} backends, whose checks change their state as well.
 * A change to the same state says nothing. Going into maintenance is an alert when the server took
 * load-balanced traffic until then, else a notice; everything else is a notice.
 */
public final class ServerStateMessages {
    /** One message and its syslog level. */
    public record Message(SyslogLevel level, String text) {}

    /**
     * The backend's counts after the change, for the messages' tails.
     *
     * @param activeUsable  active servers the load balancer may pick ({@code srv_act})
     * @param backupUsable  backup servers it may pick ({@code srv_bck})
     * @param inFlight      the server's requests in flight ({@code cur_sess})
     * @param requeued      requests that waited for this server and now wait for any
     * @param stillQueued   requests that still wait for this server
     */
    public record Counts(int activeUsable, int backupUsable, int inFlight, int requeued, int stillQueued) {}

    private ServerStateMessages() {}

    public static List<Message> adminChange(String qualifiedName, boolean backup, ServerStatus before, ServerStatus after,
                                     Counts counts) {
        AdminState from = before.admin();
        AdminState to = after.admin();
        String server = (backup ? "Backup " : "") + "Server " + qualifiedName;
        boolean down = after.operational() == OperationalState.DOWN;
        List<Message> messages = new ArrayList<>(2);
        if (from == to) {
            return messages;
        }
        if (to == AdminState.MAINT) {
            if (before.operational() == OperationalState.DOWN) {
                messages.add(notice(server + " was DOWN and now enters maintenance."));
            } else {
                SyslogLevel level = from == AdminState.DRAIN ? SyslogLevel.NOTICE : SyslogLevel.ALERT;
                messages.add(new Message(level, server + " is going DOWN for maintenance" + tail(true, counts) + "."));
            }
        } else if (from == AdminState.MAINT) {
            messages.add(notice(server + " is " + (down ? "DOWN" : "UP") + "/" + (to == AdminState.DRAIN ? "DRAIN" : "READY")
                    + " (leaving forced maintenance)."));
            if (to == AdminState.DRAIN) {
                messages.add(notice(server + " remains in forced drain mode."));
            }
        } else if (to == AdminState.DRAIN) {
            messages.add(notice(server + " enters drain state" + tail(down, counts) + "."));
        } else {
            messages.add(notice(server + " is " + (down ? "DOWN" : "UP") + " (leaving forced drain)."));
        }
        return messages;
    }

    /**
     * The message of a health check's verdict (behaviour observed on HAProxy 3.5, see
     * vtc/checks/): {@code reason} is ", reason: ..., check duration: 1ms", or "" when
     * {@code option log-health-checks} already logged it.
     * <pre>
     *   -> DOWN       Server b/s is DOWN, reason: .... 0 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.   (alert)
     *   -> UP         Server b/s is UP, reason: .... 1 active and 0 backup servers online. 0 sessions requeued, 0 total in queue.   (notice)
     *   -> STOPPING   Server b/s is stopping, reason: .... 1 active and 0 backup servers online. 0 sessions requeued, 0 total in queue.   (notice)
     * </pre>
     * Nothing is said while the server is in maintenance: its state for traffic does not change.
     */
    public static List<Message> operationalChange(String qualifiedName, boolean backup, ServerStatus before,
                                           ServerStatus after, String reason, Counts counts) {
        OperationalState to = after.operational();
        if (before.operational() == to || after.admin() == AdminState.MAINT) {
            return List.of();
        }
        String server = (backup ? "Backup " : "") + "Server " + qualifiedName;
        return List.of(switch (to) {
            case DOWN -> new Message(SyslogLevel.ALERT, server + " is DOWN" + reason + tail(true, counts) + ".");
            case UP -> notice(server + " is UP" + reason + tail(false, counts) + ".");
            case STOPPING -> notice(server + " is stopping" + reason + tail(false, counts) + ".");
        });
    }

    /** What follows a change that takes the server out of load balancing. */
    private static String tail(boolean stopped, Counts counts) {
        String servers = ". " + counts.activeUsable() + " active and " + counts.backupUsable() + " backup servers "
                + (stopped ? "left." : "online.")
                + (counts.backupUsable() > 0 && counts.activeUsable() == 0 ? " Running on backup." : "");
        return stopped
                ? servers + " " + counts.inFlight() + " sessions active, " + counts.requeued() + " requeued, "
                        + counts.stillQueued() + " remaining in queue"
                : servers + " " + counts.requeued() + " sessions requeued, " + counts.stillQueued() + " total in queue";
    }

    private static Message notice(String text) {
        return new Message(SyslogLevel.NOTICE, text);
    }
}
