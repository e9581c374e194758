package dev.shuttle.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.ServerConfig;
import dev.shuttle.lang.SourceLocation;
import dev.shuttle.net.Address;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A server's runtime state: what each state admits, and the values the runtime API changes. */
class ServerStateTest {
    private static Server server(int weight, int maxconn, boolean disabled) {
        return new Server(new ServerConfig(new SourceLocation("test.cfg", 1), "s",
                new Address.Inet("127.0.0.1", 80, Address.Family.ANY), 1, weight, maxconn, disabled, false), "be");
    }

    private static Set<Traffic> admitted(ServerStatus status) {
        Set<Traffic> admitted = EnumSet.noneOf(Traffic.class);
        for (Traffic traffic : Traffic.values()) {
            if (status.admits(traffic)) {
                admitted.add(traffic);
            }
        }
        return admitted;
    }

    @Test
    void aServerTakesWhatBothItsAdminAndItsOperationalStateAdmit() {
        OperationalState up = OperationalState.UP;
        assertEquals(EnumSet.allOf(Traffic.class), admitted(new ServerStatus(AdminState.READY, up)));
        assertEquals(EnumSet.of(Traffic.PERSISTENT), admitted(new ServerStatus(AdminState.DRAIN, up)));
        assertEquals(EnumSet.noneOf(Traffic.class), admitted(new ServerStatus(AdminState.MAINT, up)));
        for (AdminState admin : AdminState.values()) {
            assertEquals(EnumSet.noneOf(Traffic.class), admitted(new ServerStatus(admin, OperationalState.DOWN)));
        }
    }

    @Test
    void theRuntimeStateStartsFromTheConfiguration() {
        Server server = server(7, 3, false);
        assertEquals(AdminState.READY, server.adminState());
        assertEquals(7, server.weight());
        assertEquals(7, server.initialWeight());
        assertEquals(3, server.maxconn());
        assertTrue(server.isUp());
        assertTrue(server.isUsable());
        assertEquals(AdminState.MAINT, server(1, 0, true).adminState(), "'disabled' starts in maintenance");
        assertFalse(server(0, 0, false).isUsable(), "weight 0: rules only");
        assertTrue(server(0, 0, false).isUp());
    }

    @Test
    void drainKeepsTheWeightButTakesTheServerOutOfLoadBalancing() {
        Server server = server(4, 0, false);
        server.setAdminStateLocked(AdminState.DRAIN);
        assertEquals(4, server.weight(), "get weight shows the weight, drain or not");
        assertEquals(0, server.effectiveWeight());
        assertFalse(server.isUsable());
        assertTrue(server.isUp());
        server.setAdminStateLocked(AdminState.READY);
        assertEquals(4, server.effectiveWeight());
    }

    @Test
    void weightAndMaxconnChangeWithinTheirRanges() {
        Server server = server(4, 2, false);
        server.setWeightLocked(256);
        assertEquals(256, server.weight());
        assertEquals(4, server.initialWeight());
        assertThrows(IllegalArgumentException.class, () -> server.setWeightLocked(257));
        assertThrows(IllegalArgumentException.class, () -> server.setWeightLocked(-1));
        server.connectionOpened();
        server.connectionOpened();
        assertTrue(server.isFull());
        server.setMaxconnLocked(3);
        assertFalse(server.isFull());
        server.setMaxconnLocked(1);
        assertTrue(server.isFull(), "a maxconn below the requests in flight only stops new ones");
        server.setMaxconnLocked(0);
        assertFalse(server.isFull(), "0: no limit");
        server.setMaxconnLocked(0xFFFF_FFFFL);
        assertEquals(4294967295L, server.maxconn());
        assertThrows(IllegalArgumentException.class, () -> server.setMaxconnLocked(1L << 32));
    }
}
