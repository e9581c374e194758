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
import dev.shuttle.server.OperationalState;
import dev.shuttle.server.Server;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the runtime API does to checks (management.txt §9.3): a disabled check sends no probe until
 * it is enabled again, and a forced health or agent state moves the server and the counter at once.
 */
class RuntimeCheckControlTest {
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

    @Test
    void aDisabledCheckSendsNothingUntilItIsEnabledAgain() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1 check inter 20ms");
        Server a = backend.server("a").orElseThrow();
        AtomicInteger probes = new AtomicInteger();
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1);
        ServerCheck check = new ServerCheck(backend, a, (target, timeouts) -> {
            probes.incrementAndGet();
            return CheckOutcome.of(CheckStatus.L4OK, "");
        }, address, address, new CheckTimeouts(1000, -1), log, 0, new ServerVerdicts(backend, a));
        a.checkControl().setHealthEnabled(false);
        Thread thread = Thread.ofVirtual().start(check);
        try {
            Thread.sleep(200);
            assertEquals(0, probes.get(), "ten rounds went by without a probe");
            a.checkControl().setHealthEnabled(true);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (probes.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(probes.get() > 0, "enabled again, the check probes");
        } finally {
            thread.interrupt();
            thread.join(1000);
        }
    }

    @Test
    void aForcedHealthMovesTheCounterAndTheStateAndTheTrackersFollow() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1 check rise 2 fall 3", "server t 127.0.0.1:2 track a");
        Server a = backend.server("a").orElseThrow();
        Server t = backend.server("t").orElseThrow();
        HealthChecks checks = HealthChecks.of(List.of(backend), log, "node");
        checks.forceHealth(backend, a, OperationalState.DOWN, ", changed from CLI");
        assertEquals(OperationalState.DOWN, a.status().operational());
        assertEquals(OperationalState.DOWN, t.status().operational(), "the tracking server follows");
        assertEquals(0, a.lastCheck().health());
        assertTrue(reports.contains("ALERT Server be/a is DOWN, changed from CLI. 1 active and 0 backup servers left."
                + " 0 sessions active, 0 requeued, 0 remaining in queue."), reports.toString());
        checks.forceHealth(backend, a, OperationalState.STOPPING, ", changed from CLI");
        assertEquals(OperationalState.STOPPING, a.status().operational());
        assertEquals(4, a.lastCheck().health(), "rise + fall - 1");
        checks.forceHealth(backend, a, OperationalState.UP, ", changed from CLI");
        assertEquals(OperationalState.UP, t.status().operational());
    }

    @Test
    void aServerWithoutChecksTakesAForcedHealthToo() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1");
        Server a = backend.server("a").orElseThrow();
        HealthChecks checks = HealthChecks.of(List.of(backend), log, "node");
        checks.forceHealth(backend, a, OperationalState.DOWN, ", changed from CLI");
        assertEquals(OperationalState.DOWN, a.status().operational());
        checks.forceHealth(backend, a, OperationalState.UP, ", changed from CLI");
        assertEquals(OperationalState.UP, a.status().operational());
    }

    @Test
    void aForcedAgentStateWinsOverTheHealthCheckUntilTheNextVerdict() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1 check agent-check agent-port 1");
        Server a = backend.server("a").orElseThrow();
        HealthChecks checks = HealthChecks.of(List.of(backend), log, "node");
        checks.forceAgent(backend, a, false, ", changed from CLI");
        assertEquals(OperationalState.DOWN, a.status().operational());
        checks.forceHealth(backend, a, OperationalState.STOPPING, ", changed from CLI");
        assertEquals(OperationalState.STOPPING, a.status().operational(), "3.5 sets the forced state whatever the agent said");
        checks.forceAgent(backend, a, true, ", changed from CLI");
        assertEquals(OperationalState.UP, a.status().operational());
    }
}
