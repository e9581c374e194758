package dev.shuttle.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.Configuration;
import dev.shuttle.config.parse.ConfigLoader;
import dev.shuttle.config.parse.Diagnostics;
import dev.shuttle.config.parse.KeywordRegistry;
import dev.shuttle.config.parse.Variables;
import dev.shuttle.server.AdminState;
import dev.shuttle.server.Server;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A server slot is a request in flight: a connection gives it back between exchanges and takes it again to reuse. */
@Timeout(10)
class ServerSlotTest {
    @TempDir
    Path directory;

    private Backend backend(int port) throws Exception {
        Path file = directory.resolve("slots.cfg");
        Files.writeString(file, "defaults\n    timeout client 1s\n    timeout server 1s\n    timeout connect 1s\n"
                + "    timeout queue 100ms\nbackend be\n    server a 127.0.0.1:" + port + " maxconn 1\n");
        Diagnostics diagnostics = Diagnostics.collecting();
        Configuration configuration = new ConfigLoader(KeywordRegistry.standard())
                .load(List.of(file), Variables.of(Map.of()), diagnostics)
                .orElseThrow(() -> new AssertionError(diagnostics.messages().toString()));
        return new Backend(configuration.backend("be").orElseThrow());
    }

    @Test
    void anOpenConnectionBetweenExchangesHoldsNoSlotAndTakesOneToBeReused() throws Exception {
        try (ServerSocket origin = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Backend backend = backend(origin.getLocalPort());
            Server a = backend.servers().getFirst();
            ServerConnection connection = ServerConnector.connect(backend, false, 0).connection().orElseThrow();
            assertTrue(a.isFull(), "maxconn 1: the exchange holds the only slot");

            connection.releaseSlot();
            connection.releaseSlot();
            assertEquals(0, a.currentConnections(), "given back once, however often asked");
            assertFalse(connection.socket().isClosed());

            ServerConnector.Result again = ServerConnector.connect(backend, false, 0, null,
                    server -> Optional.of(connection));
            assertTrue(again.reused());
            assertSame(connection, again.connection().orElseThrow());
            assertTrue(connection.holdsSlot());
            assertEquals(1, a.currentConnections());

            ServerConnector.Result queued = ServerConnector.connect(backend, false, 0);
            assertEquals(ServerConnector.Failure.QUEUE_TIMEOUT, queued.failure(), "the reused connection's slot counts");

            connection.close();
            connection.close();
            assertEquals(0, a.currentConnections());
        }
    }

    @Test
    void aKeptConnectionWaitsForItsServerSlotLikeAQueuedRequest() throws Exception {
        try (ServerSocket origin = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Backend backend = backend(origin.getLocalPort());
            ServerConnection kept = ServerConnector.connect(backend, false, 0).connection().orElseThrow();
            kept.releaseSlot();
            ServerConnection other = ServerConnector.connect(backend, false, 0).connection().orElseThrow();
            ServerConnector.Result waited = ServerConnector.takeSlotFor(kept);
            assertEquals(ServerConnector.Failure.QUEUE_TIMEOUT, waited.failure());
            assertFalse(kept.holdsSlot());
            other.close();
            assertTrue(ServerConnector.takeSlotFor(kept).reused());
            assertTrue(kept.holdsSlot());
            kept.close();
            assertEquals(0, backend.servers().getFirst().currentConnections());
        }
    }

    /** option persist, force-persist: a slot on a server in maintenance, which the other ways refuse (§4.2). */
    @Test
    void persistenceTakesASlotOnAServerInMaintenance() throws Exception {
        Backend backend = backend(1);
        Server a = backend.servers().getFirst();
        backend.setAdminState(a, AdminState.MAINT);
        assertEquals(Optional.empty(), backend.acquirePreferred(a, 50));
        assertEquals(Optional.empty(), backend.acquireSpecific(a, 50));
        assertEquals(Optional.of(a), backend.acquireEvenIfDown(a, 50));
        assertTrue(a.isFull());
        assertEquals(Optional.empty(), backend.acquireEvenIfDown(a, 50), "maxconn still bounds it: the wait times out");
        backend.release(a);
        assertEquals(0, a.currentConnections());
    }
}
