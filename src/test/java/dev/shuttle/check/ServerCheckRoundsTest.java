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
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server's check run in rounds on the {@link CheckPoller}: the first delays, {@code spread-checks},
 * the faster rounds after a failure or an observed error, stopping, and connect-only checks opened
 * on the poller itself. Only lower bounds and generous upper bounds on time: the machine may be loaded.
 */
class ServerCheckRoundsTest {
    private static final long LONG_INTER_NANOS = TimeUnit.SECONDS.toNanos(10);
    @TempDir
    Path directory;
    private final CheckPoller poller = CheckPoller.start();
    private final List<String> reports = new CopyOnWriteArrayList<>();
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

    @AfterEach
    void close() throws Exception {
        poller.close();
    }

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

    /** A probe that records when it runs, and fails while {@code fails} says so. */
    private record Recording(String name, List<String> names, List<Long> times, BooleanSupplier fails) implements Probe {
        @Override
        public CheckOutcome run(InetSocketAddress target, CheckTimeouts timeouts) {
            times.add(System.nanoTime());
            names.add(name);
            return fails.getAsBoolean() ? CheckOutcome.of(CheckStatus.L4CON, "ECONNREFUSED returned by OS (Connection refused)")
                    : CheckOutcome.of(CheckStatus.L4OK, "");
        }
    }

    private final List<String> names = new CopyOnWriteArrayList<>();
    private final List<Long> times = new CopyOnWriteArrayList<>();

    private ServerCheck check(Backend backend, String name, Probe probe, long firstDelayMillis, CheckSpread spread) {
        Server server = backend.server(name).orElseThrow();
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1);
        return new ServerCheck(backend, server, probe, () -> address, () -> address, new CheckTimeouts(1000, -1), log,
                firstDelayMillis, new ServerVerdicts(backend, server), spread);
    }

    private ServerCheck recorded(Backend backend, String name, long firstDelayMillis, BooleanSupplier fails) {
        return check(backend, name, new Recording(name, names, times, fails), firstDelayMillis, CheckSpread.NONE);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "still waiting: " + what);
            Thread.sleep(5);
        }
    }

    @Test
    void theFirstRoundsComeInTheOrderOfTheirFirstDelays() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1 check inter 10s", "server b 127.0.0.1:2 check inter 10s",
                "server c 127.0.0.1:3 check inter 10s");
        recorded(backend, "a", 200, () -> false).startOn(poller);
        recorded(backend, "b", 0, () -> false).startOn(poller);
        recorded(backend, "c", 100, () -> false).startOn(poller);
        await(() -> names.size() == 3, "three first rounds");
        assertEquals(List.of("b", "c", "a"), names);
    }

    @Test
    void spreadChecksMovesTheWaitBetweenTwoRounds() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1 check inter 200ms");
        CheckSpread longest = new CheckSpread(50, 0, () -> 0L); // the draw that adds the whole 50%
        check(backend, "a", new Recording("a", names, times, () -> false), 0, longest).startOn(poller);
        await(() -> times.size() >= 2, "two rounds");
        assertTrue(times.get(1) - times.get(0) >= TimeUnit.MILLISECONDS.toNanos(300),
                "inter 200ms + 50%: " + (times.get(1) - times.get(0)) / 1_000_000 + "ms");
    }

    @Test
    void aFailureBringsTheNextRoundAtFastinter() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1 check inter 10s fastinter 20ms fall 3 init-state fully-up");
        recorded(backend, "a", 0, () -> true).startOn(poller);
        await(() -> times.size() >= 3, "three rounds, not one every 10s");
        assertTrue(times.get(2) - times.get(0) < LONG_INTER_NANOS);
        Server a = backend.server("a").orElseThrow();
        await(() -> a.status().operational() == OperationalState.DOWN, "down after fall 3");
        // The state changes before the report is written: wait for the line rather than race it.
        await(() -> reports.stream().anyMatch(line -> line.startsWith("ALERT Server be/a is DOWN")), "the DOWN line: " + reports);
    }

    @Test
    void anObservedErrorBringsTheWaitingRoundForward() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1 check inter 10s fastinter 20ms init-state fully-up");
        ServerCheck check = recorded(backend, "a", 0, () -> false);
        check.startOn(poller);
        await(() -> times.size() == 1, "the first round");
        Thread.sleep(50);
        assertEquals(1, times.size(), "the next round waits for inter");
        check.analysisFailed("Layer4 connection problem");
        await(() -> times.size() >= 2, "the round brought forward to fastinter");
        assertTrue(times.get(1) - times.get(0) < LONG_INTER_NANOS);
    }

    @Test
    void aStoppedCheckHasNoMoreRounds() throws Exception {
        Backend backend = backend("server a 127.0.0.1:1 check inter 20ms");
        ServerCheck check = recorded(backend, "a", 0, () -> false);
        check.startOn(poller);
        await(() -> times.size() >= 2, "two rounds");
        Thread probing = check.stop();
        if (probing != null) {
            probing.join(5_000);
        }
        int rounds = times.size();
        Thread.sleep(200);
        assertEquals(rounds, times.size());
    }

    @Test
    void aConnectCheckOpensItsConnectionOnThePollerAndRecordsAsTheBlockingOneDoes() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = listener.getLocalPort();
            int closed;
            try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closed = gone.getLocalPort();
            }
            Backend backend = backend("server up 127.0.0.1:" + port + " check inter 20ms init-state fully-up",
                    "server down 127.0.0.1:" + closed + " check inter 20ms rise 1 fall 1 init-state fully-up");
            for (String name : List.of("up", "down")) {
                Server server = backend.server(name).orElseThrow();
                InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                        name.equals("up") ? port : closed);
                new ServerCheck(backend, server, new TcpConnectProbe(), () -> address, () -> address,
                        new CheckTimeouts(1000, -1), log, 0, new ServerVerdicts(backend, server)).startOn(poller);
            }
            Server up = backend.server("up").orElseThrow();
            Server down = backend.server("down").orElseThrow();
            await(() -> "L4OK".equals(up.lastCheck().status()), "the open port checked");
            await(() -> down.status().operational() == OperationalState.DOWN, "the closed port down");
            assertTrue(up.lastCheck().durationMillis() >= 0, "timed");
            assertEquals("Layer4 connection problem: ECONNREFUSED returned by OS (Connection refused)",
                    down.lastCheck().description());
            String downLine = "ALERT Server be/down is DOWN, reason: Layer4 connection problem, info: "
                    + "\"ECONNREFUSED returned by OS (Connection refused)\", check duration: ";
            await(() -> reports.stream().anyMatch(line -> line.startsWith(downLine)), "the DOWN line: " + reports);
        }
    }

    @Test
    void anAgentCheckAsksItsAgentInRoundsOnThePollerAndAppliesTheReply() throws Exception {
        try (ServerSocket agent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Integer> asked = new CopyOnWriteArrayList<>();
            Thread.ofVirtual().start(() -> {
                while (!agent.isClosed()) {
                    try (java.net.Socket socket = agent.accept()) {
                        asked.add(1);
                        socket.getOutputStream().write("50%\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            Backend backend = backend("server a 127.0.0.1:1 weight 100 agent-check agent-port " + agent.getLocalPort()
                    + " agent-inter 20ms");
            Server a = backend.server("a").orElseThrow();
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), agent.getLocalPort());
            AgentCheck check = new AgentCheck(backend, a, () -> address, new CheckTimeouts(1000, -1),
                    new ServerVerdicts(backend, a), log, 0);
            check.startOn(poller);
            await(() -> a.weight() == 50, "the agent's weight applied");
            await(() -> asked.size() >= 3, "asked again in rounds");
            Thread probing = check.stop();
            if (probing != null) {
                probing.join(5_000);
            }
            int rounds = asked.size();
            Thread.sleep(200);
            assertTrue(asked.size() <= rounds + 1, "stopped: at most the round in flight");
        }
    }
}
