package dev.shuttle.backend;

import static dev.shuttle.backend.BackendFixture.backendConfig;
import static dev.shuttle.backend.BackendFixture.picks;
import static dev.shuttle.backend.BackendFixture.server;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.backend.BackendFixture.Waiter;
import dev.shuttle.config.ServerConfig;
import dev.shuttle.lang.SourceLocation;
import dev.shuttle.lang.SyslogLevel;
import dev.shuttle.net.Address;
import dev.shuttle.server.AdminState;
import dev.shuttle.server.OperationalState;
import dev.shuttle.server.PooledConnection;
import dev.shuttle.server.Server;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backend's servers changed at runtime: what each change does to the picks, and to the requests
 * waiting in the queue (HAProxy's pendconn_redistribute() and pendconn_grab_from_px()).
 */
@Timeout(10)
class ServerStateChangesTest {
    @TempDir
    Path directory;

    private final QueueTimeouts queueTimeouts = new QueueTimeouts();
    /** What the backend reported, "LEVEL text", in order. */
    private final List<String> reports = Collections.synchronizedList(new ArrayList<>());

    /** A backend of {@code lines}; round robin unless they say otherwise, so that the picks' order is known. */
    private Backend backend(String... lines) throws IOException {
        if (Arrays.stream(lines).noneMatch(line -> line.startsWith("balance"))) {
            lines = Stream.concat(Stream.of("balance roundrobin"), Arrays.stream(lines)).toArray(String[]::new);
        }
        return new Backend(backendConfig(directory, lines), queueTimeouts,
                (backend, level, text) -> reports.add(level + " " + text));
    }

    // What each admin state lets through

    @Test
    void aDrainingServerIsLeftByTheBalancerButReachedByRequestsThatNameIt() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1", "server b 127.0.0.1:2");
        Server a = server(backend, "a");
        backend.setAdminState(a, AdminState.DRAIN);
        assertEquals("bbbbbb", picks(backend, 6));
        assertEquals(1, backend.usableServerCount(), "nbsrv leaves a draining server out");
        assertEquals(Optional.of(a), backend.acquirePreferred(a, 100), "use-server still reaches it");
        assertEquals(Optional.of(a), backend.acquireSpecific(a, 100), "so does a session's kept connection");
        backend.release(a);
        backend.release(a);
        backend.setAdminState(a, AdminState.READY);
        assertEquals("abab", picks(backend, 4));
        assertEquals(List.of("NOTICE Server be/a enters drain state. 1 active and 0 backup servers online. "
                + "0 sessions requeued, 0 total in queue.", "NOTICE Server be/a is UP (leaving forced drain)."), reports);
    }

    @Test
    void aServerInMaintenanceIsReachedByNothingAndItsInFlightRequestsFinish() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1", "server b 127.0.0.1:2");
        Server a = server(backend, "a");
        Server inFlight = backend.acquire(Set.of(), 100).orElseThrow();
        assertEquals(a, inFlight);
        backend.setAdminState(a, AdminState.MAINT);
        assertEquals("bbbb", picks(backend, 4));
        assertEquals("b", backend.acquirePreferred(a, 100).map(Server::name).orElse("-"),
                "a request that names it goes to the load balancer");
        assertEquals(Optional.empty(), backend.acquireSpecific(a, 100), "a connection only it can serve is refused");
        assertEquals(1, a.currentConnections(), "the request in flight goes on");
        backend.release(a);
        assertEquals(0, a.currentConnections());
        assertFalse(a.isUp());
        assertEquals(List.of("ALERT Server be/a is going DOWN for maintenance. 1 active and 0 backup servers left. "
                + "1 sessions active, 0 requeued, 0 remaining in queue."), reports);
        backend.setAdminState(a, AdminState.READY);
        assertEquals("NOTICE Server be/a is UP/READY (leaving forced maintenance).", reports.getLast());
    }

    @Test
    void aServerDisabledInTheConfigurationStartsInMaintenanceAndEnableServerBringsItIn() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1 disabled", "server b 127.0.0.1:2");
        Server a = server(backend, "a");
        assertEquals(AdminState.MAINT, a.adminState());
        assertEquals("bbb", picks(backend, 3));
        backend.setAdminState(a, AdminState.READY);
        assertEquals("abab", picks(backend, 4));
    }

    @Test
    void aChangeToTheSameStateSaysNothing() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1");
        Server a = server(backend, "a");
        backend.setAdminState(a, AdminState.READY);
        backend.setAdminState(a, AdminState.MAINT);
        backend.setAdminState(a, AdminState.MAINT);
        backend.setAdminState(a, AdminState.DRAIN);
        assertEquals(List.of(
                "ALERT Server be/a is going DOWN for maintenance. 0 active and 0 backup servers left. "
                        + "0 sessions active, 0 requeued, 0 remaining in queue.",
                "EMERG backend be has no server available!",
                "NOTICE Server be/a is UP/DRAIN (leaving forced maintenance).",
                "NOTICE Server be/a remains in forced drain mode."), reports);
    }

    /** A pooled connection without a socket, that counts its closes. */
    private static final class IdleConnection extends PooledConnection {
        final AtomicInteger closes = new AtomicInteger();

        IdleConnection(long hash) {
            super(hash);
        }

        @Override
        public boolean stillUsable(long waitMillis) {
            return true;
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    private static IdleConnection idleIn(Server server) {
        IdleConnection connection = new IdleConnection(server.connectionHash(0));
        server.idleConnections().register(connection);
        assertTrue(server.idleConnections().putBack(connection, true));
        return connection;
    }

    @Test
    void maintenanceClosesTheServersIdleConnectionsAndRemovalStopsItsPool() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1", "server b 127.0.0.1:2");
        Server a = server(backend, "a");
        IdleConnection idle = idleIn(a);
        backend.setAdminState(a, AdminState.DRAIN);
        assertEquals(0, idle.closes.get(), "drain keeps them: persistent requests may use them");
        backend.setAdminState(a, AdminState.MAINT);
        assertEquals(1, idle.closes.get(), "as HAProxy's srv_cleanup_connections() on maintenance");
        assertEquals(0, a.idleConnections().counts().waiting());
        IdleConnection later = idleIn(a); // an exchange that ended after the change still pools its connection
        assertTrue(backend.removeServer(a));
        assertEquals(1, later.closes.get());
        IdleConnection refused = new IdleConnection(a.connectionHash(0));
        a.idleConnections().register(refused);
        assertFalse(a.idleConnections().putBack(refused, true), "a removed server pools nothing any more");
    }

    @Test
    void aServerThatIsDownTakesNothingWhateverItsAdminState() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1", "server b 127.0.0.1:2");
        Server a = server(backend, "a");
        backend.setOperationalState(a, OperationalState.DOWN);
        assertEquals("bb", picks(backend, 2));
        assertEquals(Optional.empty(), backend.acquireSpecific(a, 100));
        backend.setAdminState(a, AdminState.MAINT);
        assertEquals("NOTICE Server be/a was DOWN and now enters maintenance.", reports.getLast());
        backend.setAdminState(a, AdminState.READY);
        backend.setOperationalState(a, OperationalState.UP);
        assertEquals("abab", picks(backend, 4));
    }

    @Test
    void backupServersTakeOverWhileEveryActiveOneIsOutOfService() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1", "server spare 127.0.0.1:2 backup");
        Server a = server(backend, "a");
        backend.setAdminState(a, AdminState.DRAIN);
        assertEquals("spare spare", picks(backend, 1) + " " + picks(backend, 1));
        assertTrue(reports.getLast().contains("0 active and 1 backup servers online. Running on backup."), reports.getLast());
        backend.setAdminState(a, AdminState.READY);
        assertEquals("aa", picks(backend, 2));
    }

    // Weights and maxconn

    @Test
    void aWeightChangeReplansTheRoundRobin() throws Exception {
        Backend backend = backend("balance roundrobin", "server a 127.0.0.1:1", "server b 127.0.0.1:2",
                "server c 127.0.0.1:3");
        assertEquals("abcabc", picks(backend, 6));
        backend.setWeight(server(backend, "a"), 5);
        String sequence = picks(backend, 700);
        assertEquals("aabacaa", sequence.substring(0, 7), "a fresh smooth plan for weights 5, 1, 1");
        assertEquals(500, count(sequence, 'a'));
        assertEquals(100, count(sequence, 'b'));
        assertEquals(100, count(sequence, 'c'));
        backend.setWeight(server(backend, "b"), 0);
        assertEquals(5, server(backend, "a").weight());
        assertEquals(1, server(backend, "a").initialWeight());
        sequence = picks(backend, 600);
        assertEquals(0, count(sequence, 'b'), "weight 0: out of load balancing");
        assertEquals(500, count(sequence, 'a'));
        assertTrue(reports.isEmpty(), "weight changes are not reported");
    }

    @Test
    void aWeightChangeReachesLeastconnAtOnce() throws Exception {
        Backend backend = backend("balance leastconn", "server a 127.0.0.1:1", "server b 127.0.0.1:2");
        Server a = server(backend, "a");
        Server b = server(backend, "b");
        backend.acquireSpecific(a, 100).orElseThrow();
        backend.acquireSpecific(a, 100).orElseThrow();
        backend.acquireSpecific(b, 100).orElseThrow();
        assertEquals(Optional.of(b), pickAndRelease(backend), "2/1 against 1/1");
        backend.setWeight(a, 4);
        assertEquals(Optional.of(a), pickAndRelease(backend), "2/4 against 1/1");
    }

    private static Optional<Server> pickAndRelease(Backend backend) throws InterruptedException {
        Optional<Server> picked = backend.acquire(Set.of(), 100);
        picked.ifPresent(backend::release);
        return picked;
    }

    @Test
    void aLowerMaxconnQueuesNewRequestsAndAHigherOneHandsThemSlots() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1");
        Server a = server(backend, "a");
        for (int i = 0; i < 3; i++) {
            backend.acquire(Set.of(), 100).orElseThrow();
        }
        backend.setMaxconn(a, 2);
        assertTrue(a.isFull(), "3 in flight, maxconn 2");
        Waiter first = new Waiter(backend, () -> backend.acquire(Set.of(), 0));
        backend.release(a);
        assertTrue(first.waiting(), "2 in flight is still the limit");
        Waiter second = new Waiter(backend, () -> backend.acquire(Set.of(), 0));
        backend.setMaxconn(a, 4);
        assertEquals("a", first.result());
        assertEquals("a", second.result());
        assertEquals(4, a.currentConnections());
        backend.setMaxconn(a, 0);
        assertFalse(a.isFull(), "maxconn 0: no limit");
    }

    // The queue handed on

    @Test
    void maintenanceSendsTheRequestsWaitingForTheServerToTheOthers() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1 maxconn 1", "server b 127.0.0.1:2 maxconn 1");
        Server a = server(backend, "a");
        Server b = server(backend, "b");
        backend.acquireSpecific(a, 100).orElseThrow();
        backend.acquireSpecific(b, 100).orElseThrow();
        Waiter named = new Waiter(backend, () -> backend.acquirePreferred(a, 0));
        Waiter kept = new Waiter(backend, () -> backend.acquireSpecific(a, 0));
        Waiter any = new Waiter(backend, () -> backend.acquire(Set.of(), 0));
        backend.setAdminState(a, AdminState.MAINT);
        assertEquals("-", kept.result(), "only a could serve it: turned away at once");
        assertEquals(2, backend.queuedRequests());
        assertEquals("ALERT Server be/a is going DOWN for maintenance. 1 active and 0 backup servers left. "
                + "1 sessions active, 1 requeued, 0 remaining in queue.", reports.getLast());
        backend.release(a);
        assertEquals(2, backend.queuedRequests(), "a's slot serves nobody now");
        backend.release(b);
        assertEquals("b", named.result(), "it kept its place, before the one queued after it");
        backend.release(b);
        assertEquals("b", any.result());
    }

    @Test
    void maintenanceOfTheLastServerTurnsTheQueueAway() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1 maxconn 1");
        Server a = server(backend, "a");
        backend.acquire(Set.of(), 100).orElseThrow();
        Waiter any = new Waiter(backend, () -> backend.acquire(Set.of(), 0));
        Waiter named = new Waiter(backend, () -> backend.acquirePreferred(a, 0));
        backend.setAdminState(a, AdminState.MAINT);
        assertEquals("-", any.result(), "no server left to wait for");
        assertEquals("-", named.result());
        assertEquals(0, backend.queuedRequests());
    }

    @Test
    void drainKeepsTheRequestsThatNameTheServer() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1 maxconn 1", "server b 127.0.0.1:2 maxconn 1");
        Server a = server(backend, "a");
        Server b = server(backend, "b");
        backend.acquireSpecific(a, 100).orElseThrow();
        backend.acquireSpecific(b, 100).orElseThrow();
        Waiter named = new Waiter(backend, () -> backend.acquirePreferred(a, 0));
        Waiter any = new Waiter(backend, () -> backend.acquire(Set.of(), 0));
        backend.setAdminState(a, AdminState.DRAIN);
        assertEquals("NOTICE Server be/a enters drain state. 1 active and 0 backup servers online. "
                + "0 sessions requeued, 1 total in queue.", reports.getLast());
        backend.release(a);
        assertEquals("a", named.result(), "persistent: a draining server still serves it");
        backend.release(a);
        assertTrue(any.waiting(), "the load balancer does not send it to a draining server");
        backend.release(b);
        assertEquals("b", any.result());
    }

    @Test
    void leavingMaintenanceTakesRequestsFromTheQueueUpToItsFreeSlots() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1 maxconn 2 disabled", "server b 127.0.0.1:2 maxconn 1");
        Server a = server(backend, "a");
        backend.acquire(Set.of(), 100).orElseThrow();
        List<Waiter> waiters = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiters.add(new Waiter(backend, () -> backend.acquire(Set.of(), 0)));
        }
        backend.setAdminState(a, AdminState.READY);
        assertEquals("a", waiters.get(0).result());
        assertEquals("a", waiters.get(1).result());
        assertEquals(1, backend.queuedRequests(), "a has 2 slots; the third request still waits");
        backend.release(a);
        assertEquals("a", waiters.get(2).result());
    }

    @Test
    void leavingDrainOrGettingAWeightTakesFromTheQueue() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1 weight 0", "server b 127.0.0.1:2 maxconn 1",
                "server c 127.0.0.1:3");
        Server a = server(backend, "a");
        Server c = server(backend, "c");
        backend.setAdminState(c, AdminState.DRAIN);
        backend.acquire(Set.of(), 100).orElseThrow();
        Waiter first = new Waiter(backend, () -> backend.acquire(Set.of(), 0));
        Waiter second = new Waiter(backend, () -> backend.acquire(Set.of(), 0));
        backend.setWeight(a, 1);
        assertEquals("a", first.result());
        assertEquals("a", second.result(), "no maxconn on a");
        Waiter third = new Waiter(backend, () -> {
            backend.setWeight(a, 0);
            return backend.acquire(Set.of(), 0);
        });
        backend.setAdminState(c, AdminState.READY);
        assertEquals("c", third.result());
    }

    // The server list

    @Test
    void aServerAddedAtRuntimeJoinsTheBalancerAndTakesQueuedRequests() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1 maxconn 1");
        backend.acquire(Set.of(), 100).orElseThrow();
        Waiter waiting = new Waiter(backend, () -> backend.acquire(Set.of(), 0));
        Server b = backend.addServer(serverConfig("b", 2, false));
        assertEquals("b", waiting.result());
        assertEquals(List.of("a", "b"), backend.servers().stream().map(Server::name).toList());
        backend.release(server(backend, "a"));
        backend.release(b);
        assertEquals("abab", picks(backend, 4));
        Server spare = backend.addServer(serverConfig("spare", 3, true));
        Server c = backend.addServer(serverConfig("c", 4, false));
        assertEquals(List.of("a", "b", "c", "spare"), backend.servers().stream().map(Server::name).toList(),
                "active servers first, then backups, each in the order they came");
        assertEquals("abcabc", picks(backend, 6));
        assertEquals(Optional.of(spare), backend.server("spare"));
        assertEquals(c, server(backend, "c"));
        assertThrows(IllegalArgumentException.class, () -> backend.addServer(serverConfig("b", 5, false)));
    }

    @Test
    void aServerIsRemovedOnlyOnceInMaintenanceAndIdle() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1", "server b 127.0.0.1:2");
        Server b = server(backend, "b");
        assertFalse(backend.removeServer(b), "not in maintenance");
        backend.acquireSpecific(b, 100).orElseThrow();
        backend.setAdminState(b, AdminState.MAINT);
        assertFalse(backend.removeServer(b), "a request still in flight");
        backend.release(b);
        assertTrue(backend.removeServer(b));
        assertFalse(backend.removeServer(b), "gone already");
        assertEquals(List.of("a"), backend.servers().stream().map(Server::name).toList());
        assertEquals(Optional.empty(), backend.server("b"));
        assertEquals("aaa", picks(backend, 3));
        assertThrows(IllegalArgumentException.class, () -> backend.setAdminState(b, AdminState.READY),
                "a server that left the backend cannot be changed through it");
    }

    private static ServerConfig serverConfig(String name, int id, boolean backup) {
        return new ServerConfig(new SourceLocation("runtime", 0), name,
                new Address.Inet("127.0.0.1", 10 + id, Address.Family.ANY), id, 1, 0, false, backup);
    }

    private static long count(String sequence, char name) {
        return sequence.chars().filter(c -> c == name).count();
    }

    @Test
    void levelsFollowHaproxy() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1");
        Server a = server(backend, "a");
        backend.setAdminState(a, AdminState.DRAIN);
        backend.setAdminState(a, AdminState.MAINT);
        assertTrue(reports.getLast().startsWith(SyslogLevel.NOTICE + " "), "from drain, going down is a notice");
    }
}
