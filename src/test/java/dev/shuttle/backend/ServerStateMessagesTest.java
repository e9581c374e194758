package dev.shuttle.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.backend.ServerStateMessages.Counts;
import dev.shuttle.backend.ServerStateMessages.Message;
import dev.shuttle.lang.SyslogLevel;
import dev.shuttle.server.AdminState;
import dev.shuttle.server.OperationalState;
import dev.shuttle.server.ServerStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The texts HAProxy 3.5 prints for each admin state change (as observed; see vtc/cli/server_state_commands.vtc). */
class ServerStateMessagesTest {
    private static final Counts COUNTS = new Counts(2, 1, 3, 4, 5);

    private static ServerStatus up(AdminState admin) {
        return new ServerStatus(admin, OperationalState.UP);
    }

    private static List<String> texts(boolean backup, ServerStatus before, ServerStatus after, Counts counts) {
        return ServerStateMessages.adminChange("be/s1", backup, before, after, counts).stream()
                .map(m -> m.level() + " " + m.text()).toList();
    }

    @Test
    void eachTransitionHasItsMessages() {
        assertEquals(List.of("NOTICE Server be/s1 enters drain state. 2 active and 1 backup servers online. "
                + "4 sessions requeued, 5 total in queue."), texts(false, up(AdminState.READY), up(AdminState.DRAIN), COUNTS));
        assertEquals(List.of("ALERT Server be/s1 is going DOWN for maintenance. 2 active and 1 backup servers left. "
                + "3 sessions active, 4 requeued, 5 remaining in queue."),
                texts(false, up(AdminState.READY), up(AdminState.MAINT), COUNTS));
        assertEquals(List.of("NOTICE Server be/s1 is going DOWN for maintenance. 2 active and 1 backup servers left. "
                + "3 sessions active, 4 requeued, 5 remaining in queue."),
                texts(false, up(AdminState.DRAIN), up(AdminState.MAINT), COUNTS));
        assertEquals(List.of("NOTICE Server be/s1 is UP/READY (leaving forced maintenance)."),
                texts(false, up(AdminState.MAINT), up(AdminState.READY), COUNTS));
        assertEquals(List.of("NOTICE Server be/s1 is UP/DRAIN (leaving forced maintenance).",
                "NOTICE Server be/s1 remains in forced drain mode."),
                texts(false, up(AdminState.MAINT), up(AdminState.DRAIN), COUNTS));
        assertEquals(List.of("NOTICE Server be/s1 is UP (leaving forced drain)."),
                texts(false, up(AdminState.DRAIN), up(AdminState.READY), COUNTS));
        for (AdminState same : AdminState.values()) {
            assertEquals(List.of(), texts(false, up(same), up(same), COUNTS));
        }
    }

    @Test
    void backupServersAndServersThatAreDownSaySo() {
        Counts onBackup = new Counts(0, 1, 0, 0, 0);
        assertEquals(List.of("ALERT Backup Server be/s1 is going DOWN for maintenance. 0 active and 1 backup servers "
                + "left. Running on backup. 0 sessions active, 0 requeued, 0 remaining in queue."),
                texts(true, up(AdminState.READY), up(AdminState.MAINT), onBackup));
        ServerStatus down = new ServerStatus(AdminState.READY, OperationalState.DOWN);
        assertEquals(List.of("NOTICE Server be/s1 was DOWN and now enters maintenance."),
                texts(false, down, down.withAdmin(AdminState.MAINT), COUNTS));
        assertEquals(List.of("NOTICE Server be/s1 is DOWN/READY (leaving forced maintenance)."),
                texts(false, down.withAdmin(AdminState.MAINT), down, COUNTS));
        assertEquals(List.of("NOTICE Server be/s1 enters drain state. 2 active and 1 backup servers left. "
                + "3 sessions active, 4 requeued, 5 remaining in queue."),
                texts(false, down, down.withAdmin(AdminState.DRAIN), COUNTS));
    }

    @Test
    void levelsAreSyslogLevels() {
        List<Message> messages = ServerStateMessages.adminChange("be/s1", false, up(AdminState.READY),
                up(AdminState.MAINT), COUNTS);
        assertEquals(SyslogLevel.ALERT, messages.getFirst().level());
    }
}
