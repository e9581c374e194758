package dev.shuttle.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.backend.Backend;
import dev.shuttle.mux.ServerMux;
import dev.shuttle.mux.ServerStream;
import dev.shuttle.server.PoolCounts;
import dev.shuttle.server.Server;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session's private connections (seed 000, {@code sess_priv_conns}): kept per server, so that a
 * client going back and forth between servers keeps one to each, and never counted by the servers.
 * The connections are real TCP connections to a local listener; their muxes are stand-ins.
 */
@Timeout(10)
class PrivateConnectionsTest {
    private static final PoolCounts NOTHING = new PoolCounts(0, 0, 0, 0, 0);

    @TempDir
    Path directory;

    private ServerSocket origin;
    private final List<StandInMux> muxes = new ArrayList<>();

    @BeforeEach
    void listen() throws IOException {
        origin = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws IOException {
        origin.close();
    }

    private ExchangeFixture.World world(String reuse, int servers) {
        return world(reuse, servers, "");
    }

    private ExchangeFixture.World world(String reuse, int servers, String extra) {
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= servers; i++) {
            lines.append("    server s").append(i).append(" 127.0.0.1:").append(origin.getLocalPort()).append('\n');
        }
        return ExchangeFixture.world(directory, """
                backend be
                    mode http
                    balance roundrobin
                    http-reuse %s
                """.formatted(reuse) + extra + lines);
    }

    private ServerLinks links() {
        return new ServerLinks(new ExchangeFixture.RecordingChild(), (socket, backend) -> {
            StandInMux mux = new StandInMux();
            muxes.add(mux);
            return mux;
        });
    }

    /** One exchange to {@code server}: a connection got, then kept for later. */
    private static ServerLink exchange(ServerLinks links, Backend backend, Server server) throws IOException {
        ServerLink link = links.get(backend, 0, server, false).link().orElseThrow();
        assertSame(server, link.connection().server());
        links.keep(link);
        return link;
    }

    @Test
    void aClientGoingBackAndForthBetweenTwoServersKeepsAConnectionToEach() throws Exception {
        ExchangeFixture.World world = world("never", 2);
        Backend backend = world.backend("be");
        Server s1 = backend.server("s1").orElseThrow();
        Server s2 = backend.server("s2").orElseThrow();
        try (ServerLinks links = links()) {
            ServerLink toS1 = exchange(links, backend, s1);
            ServerLink toS2 = exchange(links, backend, s2);
            for (int round = 0; round < 3; round++) {
                assertSame(toS1, exchange(links, backend, s1));
                assertSame(toS2, exchange(links, backend, s2));
            }
            assertEquals(2, muxes.size(), "two connections for eight exchanges");
            assertEquals(2, links.keptCount());
            assertEquals(8, toS1.exchanges() + toS2.exchanges());
            assertEquals(NOTHING, s1.idleConnections().counts(), "private connections are not the server's");
            assertEquals(NOTHING, s2.idleConnections().counts());
            assertEquals(0, s1.currentConnections(), "the slots were given back between exchanges");
        }
        assertTrue(muxes.stream().allMatch(mux -> mux.closed), "the session's end closes them");
    }

    @Test
    void withoutAServerChosenTheLoadBalancerChoosesAndTheSessionsConnectionToThatServerServes() throws Exception {
        ExchangeFixture.World world = world("never", 2);
        Backend backend = world.backend("be");
        try (ServerLinks links = links()) {
            ServerLink first = links.get(backend, 0, null, true).link().orElseThrow();
            links.keep(first);
            ServerLink second = links.get(backend, 0, null, false).link().orElseThrow();
            assertNotSame(first.connection().server(), second.connection().server(), "round robin goes on");
            links.keep(second);
            assertSame(first, links.get(backend, 0, null, false).link().orElseThrow(),
                    "back on the first server, its kept connection serves");
            assertEquals(2, muxes.size());
        }
    }

    @Test
    void underPreferLastServerTheSessionsLastConnectionChoosesTheServer() throws Exception {
        ExchangeFixture.World world = world("never", 2, "    option prefer-last-server\n");
        Backend backend = world.backend("be");
        try (ServerLinks links = links()) {
            ServerLink first = links.get(backend, 0, null, true).link().orElseThrow();
            links.keep(first);
            assertSame(first, links.get(backend, 0, null, false).link().orElseThrow());
        }
    }

    @Test
    void aSessionKeepsFiveAtMostAndClosesTheOneBeyond() throws Exception {
        ExchangeFixture.World world = world("never", 6);
        Backend backend = world.backend("be");
        try (ServerLinks links = links()) {
            for (Server server : backend.servers()) {
                exchange(links, backend, server);
            }
            assertEquals(PrivateLinks.MAX_KEPT, links.keptCount());
            assertTrue(muxes.get(5).closed, "the sixth is closed at the end of its exchange");
            assertFalse(muxes.get(0).closed);
        }
    }

    @Test
    void aConnectionMadePrivateLeavesItsServersCounters() throws Exception {
        ExchangeFixture.World world = world("always", 1);
        Backend backend = world.backend("be");
        Server server = backend.server("s1").orElseThrow();
        try (ServerLinks links = links()) {
            ServerLink link = links.get(backend, 0, server, true).link().orElseThrow();
            assertEquals(1, server.idleConnections().counts().used(), "a shared connection is the server's");
            link.makePrivate(); // as an NTLM challenge makes it
            links.keep(link);
            assertEquals(0, server.idleConnections().counts().used());
            assertEquals(0, server.idleConnections().counts().waiting());
            assertSame(link, links.get(backend, 0, server, false).link().orElseThrow(), "the session keeps it");
            assertEquals(0, server.idleConnections().counts().used(), "in use, still not counted");
            links.keep(link);
            ServerLink shared = links.get(backend, 0, null, true).link().orElseThrow();
            assertSame(link, shared, "the private connection serves its session first");
        }
    }

    @Test
    void aSharedConnectionStillGoesToThePool() throws Exception {
        ExchangeFixture.World world = world("always", 1);
        Backend backend = world.backend("be");
        Server server = backend.server("s1").orElseThrow();
        try (ServerLinks links = links()) {
            ServerLink link = exchange(links, backend, server);
            assertEquals(0, links.keptCount());
            assertEquals(1, server.idleConnections().counts().waiting());
            assertNotSame(null, link);
        }
    }

    /** A server connection's mux that carries nothing: these tests only get and keep connections. */
    private static final class StandInMux implements ServerMux {
        boolean closed;

        @Override
        public ServerStream openStream() {
            throw new UnsupportedOperationException("no exchange in these tests");
        }

        @Override
        public void idle() {
        }

        @Override
        public boolean looksReusable(long waitMillis) {
            return !closed;
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
