package dev.shuttle.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The server state file reader: versions, comments, field counts, a file cut short (HAProxy 3.5's rules). */
class ServerStateFileTest {
    private static final String HEADER = "# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state"
            + " srv_uweight srv_iweight srv_time_since_last_change srv_check_status srv_check_result"
            + " srv_check_health srv_check_state srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port"
            + " srvrecord srv_use_ssl srv_check_port srv_check_addr srv_agent_addr srv_agent_port\n";
    private static final String S1 = "3 be 1 s1 127.0.0.1 2 1 1 1 120 6 3 4 6 0 0 0 - 8080 - 0 0 - - 0\n";

    @Test
    void aDumpGivesOneLineOfFieldsPerServer() {
        var parsed = assertInstanceOf(ServerStateFile.Lines.class, ServerStateFile.parse("1\n" + HEADER + S1
                + "\n   \t\n  # a comment\n\t4 other 2 s2 ::1 0 0 5 5 1 1 0 0 0 0 0 0 - 80 - 0 0 - - 0\n"));
        assertEquals(2, parsed.lines().size());
        assertEquals(List.of("3", "be", "1", "s1", "127.0.0.1", "2", "1", "1", "1", "120", "6", "3", "4", "6", "0",
                "0", "0", "-", "8080", "-", "0", "0", "-", "-", "0"), parsed.lines().getFirst());
        assertEquals("::1", parsed.lines().get(1).get(4));
    }

    @Test
    void twentyFieldsAreEnoughAndMoreThanTwentyFiveAreCutOff() {
        var parsed = assertInstanceOf(ServerStateFile.Lines.class, ServerStateFile.parse(
                "1\n3 be 1 s1 127.0.0.1 2 0 1 1 1 1 0 0 0 0 0 0 - 80 -\n"
                        + "3 be 2 s2 127.0.0.1 2 0 1 1 1 1 0 0 0 0 0 0 - 80 - 0 0 - - 0 extra more\n"));
        assertEquals(20, parsed.lines().get(0).size());
        assertEquals(25, parsed.lines().get(1).size());
    }

    @Test
    void aShortLineOrALastLineWithoutItsNewlineCorruptsTheFile() {
        assertEquals(new ServerStateFile.Corrupted(2),
                ServerStateFile.parse("1\n" + S1 + "3 be 2 s2 127.0.0.1 2 0 1 1\n" + S1));
        assertEquals(new ServerStateFile.Corrupted(2), ServerStateFile.parse("1\n" + HEADER + S1.strip()));
    }

    @Test
    void theFirstLineMustBeVersionOneAlone() {
        assertInstanceOf(ServerStateFile.Empty.class, ServerStateFile.parse(""));
        assertInstanceOf(ServerStateFile.NoVersion.class, ServerStateFile.parse("2\n" + S1));
        assertInstanceOf(ServerStateFile.NoVersion.class, ServerStateFile.parse("1 \n" + S1));
        assertInstanceOf(ServerStateFile.NoVersion.class, ServerStateFile.parse(HEADER + S1));
        assertInstanceOf(ServerStateFile.NoVersion.class, ServerStateFile.parse("1"));
        assertInstanceOf(ServerStateFile.Lines.class, ServerStateFile.parse("1\n"));
    }
}
