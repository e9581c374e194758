package dev.shuttle.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.LogBackendConfig;
import dev.shuttle.config.LogDestination;
import dev.shuttle.config.RingConfig;
import dev.shuttle.config.ServerCheckSettings;
import dev.shuttle.lang.SourceLocation;
import dev.shuttle.server.CheckReport;
import dev.shuttle.server.LogBackendStats;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a log backend tells the stats: its proxy id, its servers numbered from 1, their health
 * from their checks' reports and state changes, and the up/down history of each and of the backend.
 */
class LogBackendStatsTest {
    private static final SourceLocation AT = new SourceLocation("t.cfg", 1);

    private static LogBackendConfig.Server server(String name, boolean checked) {
        ServerCheckSettings none = ServerCheckSettings.NONE;
        ServerCheckSettings check = !checked ? none : new ServerCheckSettings(true, none.interMillis(), 0, 0, 2, 3,
                none.initState(), 6000, Optional.empty(), none.agent(), none.track(), false, none.trafficHealth());
        return new LogBackendConfig.Server(name, new LogDestination.Datagram(new InetSocketAddress("127.0.0.1", 514)),
                true, false, RingConfig.Framing.LEGACY, RingConfig.DEFAULT_SIZE, 1, check);
    }

    private static LogBackend backend(LogBackendConfig.Server... servers) {
        LogBackendConfig config = new LogBackendConfig(AT, "lb", LogBackendConfig.Balance.ROUNDROBIN, Optional.empty(),
                List.of(servers), 7);
        return new LogBackend(config, List.of(servers).stream()
                .map(s -> new LogBackend.ServerSink(s, (line, number) -> { })).toList());
    }

    @Test
    void serversAreNumberedFromOneUpAndUncheckedAtFirst() {
        LogBackendStats stats = backend(server("s1", true), server("s2", false)).stats();
        assertEquals(7, stats.id());
        assertEquals("lb", stats.name());
        assertEquals(List.of(1, 2), stats.servers().stream().map(LogBackendStats.Server::id).toList());
        LogBackendStats.Server first = stats.servers().getFirst();
        assertTrue(first.up());
        assertTrue(first.checked());
        assertFalse(stats.servers().get(1).checked());
        assertEquals(CheckReport.NONE, first.report(), "no check completed yet");
        assertEquals(0, first.history().downTransitions());
        assertEquals(2, stats.serving().size());
    }

    @Test
    void checksReportsAndStateChangesShowInTheServersHistory() {
        LogBackend backend = backend(server("s1", true), server("s2", false));
        CheckReport refused = new CheckReport("L4CON", -1, 0, "Layer4 connection problem: refused", 0, 2, 3);
        backend.checkReported("s1", refused, false);
        backend.healthChanged("s1", false, ", reason: Layer4 connection problem");
        LogBackendStats stats = backend.stats();
        LogBackendStats.Server first = stats.servers().getFirst();
        assertFalse(first.up());
        assertFalse(first.inService());
        assertEquals(refused, first.report());
        assertEquals(1, first.history().downTransitions());
        assertEquals(0, first.checkFailures());
        assertEquals(List.of("s2"), stats.serving().stream().map(s -> s.config().name()).toList());
        assertEquals(0, stats.history().downTransitions(), "s2 still serves: the backend stays up");

        backend.checkReported("s1", refused, true);
        assertEquals(1, backend.stats().servers().getFirst().checkFailures());
    }

    @Test
    void theBackendGoesDownWhenItsLastServerDoesAndBackUpAfter() {
        LogBackend backend = backend(server("s1", true));
        backend.healthChanged("s1", false, "");
        assertEquals(1, backend.stats().history().downTransitions());
        assertTrue(backend.stats().serving().isEmpty());
        backend.healthChanged("s1", true, "");
        LogBackendStats stats = backend.stats();
        assertEquals(1, stats.history().downTransitions(), "coming back is no down transition");
        assertEquals(1, stats.servers().getFirst().history().downTransitions());
        assertTrue(stats.servers().getFirst().up());
    }
}
