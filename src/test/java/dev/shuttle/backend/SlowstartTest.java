package dev.shuttle.backend;

import static dev.shuttle.backend.BackendFixture.backendConfig;
import static dev.shuttle.backend.BackendFixture.picks;
import static dev.shuttle.backend.BackendFixture.server;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.server.AdminState;
import dev.shuttle.server.Server;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slowstart} in a backend: a server back from maintenance starts its ramp (a small share of
 * the picks, one request at a time under {@code maxconn}), never at startup, and only dynamic
 * algorithms ramp its weight. The ramp's arithmetic is {@code WarmupTest}'s.
 */
class SlowstartTest {
    @TempDir
    Path directory;

    private static long count(String picks, char server) {
        return picks.chars().filter(c -> c == server).count();
    }

    @Test
    void atStartupThereIsNoRamp() throws Exception {
        Backend backend = new Backend(backendConfig(directory, "balance roundrobin", "server a 127.0.0.1:1 slowstart 1h",
                "server b 127.0.0.1:1 slowstart 1h"));
        assertFalse(server(backend, "a").warmup().isRamping());
        assertEquals("abab", picks(backend, 4));
    }

    @Test
    void aServerBackFromMaintenanceGetsASmallShareWhileItRamps() throws Exception {
        Backend backend = new Backend(backendConfig(directory, "balance roundrobin", "server a 127.0.0.1:1 slowstart 1h",
                "server b 127.0.0.1:1"));
        Server a = server(backend, "a");
        backend.setAdminState(a, AdminState.MAINT);
        backend.setAdminState(a, AdminState.READY);
        assertTrue(a.warmup().isRamping());
        // a weighs 1/3600 of b in the first second of a one-hour ramp: b takes (nearly) every pick.
        String picks = picks(backend, 200);
        assertTrue(count(picks, 'a') <= 1, picks);
    }

    @Test
    void randomDrawsGiveARampingServerItsShareOnly() throws Exception {
        // No "balance": random, HAProxy 3.x's default, whose ring HAProxy re-weighs at each step of the ramp.
        Backend backend = new Backend(backendConfig(directory, "server a 127.0.0.1:1 slowstart 1h",
                "server b 127.0.0.1:1"));
        Server a = server(backend, "a");
        backend.setAdminState(a, AdminState.MAINT);
        backend.setAdminState(a, AdminState.READY);
        assertTrue(a.warmup().isRamping());
        // a weighs 1/256 of b: about 2 draws in 1000 land on it and are kept (3 expected, 25 is beyond 10 sigma).
        String picks = picks(backend, 1000);
        assertTrue(count(picks, 'a') <= 25, picks);
        assertTrue(count(picks, 'b') >= 975, picks);
    }

    @Test
    void drainingAndBackIsNotComingBack() throws Exception {
        Backend backend = new Backend(backendConfig(directory, "server a 127.0.0.1:1 slowstart 1h",
                "server b 127.0.0.1:1"));
        Server a = server(backend, "a");
        backend.setAdminState(a, AdminState.DRAIN);
        backend.setAdminState(a, AdminState.READY);
        assertFalse(a.warmup().isRamping(), "a draining server was never seen as failed");
    }

    @Test
    void staticRoundRobinKeepsTheFullWeightButMaxconnRamps() throws Exception {
        Backend backend = new Backend(backendConfig(directory, "balance static-rr",
                "server a 127.0.0.1:1 slowstart 1h maxconn 10", "server b 127.0.0.1:1"));
        Server a = server(backend, "a");
        backend.setAdminState(a, AdminState.MAINT);
        backend.setAdminState(a, AdminState.READY);
        assertEquals("abab", picks(backend, 4), "static weights do not ramp");
        Server first = backend.acquire(Set.of(), 100).orElseThrow();
        assertEquals("a", first.name());
        assertTrue(a.isFull(), "one request at a time at the start of the ramp");
        backend.release(first);
    }
}
