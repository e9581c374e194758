package dev.shuttle.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.Http2Tunables;
import dev.shuttle.h1.H1Settings;
import dev.shuttle.h2.Frame;
import dev.shuttle.h2.FrameWriter;
import dev.shuttle.h2.H2ErrorCode;
import dev.shuttle.h2.Setting;
import dev.shuttle.mux.ServerMux;
import dev.shuttle.mux.ServerMuxes;
import dev.shuttle.server.PoolCounts;
import dev.shuttle.server.Server;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 server connections in the pools: the used, idle and safe counters on every path that
 * takes or frees one (seed 000: the used counter was not decremented on one of them), reuse at one
 * exchange at a time (seed 004: a connection is dead only when it really is), {@code max-reuse},
 * and a connection the server told to go away. The connections are real ones with real HTTP/2
 * muxes (preface and SETTINGS sent); the origin accepts them and, where a test needs it, speaks.
 */
@Timeout(20)
class Http2ServerPoolTest {
    private static final PoolCounts NOTHING = new PoolCounts(0, 0, 0, 0, 0);

    @TempDir
    Path directory;

    private ServerSocket origin;
    /** A connection the origin accepted, closed after the test. */
    private volatile Socket accepted;

    @BeforeEach
    void listen() throws IOException {
        origin = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws IOException {
        if (accepted != null) {
            accepted.close();
        }
        origin.close();
    }

    private Backend backend(String reuse, String serverOptions) {
        ExchangeFixture.World world = ExchangeFixture.world(directory, """
                backend be
                    mode http
                    http-reuse %s
                    server s1 127.0.0.1:%d proto h2 %s
                """.formatted(reuse, origin.getLocalPort(), serverOptions));
        return world.backend("be");
    }

    private static ServerLinks links() {
        return new ServerLinks(new ExchangeFixture.RecordingChild(),
                new ServerMuxes(H1Settings.DEFAULTS, null, Http2Tunables.DEFAULTS));
    }

    /** The used, idle and safe counts of {@code server}'s pool (the others zeroed, for comparisons). */
    static PoolCounts counts(Server server) {
        PoolCounts counts = server.idleConnections().counts();
        return new PoolCounts(counts.used(), counts.idle(), counts.safe(), 0, 0);
    }

    @Test
    void atOneExchangeAtATimeAlwaysReusesTheOneConnection() throws Exception {
        Backend backend = backend("always", "");
        Server server = backend.server("s1").orElseThrow();
        try (ServerLinks links = links()) {
            ServerLink first = links.get(backend, 0, null, true).link().orElseThrow();
            assertEquals(new PoolCounts(1, 0, 0, 0, 0), counts(server), "in use by the exchange");
            links.keep(first);
            // mux_h2.c, h2_detach(): an HTTP/2 connection whose last stream ends goes to the safe list.
            assertEquals(new PoolCounts(0, 0, 1, 0, 0), counts(server), "safe after one exchange");
            for (int i = 0; i < 1000; i++) {
                ServerLink next = links.get(backend, 0, null, i % 2 == 0).link().orElseThrow();
                assertSame(first, next, "exchange " + i + " reuses the connection");
                assertEquals(1, counts(server).used());
                links.keep(next);
            }
            assertEquals(new PoolCounts(0, 0, 1, 0, 0), counts(server), "reused: in the safe list");
            assertEquals(1001, first.exchanges());
            assertFalse(first.mux().isClosed());
        }
        assertEquals(0, server.currentConnections(), "every slot given back");
    }

    @Test
    void everyPathThatFreesAConnectionGivesBackItsCount() throws Exception {
        Backend backend = backend("always", "max-reuse 1");
        Server server = backend.server("s1").orElseThrow();
        try (ServerLinks links = links()) {
            // Discarded after a failed exchange.
            ServerLink failed = links.get(backend, 0, null, true).link().orElseThrow();
            links.discard(failed);
            assertEquals(NOTHING, counts(server));
            assertTrue(failed.mux().isClosed());

            // max-reuse 1: the second exchange's end closes it.
            ServerLink reused = links.get(backend, 0, null, true).link().orElseThrow();
            links.keep(reused);
            assertSame(reused, links.get(backend, 0, null, false).link().orElseThrow());
            links.keep(reused);
            assertEquals(NOTHING, counts(server), "closed at max-reuse, uncounted");
            assertTrue(reused.mux().isClosed());

            // Left in use when the session ends.
            links.get(backend, 0, null, true).link().orElseThrow();
            assertEquals(1, counts(server).used());
        }
        assertEquals(NOTHING, counts(server), "the session's end frees what it held");
        assertEquals(0, server.currentConnections());
    }

    @Test
    void safeGivesASessionsFirstRequestAConnectionOfItsOwn() throws Exception {
        Backend backend = backend("safe", "");
        Server server = backend.server("s1").orElseThrow();
        try (ServerLinks one = links(); ServerLinks two = links()) {
            ServerLink first = one.get(backend, 0, null, true).link().orElseThrow();
            one.keep(first);
            ServerLink other = two.get(backend, 0, null, true).link().orElseThrow();
            assertNotSame(first, other, "a first request never takes an idle connection under safe");
            two.keep(other);
            // The pool keeps what the server was seen to need (the second may be closed): nothing stays counted as used.
            assertEquals(0, counts(server).used());
            assertTrue(counts(server).waiting() >= 1);
            ServerLink later = two.get(backend, 0, null, false).link().orElseThrow();
            assertTrue(later == first || later == other, "a later request shares");
            two.keep(later);
        }
        assertEquals(0, server.currentConnections());
    }

    @Test
    void aConnectionTheServerToldToGoAwayIsClosedWhenMetInThePool() throws Exception {
        Backend backend = backend("always", "");
        Server server = backend.server("s1").orElseThrow();
        try (ServerLinks links = links()) {
            ServerLink first = links.get(backend, 0, null, true).link().orElseThrow();
            try (Socket accepted = origin.accept()) {
                OutputStream out = accepted.getOutputStream();
                ByteBuffer frames = ByteBuffer.allocate(64);
                FrameWriter.settings(frames, List.of());
                FrameWriter.goAway(frames, 0, H2ErrorCode.NO_ERROR, new byte[0]);
                out.write(frames.array(), 0, frames.position());
                out.flush();
                links.keep(first);
                ServerMux mux = first.mux();
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (!mux.isClosed() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertTrue(mux.isClosed(), "GOAWAY read");
                ServerLink next = links.get(backend, 0, null, false).link().orElseThrow();
                assertNotSame(first, next, "the dead one is not reused");
                assertEquals(new PoolCounts(1, 0, 0, 0, 0), counts(server), "the dead one left the counters");
                links.keep(next);
            }
        }
        assertEquals(0, server.currentConnections());
    }

    @Test
    void aConnectionToldToGoAwayDuringItsExchangeDoesNotGoBackToThePool() throws Exception {
        Backend backend = backend("always", "");
        Server server = backend.server("s1").orElseThrow();
        Thread peer = Thread.ofVirtual().start(this::acceptAndGoAway);
        try (ServerLinks links = links()) {
            ServerLink link = links.get(backend, 0, null, true).link().orElseThrow();
            peer.join(5_000);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!link.mux().isClosed() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(link.mux().isClosed(), "GOAWAY read during the exchange");
            links.keep(link);
            assertEquals(NOTHING, counts(server), "closed rather than pooled");
        }
        assertEquals(0, server.currentConnections());
    }

    @Test
    void underAlwaysExchangesInFlightShareOneConnection() throws Exception {
        Backend backend = backend("always", "");
        Server server = backend.server("s1").orElseThrow();
        List<ServerLinks> sessions = new java.util.ArrayList<>();
        List<ServerLink> links = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ServerLinks session = links();
            sessions.add(session);
            links.add(session.get(backend, 0, null, true).link().orElseThrow());
        }
        for (ServerLink link : links) {
            assertSame(links.get(0), link, "every exchange attached to the first connection");
        }
        assertEquals(new PoolCounts(1, 0, 0, 0, 0), counts(server), "one connection in use");
        assertEquals(5, server.currentConnections(), "one slot per exchange");
        assertEquals(5, server.idleConnections().users(links.get(0)));
        for (int i = 0; i < 4; i++) {
            sessions.get(i).keep(links.get(i));
            assertEquals(1, counts(server).used(), "still in use by the others");
        }
        sessions.get(4).keep(links.get(4));
        assertEquals(new PoolCounts(0, 0, 1, 0, 0), counts(server), "idle once its last stream ended");
        assertEquals(0, server.currentConnections(), "every slot given back");
        for (ServerLinks session : sessions) {
            session.close();
        }
        assertFalse(links.get(0).mux().isClosed());
    }

    @Test
    void aFailedExchangeOnASharedConnectionLeavesTheOthersTheirConnection() throws Exception {
        Backend backend = backend("always", "");
        Server server = backend.server("s1").orElseThrow();
        try (ServerLinks one = links(); ServerLinks two = links()) {
            ServerLink first = one.get(backend, 0, null, true).link().orElseThrow();
            ServerLink second = two.get(backend, 0, null, true).link().orElseThrow();
            assertSame(first, second);
            one.discard(first);
            assertFalse(first.mux().isClosed(), "the other exchange still uses it");
            assertEquals(1, counts(server).used());
            assertEquals(1, server.currentConnections());
            two.discard(second);
            assertTrue(first.mux().isClosed(), "the last exchange to fail closes it");
            assertEquals(NOTHING, counts(server));
        }
        assertEquals(0, server.currentConnections());
    }

    @Test
    void maxConcurrentStreamsBoundsTheSharing() throws Exception {
        Backend backend = backend("always", "max-reuse 2");
        Server server = backend.server("s1").orElseThrow();
        try (ServerLinks a = links(); ServerLinks b = links(); ServerLinks c = links(); ServerLinks d = links()) {
            ServerLink first = a.get(backend, 0, null, true).link().orElseThrow();
            assertSame(first, b.get(backend, 0, null, true).link().orElseThrow());
            assertSame(first, c.get(backend, 0, null, true).link().orElseThrow());
            ServerLink fourth = d.get(backend, 0, null, true).link().orElseThrow();
            assertNotSame(first, fourth, "max-reuse 2: three exchanges on a connection at most");
            assertEquals(2, counts(server).used());
        }
        assertEquals(NOTHING, counts(server));
        assertEquals(0, server.currentConnections());
    }

    @Test
    void theServersMaxConcurrentStreamsBoundsTheSharing() throws Exception {
        Backend backend = backend("always", "");
        Server server = backend.server("s1").orElseThrow();
        try (ServerLinks one = links(); ServerLinks two = links()) {
            ServerLink first = one.get(backend, 0, null, true).link().orElseThrow();
            accepted = origin.accept();
            ByteBuffer frames = ByteBuffer.allocate(64);
            FrameWriter.settings(frames, List.of(new Frame.SettingValue(Setting.MAX_CONCURRENT_STREAMS.id(), 1)));
            accepted.getOutputStream().write(frames.array(), 0, frames.position());
            accepted.getOutputStream().flush();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (first.mux().streamCapacity() != 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, first.mux().streamCapacity(), "SETTINGS_MAX_CONCURRENT_STREAMS 1 read");
            ServerLink second = two.get(backend, 0, null, true).link().orElseThrow();
            assertNotSame(first, second, "no stream left on the first connection");
            assertEquals(2, counts(server).used());
        }
        assertEquals(0, server.currentConnections());
    }

    @Test
    void underSafeAFirstRequestTakesAnIdleConnectionWhenRetryOnCoversEveryFailure() throws Exception {
        // 3.5's be_reuse_connection(): retry-on conn-failure, empty-response and response-timeout
        // make a first request "retry safe", which then looks at the idle lists as a later one.
        for (String retryOn : List.of("conn-failure", "conn-failure empty-response response-timeout")) {
            ExchangeFixture.World world = ExchangeFixture.world(directory, """
                    backend be
                        mode http
                        http-reuse safe
                        retry-on %s
                        server s1 127.0.0.1:%d proto h2
                    """.formatted(retryOn, origin.getLocalPort()));
            Backend backend = world.backend("be");
            try (ServerLinks one = links(); ServerLinks two = links()) {
                ServerLink first = one.get(backend, 0, null, true).link().orElseThrow();
                one.keep(first);
                ServerLink next = two.get(backend, 0, null, true).link().orElseThrow();
                assertEquals(retryOn.contains("empty-response"), first == next, "retry-on " + retryOn);
                two.keep(next);
            }
        }
    }

    @Test
    void neverAndSafeDoNotShareAConnectionInUse() throws Exception {
        for (String reuse : List.of("never", "safe", "aggressive")) {
            Backend backend = backend(reuse, "");
            try (ServerLinks one = links(); ServerLinks two = links()) {
                ServerLink first = one.get(backend, 0, null, true).link().orElseThrow();
                ServerLink second = two.get(backend, 0, null, false).link().orElseThrow();
                assertNotSame(first, second, reuse + ": a connection in use is not shared");
            }
        }
    }

    /** The origin's side: accepts the next connection, sends SETTINGS then GOAWAY, and keeps it open. */
    private void acceptAndGoAway() {
        try {
            accepted = origin.accept();
            ByteBuffer frames = ByteBuffer.allocate(64);
            FrameWriter.settings(frames, List.of());
            FrameWriter.goAway(frames, 0, H2ErrorCode.NO_ERROR, new byte[0]);
            accepted.getOutputStream().write(frames.array(), 0, frames.position());
            accepted.getOutputStream().flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
