package dev.shuttle.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.backend.Backend;
import dev.shuttle.backend.QueueTimeouts;
import dev.shuttle.backend.ServerStateLog;
import dev.shuttle.config.Configuration;
import dev.shuttle.config.ServerCheckSettings;
import dev.shuttle.config.parse.ConfigLoader;
import dev.shuttle.config.parse.Diagnostics;
import dev.shuttle.config.parse.KeywordRegistry;
import dev.shuttle.config.parse.Variables;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first checks of the process placed as HAProxy 3.5's start_checks() places them: one list, traffic and log servers'. */
class CheckStartPlanTest {
    @TempDir
    Path directory;

    @Test
    void theWindowIsTheShortestIntervalOfASecondOrMoreOrACheckOwnIfLonger() {
        assertArrayEquals(new long[] {0, 666, 2000},
                CheckStartPlan.firstDelays(new long[] {2000, 500, 3000}, CheckSpread.NONE),
                "the 500 ms check neither sets the window nor keeps its own: it takes the 2 s one");
    }

    @Test
    void checksAllUnderASecondEachKeepTheirOwnInterval() {
        assertArrayEquals(new long[] {0, 66, 266}, CheckStartPlan.firstDelays(new long[] {500, 200, 400}, CheckSpread.NONE));
    }

    @Test
    void checksArePlacedInProxyIdOrderAndDeclarationOrderWithinAProxy() {
        CheckStartPlan plan = new CheckStartPlan();
        List<String> started = new ArrayList<>();
        plan.add(5, 1000, delay -> started.add("5a@" + delay));
        plan.add(2, 4000, delay -> started.add("2@" + delay));
        plan.add(5, 1000, delay -> started.add("5b@" + delay));
        plan.start(CheckSpread.NONE);
        assertEquals(List.of("2@0", "5a@333", "5b@666"), started);
    }

    @Test
    void aLogServerCheckTakesItsPlaceAfterTheTrafficServersChecks() throws Exception {
        Path file = directory.resolve("checks.cfg");
        Files.writeString(file, """
                defaults
                    timeout client 1s
                    timeout server 1s
                    timeout connect 1s
                backend be
                    server s1 127.0.0.1:1 check inter 10s
                """);
        Diagnostics diagnostics = Diagnostics.collecting();
        Configuration configuration = new ConfigLoader(KeywordRegistry.standard())
                .load(List.of(file), Variables.of(Map.of()), diagnostics)
                .orElseThrow(() -> new AssertionError(diagnostics.messages().toString()));
        ServerStateLog quiet = (backend, level, text) -> { };
        Backend backend = new Backend(configuration.backend("be").orElseThrow(), new QueueTimeouts(), quiet);
        HealthChecks checks = HealthChecks.of(List.of(backend), quiet, "node");
        ServerCheckSettings none = ServerCheckSettings.NONE;
        ServerCheckSettings tenSeconds = new ServerCheckSettings(true, 10_000, 0, 0, 2, 3, none.initState(), 0,
                Optional.empty(), none.agent(), none.track(), false, none.trafficHealth());
        LogServerCheck logServer = new LogServerCheck("logs/l1", backend.config().id() + 1,
                () -> new InetSocketAddress(InetAddress.getLoopbackAddress(), 1), () -> true, tenSeconds,
                (up, reason) -> { });
        checks.addLogServerChecks(List.of(logServer));
        checks.start();
        try {
            assertEquals(5000, logServer.firstDelayMillis(), "second of two checks over a 10 s window");
        } finally {
            checks.stop();
        }
    }
}
