package dev.shuttle.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.backend.Backend;
import dev.shuttle.backend.QueueTimeouts;
import dev.shuttle.backend.ServerStateLog;
import dev.shuttle.config.Configuration;
import dev.shuttle.config.parse.ConfigLoader;
import dev.shuttle.config.parse.Diagnostics;
import dev.shuttle.config.parse.KeywordRegistry;
import dev.shuttle.config.parse.Variables;
import dev.shuttle.lang.SyslogLevel;
import dev.shuttle.server.AdminState;
import dev.shuttle.server.HealthEvent;
import dev.shuttle.server.OperationalState;
import dev.shuttle.server.Server;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server's check from result to state: the counter, the messages, the backend's state and the
 * schedule, with a scripted probe (the probes themselves are tested on sockets in {@link ProbesTest}).
 */
class ServerCheckTest {
    @TempDir
    Path directory;
    private final List<String> reports = new ArrayList<>();
    private final ServerStateLog log = new ServerStateLog() {
        @Override
        public void report(Backend backend, SyslogLevel level, String text) {
            reports.add(level + " " + text);
        }

        @Override
        public void backendDown(Backend backend) {
            reports.add("backend " + backend.name() + " has no server available!");
        }
    };

    private Backend backend(String... lines) throws Exception {
        Path file = Files.createTempFile(directory, "checks", ".cfg");
        Files.writeString(file, "defaults\n    timeout client 1s\n    timeout server 1s\n    timeout connect 1s\n"
                + "backend be\n" + String.join("", List.of(lines).stream().map(l -> "    " + l + "\n").toList()));
        Diagnostics diagnostics = Diagnostics.collecting();
        Configuration configuration = new ConfigLoader(KeywordRegistry.standard())
                .load(List.of(file), Variables.of(Map.of()), diagnostics)
                .orElseThrow(() -> new AssertionError(diagnostics.messages().toString()));
        return new Backend(configuration.backend("be").orElseThrow(), new QueueTimeouts(), log);
    }

    /** A probe that gives the scripted outcomes in order. */
    private static Probe scripted(CheckOutcome... outcomes) {
        Deque<CheckOutcome> script = new ArrayDeque<>(List.of(outcomes));
        return (target, timeouts) -> script.removeFirst();
    }

    private ServerCheck check(Backend backend, String name, Probe probe) {
        Server server = backend.server(name).orElseThrow();
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1);
        return new ServerCheck(backend, server, probe, address, address, new CheckTimeouts(1000, -1), log, 0,
                new ServerVerdicts(backend, server));
    }

    private static final CheckOutcome REFUSED = CheckOutcome.of(CheckStatus.L4CON,
            "ECONNREFUSED returned by OS (Connection refused)");
    private static final CheckOutcome OK = CheckOutcome.of(CheckStatus.L7OK, 200, "");

    @Test
    void aServerGoesDownAfterFallFailuresAndUpAfterRiseSuccesses() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1 check rise 2 fall 2 init-state fully-up", "server b 127.0.0.1:2");
        Server a = backend.server("a").orElseThrow();
        ServerCheck check = check(backend, "a", scripted(REFUSED, REFUSED, OK, OK));
        check.runOnce();
        assertEquals(OperationalState.UP, a.status().operational(), "one failure of two");
        check.runOnce();
        assertEquals(OperationalState.DOWN, a.status().operational());
        assertEquals(1, backend.usableServerCount());
        check.runOnce();
        assertEquals(OperationalState.DOWN, a.status().operational(), "one success of two");
        check.runOnce();
        assertEquals(OperationalState.UP, a.status().operational());
        assertEquals(List.of(
                "ALERT Server be/a is DOWN, reason: Layer4 connection problem, info: \"ECONNREFUSED returned by OS "
                        + "(Connection refused)\", check duration: 0ms. 1 active and 0 backup servers left. 0 sessions "
                        + "active, 0 requeued, 0 remaining in queue.",
                "NOTICE Server be/a is UP, reason: Layer7 check passed, code: 200, check duration: 0ms. 2 active and "
                        + "0 backup servers online. 0 sessions requeued, 0 total in queue."),
                reports.stream().map(r -> r.replaceAll("duration: [0-9]+ms", "duration: 0ms")).toList());
        assertEquals("L7OK", a.lastCheck().status());
        assertEquals(200, a.lastCheck().code());
        assertEquals(3, a.lastCheck().health());
    }

    @Test
    void logHealthChecksWritesALinePerChangeAndShortensTheStateMessage() throws Exception {
        Backend backend = backend("option log-health-checks", "server a 127.0.0.1:1 check rise 2 fall 2");
        ServerCheck check = check(backend, "a", scripted(OK, OK, OK, REFUSED));
        check.runOnce();
        check.runOnce();
        check.runOnce();
        check.runOnce();
        assertEquals(List.of(
                "NOTICE Health check for server be/a succeeded, reason: Layer7 check passed, code: 200, check duration: 0ms, status: 1/2 DOWN.",
                "NOTICE Health check for server be/a succeeded, reason: Layer7 check passed, code: 200, check duration: 0ms, status: 2/2 UP.",
                "NOTICE Health check for server be/a failed, reason: Layer4 connection problem, info: \"ECONNREFUSED returned by OS (Connection refused)\", check duration: 0ms, status: 1/2 UP."),
                reports.stream().map(r -> r.replaceAll("duration: [0-9]+ms", "duration: 0ms")).toList(),
                "the third success changed nothing, so it is not logged");
    }

    @Test
    void theLastServerGoingDownLeavesTheBackendWithoutServers() throws Exception {
        Backend backend = backend("option log-health-checks", "server a 127.0.0.1:1 check");
        check(backend, "a", scripted(REFUSED)).runOnce();
        assertEquals("ALERT Server be/a is DOWN. 0 active and 0 backup servers left. 0 sessions active, 0 requeued, "
                + "0 remaining in queue.", reports.get(1));
        assertEquals("backend be has no server available!", reports.get(2));
    }

    @Test
    void aConditionalPassPutsTheServerInStoppingWhereOnlyNamedRequestsReachIt() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1 check rise 1 fall 1", "server b 127.0.0.1:2");
        Server a = backend.server("a").orElseThrow();
        ServerCheck check = check(backend, "a", scripted(CheckOutcome.of(CheckStatus.L7OKC, 404, ""), OK));
        check.runOnce();
        assertEquals(OperationalState.STOPPING, a.status().operational());
        assertTrue(a.isUp(), "persistent traffic still reaches it");
        for (int i = 0; i < 4; i++) {
            Server picked = backend.acquire(Set.of(), 0).orElseThrow();
            assertEquals("b", picked.name());
            backend.release(picked);
        }
        assertEquals(Optional.of(a), backend.acquirePreferred(a, 0));
        backend.release(a);
        check.runOnce();
        assertEquals(OperationalState.UP, a.status().operational());
        assertTrue(reports.getFirst().startsWith("NOTICE Server be/a is stopping, reason: Layer7 check conditionally "
                + "passed, code: 404"), reports.toString());
    }

    @Test
    void requestsQueuedForADownServerGoBackToTheBackend() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1 check rise 1 fall 1 maxconn 1", "server b 127.0.0.1:2 maxconn 1");
        Server a = backend.server("a").orElseThrow();
        Server b = backend.server("b").orElseThrow();
        assertEquals(Optional.of(a), backend.acquirePreferred(a, 0));
        assertEquals(Optional.of(b), backend.acquirePreferred(b, 0));
        // A retry bound to a waits for it; a goes down: the request waits for any server instead.
        var waiting = Thread.ofVirtual().start(() -> {
            try {
                Optional<Server> got = backend.acquirePreferred(a, 0);
                reports.add("got " + got.map(Server::name).orElse("nothing"));
                got.ifPresent(backend::release);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        while (backend.queuedRequests() == 0) {
            Thread.sleep(5);
        }
        check(backend, "a", scripted(REFUSED)).runOnce();
        assertTrue(reports.stream().anyMatch(r -> r.contains("1 requeued")), reports.toString());
        backend.release(b);
        waiting.join(2000);
        assertTrue(reports.contains("got b"), reports.toString());
        backend.release(a);
    }

    @Test
    void theScheduleUsesFastinterWhileChangingAndDowninterWhileDown() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1 check inter 2s fastinter 500 downinter 10s rise 2 fall 2 "
                + "init-state fully-up");
        ServerCheck check = check(backend, "a", scripted(REFUSED, REFUSED, OK, OK));
        assertEquals(2000, check.nextInterval());
        check.runOnce();
        assertEquals(500, check.nextInterval());
        check.runOnce();
        assertEquals(10000, check.nextInterval());
        check.runOnce();
        assertEquals(500, check.nextInterval());
        check.runOnce();
        assertEquals(2000, check.nextInterval());
    }

    @Test
    void theStateHeaderSaysWhatHaproxySays() throws Exception {
        Backend backend = backend("server a 127.0.0.1:18026 check rise 1 weight 3", "server b 127.0.0.1:2");
        Server a = backend.server("a").orElseThrow();
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 18026);
        ServerCheck check = new ServerCheck(backend, a, scripted(OK), address, address, new CheckTimeouts(1000, -1),
                log, 0, new ServerVerdicts(backend, a));
        assertEquals("UP 0/3; address=127.0.0.1; port=18026; name=be/a; node=lb1; weight=3/4; scur=0/0; qcur=0",
                check.stateHeader("lb1"));
        check.runOnce();
        assertTrue(check.stateHeader("lb1").startsWith("UP; "), check.stateHeader("lb1"));
    }

    @Test
    void anAgentsDownWinsOverAHealthyCheckAndOnlyItsUpLiftsIt() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1 check rise 1 fall 1", "server b 127.0.0.1:2");
        Server a = backend.server("a").orElseThrow();
        ServerVerdicts verdicts = new ServerVerdicts(backend, a);
        verdicts.agent(true, ", reason: agent");
        assertEquals(OperationalState.DOWN, a.status().operational());
        verdicts.healthCheck(OperationalState.UP, ", reason: check");
        assertEquals(OperationalState.DOWN, a.status().operational(), "the agent still says down");
        verdicts.agent(false, ", reason: agent up");
        assertEquals(OperationalState.UP, a.status().operational());
        verdicts.healthCheck(OperationalState.DOWN, ", reason: check");
        verdicts.agent(false, ", reason: agent up");
        assertEquals(OperationalState.DOWN, a.status().operational(), "the agent's up does not override the check");
        assertEquals(List.of(
                "ALERT Server be/a is DOWN, reason: agent. 1 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.",
                "NOTICE Server be/a is UP, reason: agent up. 2 active and 0 backup servers online. 0 sessions requeued, 0 total in queue.",
                "ALERT Server be/a is DOWN, reason: check. 1 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue."),
                reports);
    }

    @Test
    void aServerRemovedAtRuntimeIsNoLongerChangedByItsCheck() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1 check rise 1 fall 1", "server b 127.0.0.1:2");
        Server a = backend.server("a").orElseThrow();
        ServerCheck check = check(backend, "a", scripted(REFUSED));
        backend.setAdminState(a, AdminState.MAINT);
        assertTrue(backend.removeServer(a));
        reports.clear();
        check.runOnce();
        assertEquals(OperationalState.UP, a.status().operational());
        assertEquals(List.of(), reports);
    }

    /** Reports {@code count} observations of {@code event} as streams would. */
    private static void observe(Server server, HealthEvent event, int count) {
        for (int i = 0; i < count; i++) {
            server.observe(event);
        }
    }

    @Test
    void observedErrorsAtTheLimitFailACheckAndACorrectResponseEndsTheRun() throws Exception {
        Backend backend = backend("mode http",
                "server a 127.0.0.1:1 check rise 2 fall 3 fastinter 100 init-state fully-up observe layer7 error-limit 3",
                "server b 127.0.0.1:2");
        Server a = backend.server("a").orElseThrow();
        ServerCheck check = check(backend, "a", scripted(OK));
        a.observer().reportTo(check::analysisFailed);
        observe(a, HealthEvent.HTTP_STS, 2);
        observe(a, HealthEvent.HTTP_OK, 1);
        observe(a, HealthEvent.L4_OK, 5); // layer 4 successes do not count under layer7
        observe(a, HealthEvent.HTTP_READ_TIMEOUT, 2);
        assertEquals(4, check.health().value(), "five errors, never three in a row");
        observe(a, HealthEvent.HTTP_BROKEN_PIPE, 1);
        assertEquals(3, check.health().value(), "a failed check (fail-check, the default)");
        assertEquals("HANA", a.lastCheck().status());
        assertEquals(1, a.observer().failedChecks());
        assertEquals(100, check.nextInterval(), "fastinter until the next check");
        assertEquals(OperationalState.UP, a.status().operational());
    }

    @Test
    void suddenDeathLeavesTheServerOneFailureFromDownAndMarkDownTakesItDown() throws Exception {
        Backend backend = backend(
                "server a 127.0.0.1:1 check rise 2 fall 5 fastinter 100 init-state fully-up observe layer4 error-limit 1 on-error sudden-death",
                "server b 127.0.0.1:2 check rise 2 fall 5 init-state fully-up observe layer4 error-limit 2 on-error mark-down");
        Server a = backend.server("a").orElseThrow();
        ServerCheck checkA = check(backend, "a", scripted(REFUSED));
        a.observer().reportTo(checkA::analysisFailed);
        a.observe(HealthEvent.L4_ERR);
        assertEquals(2, checkA.health().value(), "rise + 1, then one failure: at rise");
        assertEquals(100, checkA.nextInterval());
        assertEquals(OperationalState.UP, a.status().operational());
        checkA.runOnce();
        assertEquals(OperationalState.DOWN, a.status().operational(), "the next failed check takes it down");

        Server b = backend.server("b").orElseThrow();
        ServerCheck checkB = check(backend, "b", scripted(OK));
        b.observer().reportTo(checkB::analysisFailed);
        b.observe(HealthEvent.HTTP_STS); // ignored under layer4
        b.observe(HealthEvent.L4_ERR);
        b.observe(HealthEvent.L4_ERR);
        assertEquals(OperationalState.DOWN, b.status().operational());
        assertTrue(reports.stream().anyMatch(r -> r.startsWith("ALERT Server be/b is DOWN, reason: Health analyze, "
                + "info: \"Detected 2 consecutive errors, last one was: L4 unsuccessful connection\". ")), reports.toString());
    }

    @Test
    void withoutAHealthCheckNothingIsObserved() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1 observe layer4 error-limit 1 on-error mark-down");
        Server a = backend.server("a").orElseThrow();
        a.observe(HealthEvent.L4_ERR);
        assertEquals(0, a.observer().consecutiveErrors());
        assertEquals(OperationalState.UP, a.status().operational());
    }
}
