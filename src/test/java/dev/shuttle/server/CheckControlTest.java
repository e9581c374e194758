package dev.shuttle.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.AgentCheckSettings;
import dev.shuttle.config.ServerCheckSettings;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The runtime switches and targets of a server's checks (management.txt §9.3). */
class CheckControlTest {
    private static final ServerCheckSettings CHECKED = new ServerCheckSettings(true, 2000, 0, 0, 2, 3,
            ServerCheckSettings.NONE.initState(), 8080, Optional.of("10.0.0.1"),
            new AgentCheckSettings(true, 9000, 2000, "hello\n", Optional.empty()), Optional.empty(), false,
            ServerCheckSettings.NONE.trafficHealth());

    @Test
    void aConfiguredServerStartsWithItsChecksOnAndItsConfiguredTargets() {
        CheckControl control = new CheckControl(CHECKED, false);
        assertTrue(control.healthEnabled());
        assertTrue(control.agentEnabled());
        assertEquals(new CheckControl.Target(Optional.of("10.0.0.1"), 8080), control.healthTarget());
        assertEquals(new CheckControl.Target(Optional.empty(), 9000), control.agentTarget());
        assertEquals("hello\n", control.agentSend());
    }

    @Test
    void aServerAddedAtRuntimeWaitsForEnable() {
        CheckControl control = new CheckControl(CHECKED, true);
        assertFalse(control.healthEnabled());
        assertFalse(control.agentEnabled());
        control.setHealthEnabled(true);
        assertTrue(control.healthEnabled());
        assertFalse(control.agentEnabled());
    }

    @Test
    void aCheckThatIsNotConfiguredCannotBeEnabled() {
        CheckControl control = new CheckControl(ServerCheckSettings.NONE, false);
        control.setHealthEnabled(true);
        control.setAgentEnabled(true);
        assertFalse(control.healthEnabled());
        assertFalse(control.agentEnabled());
    }

    @Test
    void movingOnlyThePortKeepsTheAddressAndTheReverse() {
        CheckControl control = new CheckControl(CHECKED, false);
        control.moveHealthCheck(Optional.empty(), Optional.of(81));
        assertEquals(new CheckControl.Target(Optional.of("10.0.0.1"), 81), control.healthTarget());
        control.moveHealthCheck(Optional.of("10.0.0.2"), Optional.empty());
        assertEquals(new CheckControl.Target(Optional.of("10.0.0.2"), 81), control.healthTarget());
        control.moveAgentCheck(Optional.of("127.0.0.1"), Optional.of(7));
        assertEquals(new CheckControl.Target(Optional.of("127.0.0.1"), 7), control.agentTarget());
        control.setAgentSend("");
        assertEquals("", control.agentSend());
    }
}
