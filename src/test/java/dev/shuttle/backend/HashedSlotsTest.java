package dev.shuttle.backend;

import static dev.shuttle.backend.BackendFixture.backendConfig;
import static dev.shuttle.backend.BackendFixture.server;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.lb.LoadBalancer;
import dev.shuttle.server.AdminState;
import dev.shuttle.server.Server;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A hashing backend's slots: a key's server, a wait for it when it is full, and its weights' rules. */
@Timeout(10)
class HashedSlotsTest {
    @TempDir
    Path directory;

    private Backend backend(String... lines) throws Exception {
        String[] all = new String[lines.length + 1];
        all[0] = "mode http"; // the layer 7 hashes fall back to round robin in TCP mode
        System.arraycopy(lines, 0, all, 1, lines.length);
        return new Backend(backendConfig(directory, all), new QueueTimeouts(), ServerStateLog.NONE);
    }

    @Test
    void aKeyAlwaysReachesItsServer() throws Exception {
        // map-based, weights 1 and 1: the table is [a, b], key % 2 picks the cell
        Backend backend = backend("balance hdr(x)", "server a 127.0.0.1:1", "server b 127.0.0.1:1");
        for (int i = 0; i < 4; i++) {
            Server even = backend.acquire(Set.of(), 100, 10).orElseThrow();
            Server odd = backend.acquire(Set.of(), 100, 11).orElseThrow();
            assertEquals("a", even.name());
            assertEquals("b", odd.name());
            backend.release(even);
            backend.release(odd);
        }
    }

    @Test
    void aKeyWhoseServerIsFullWaitsForThatServer() throws Exception {
        Backend backend = backend("balance hdr(x)", "server a 127.0.0.1:1 maxconn 1", "server b 127.0.0.1:1");
        Server a = backend.acquire(Set.of(), 100, 0).orElseThrow();
        assertEquals("a", a.name());
        BackendFixture.Waiter waiter = new BackendFixture.Waiter(backend, () -> backend.acquire(Set.of(), 0, 2));
        Server b = backend.acquire(Set.of(), 100, 1).orElseThrow();
        assertEquals("b", b.name(), "b's keys pass the request waiting for a");
        assertTrue(waiter.waiting());
        backend.release(b);
        assertTrue(waiter.waiting(), "a slot on b is no use to a key of a");
        backend.release(a);
        assertEquals("a", waiter.result());
    }

    @Test
    void aRequestWithoutAKeyTakesTheTablesTurn() throws Exception {
        Backend backend = backend("balance hdr(x)", "server a 127.0.0.1:1 weight 1", "server b 127.0.0.1:1 weight 2");
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            Server server = backend.acquire(Set.of(), 100, LoadBalancer.NO_KEY).orElseThrow();
            names.append(server.name());
            backend.release(server);
        }
        assertEquals("abbabb", names.toString(), "HAProxy's table for weights 1, 2: a b b");
    }

    @Test
    void mapBasedWeightsAreStaticAndTheRingsAreNot() throws Exception {
        assertTrue(backend("balance uri", "server a 127.0.0.1:1").weightsAreStatic());
        assertFalse(backend("balance uri", "hash-type consistent", "server a 127.0.0.1:1").weightsAreStatic());
        assertFalse(backend("balance random", "server a 127.0.0.1:1").weightsAreStatic());
        assertFalse(backend("balance roundrobin", "server a 127.0.0.1:1").balancesByKey());
        assertTrue(backend("balance source", "server a 127.0.0.1:1").balancesByKey());
    }

    @Test
    void aServerInMaintenanceGivesItsKeysToTheOthersAndTakesThemBack() throws Exception {
        Backend backend = backend("balance hdr(x)", "hash-type consistent", "server a 127.0.0.1:1 id 1",
                "server b 127.0.0.1:1 id 2", "server c 127.0.0.1:1 id 3");
        String[] before = new String[64];
        for (int k = 0; k < before.length; k++) {
            Server server = backend.acquire(Set.of(), 100, (long) k << 26).orElseThrow();
            before[k] = server.name();
            backend.release(server);
        }
        backend.setAdminState(server(backend, "b"), AdminState.MAINT);
        for (int k = 0; k < before.length; k++) {
            Server server = backend.acquire(Set.of(), 100, (long) k << 26).orElseThrow();
            assertTrue(before[k].equals("b") ? !server.name().equals("b") : server.name().equals(before[k]));
            backend.release(server);
        }
        backend.setAdminState(server(backend, "b"), AdminState.READY);
        for (int k = 0; k < before.length; k++) {
            Server server = backend.acquire(Set.of(), 100, (long) k << 26).orElseThrow();
            assertEquals(before[k], server.name());
            backend.release(server);
        }
    }
}
