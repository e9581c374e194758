package dev.shuttle.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.Http2Tunables;
import dev.shuttle.h1.H1Settings;
import dev.shuttle.mux.ServerMuxes;
import dev.shuttle.server.PoolCounts;
import dev.shuttle.server.Server;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code http-reuse safe} with an HTTP/2 client: a multiplexed server connection in use is attached
 * to the client session ({@link SessionLinks}; 3.5's session_add_conn(), be_reuse_connection()),
 * whose other streams (each with {@link ServerLinks} of its own) share it within its stream limit,
 * while another session does not; it leaves the session with the session's last exchange on it,
 * and the counters come back to nothing. Real connections with real HTTP/2 muxes (preface and
 * SETTINGS sent); the origin only accepts.
 */
@Timeout(20)
class SessionAttachedConnectionsTest {
    private static final PoolCounts NOTHING = new PoolCounts(0, 0, 0, 0, 0);

    @TempDir
    Path directory;

    private ServerSocket origin;

    @BeforeEach
    void listen() throws IOException {
        origin = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws IOException {
        origin.close();
    }

    private Backend backend(String reuse, String serverOptions) {
        return ExchangeFixture.world(directory, """
                backend be
                    mode http
                    http-reuse %s
                    server s1 127.0.0.1:%d proto h2 %s
                """.formatted(reuse, origin.getLocalPort(), serverOptions)).backend("be");
    }

    /** The server links of one stream of the client session {@code session}. */
    private static ServerLinks stream(SessionLinks session) {
        return new ServerLinks(new ExchangeFixture.RecordingChild(),
                new ServerMuxes(H1Settings.DEFAULTS, null, Http2Tunables.DEFAULTS), null, null, session);
    }

    private static PoolCounts counts(Server server) {
        return Http2ServerPoolTest.counts(server);
    }

    @Test
    void theSessionsStreamsShareItsConnectionAndOtherSessionsDoNot() throws Exception {
        Backend backend = backend("safe", "");
        Server server = backend.server("s1").orElseThrow();
        SessionLinks session = new SessionLinks();
        try (ServerLinks one = stream(session); ServerLinks two = stream(session);
             ServerLinks stranger = stream(new SessionLinks())) {
            ServerLink first = one.get(backend, 0, null, true).link().orElseThrow();
            assertTrue(session.holds(first), "attached to the session while in use");
            ServerLink second = two.get(backend, 0, null, false).link().orElseThrow();
            assertSame(first, second, "the session's second stream shares its connection");
            assertEquals(2, server.idleConnections().users(first));
            assertEquals(0, server.idleConnections().availableCount(), "not offered to other sessions");
            assertEquals(new PoolCounts(1, 0, 0, 0, 0), counts(server), "one connection counted once");
            assertEquals(2, server.currentConnections(), "one slot per exchange");

            ServerLink other = stranger.get(backend, 0, null, false).link().orElseThrow();
            assertNotSame(first, other, "another session does not use it while it is attached");
            assertEquals(2, counts(server).used());
            stranger.keep(other);

            one.keep(first);
            assertTrue(session.holds(first), "still attached: the session's other stream uses it");
            assertEquals(1, server.idleConnections().users(first));
            two.keep(second);
            assertFalse(session.holds(first), "its last exchange ended: it left the session");
            assertEquals(0, session.size());
            assertEquals(0, counts(server).used(), "back to the server's lists, none used");
            assertTrue(counts(server).waiting() >= 1);
            assertFalse(first.mux().isClosed());
        }
        assertEquals(0, server.currentConnections(), "every slot given back");
    }

    @Test
    void theStreamLimitSendsTheSessionsNextStreamToAnotherConnection() throws Exception {
        Backend backend = backend("safe", "max-reuse 1");
        Server server = backend.server("s1").orElseThrow();
        SessionLinks session = new SessionLinks();
        try (ServerLinks a = stream(session); ServerLinks b = stream(session); ServerLinks c = stream(session)) {
            ServerLink first = a.get(backend, 0, null, true).link().orElseThrow();
            assertSame(first, b.get(backend, 0, null, false).link().orElseThrow());
            ServerLink third = c.get(backend, 0, null, false).link().orElseThrow();
            assertNotSame(first, third, "max-reuse 1: two exchanges on a connection at most");
            assertEquals(2, session.size(), "both attached");
            assertEquals(2, counts(server).used());
        }
        assertEquals(0, session.size());
        assertEquals(NOTHING, counts(server), "the streams' ends freed everything");
        assertEquals(0, server.currentConnections());
    }

    @Test
    void failedExchangesAndEndingStreamsReleaseWhatTheSessionHeld() throws Exception {
        Backend backend = backend("safe", "");
        Server server = backend.server("s1").orElseThrow();
        SessionLinks session = new SessionLinks();
        ServerLinks one = stream(session);
        ServerLinks two = stream(session);
        ServerLink first = one.get(backend, 0, null, true).link().orElseThrow();
        assertSame(first, two.get(backend, 0, null, false).link().orElseThrow());
        one.close(); // a stream ends with its exchange in flight
        assertFalse(first.mux().isClosed(), "the other stream still uses it");
        assertTrue(session.holds(first));
        assertEquals(1, counts(server).used());
        two.discard(first);
        assertTrue(first.mux().isClosed(), "the last exchange to fail closes it");
        assertEquals(0, session.size());
        assertEquals(NOTHING, counts(server));
        two.close();
        assertEquals(0, server.currentConnections());
    }

    @Test
    void aConnectionTakenFromTheListsIsAttachedToo() throws Exception {
        Backend backend = backend("safe", "");
        Server server = backend.server("s1").orElseThrow();
        SessionLinks session = new SessionLinks();
        try (ServerLinks one = stream(session); ServerLinks two = stream(session)) {
            ServerLink first = one.get(backend, 0, null, true).link().orElseThrow();
            one.keep(first);
            assertEquals(0, session.size());
            ServerLink again = one.get(backend, 0, null, false).link().orElseThrow();
            assertSame(first, again, "a later request takes it from the lists");
            assertTrue(session.holds(again), "attached again while in use");
            assertSame(first, two.get(backend, 0, null, false).link().orElseThrow());
            assertEquals(new PoolCounts(1, 0, 0, 0, 0), counts(server));
        }
        assertEquals(0, session.size());
        assertEquals(0, counts(server).used());
        assertEquals(0, server.currentConnections());
    }

    @Test
    void alwaysAndAggressiveDoNotAttachToTheSession() throws Exception {
        for (String reuse : new String[] {"aggressive", "always"}) {
            Backend backend = backend(reuse, "");
            SessionLinks session = new SessionLinks();
            try (ServerLinks one = stream(session)) {
                one.get(backend, 0, null, true).link().orElseThrow();
                assertEquals(0, session.size(), reuse + ": shared through the server's lists instead");
            }
        }
    }

    @Test
    void underNeverTheSessionsStreamsShareItsPrivateConnection() throws Exception {
        // 3.5's backend.c: a private connection is in the session's list, and session_get_conn()
        // gives it to the session's next stream while it has a free one.
        Backend backend = backend("never", "max-reuse 1");
        Server server = backend.server("s1").orElseThrow();
        SessionLinks session = new SessionLinks();
        try (ServerLinks one = stream(session); ServerLinks two = stream(session); ServerLinks three = stream(session);
             ServerLinks stranger = stream(new SessionLinks())) {
            ServerLink first = one.get(backend, 0, null, true).link().orElseThrow();
            assertTrue(first.isPrivate());
            assertSame(first, two.get(backend, 0, null, false).link().orElseThrow(), "the session's stream shares it");
            assertNotSame(first, three.get(backend, 0, null, false).link().orElseThrow(),
                    "max-reuse 1: no third exchange on it");
            assertNotSame(first, stranger.get(backend, 0, null, false).link().orElseThrow(),
                    "another session never uses it");
            assertEquals(0, counts(server).used(), "private: not counted by the server");
            assertEquals(4, server.currentConnections(), "one slot per exchange");
            one.keep(first);
            assertTrue(session.holds(first), "the other stream still uses it");
            assertEquals(0, one.keptCount(), "not kept idle while in use");
            assertFalse(first.mux().isClosed());
            two.keep(first);
            assertFalse(session.holds(first));
        }
        assertEquals(0, session.size());
        assertEquals(NOTHING, counts(server));
        assertEquals(0, server.currentConnections(), "every slot given back");
    }
}
