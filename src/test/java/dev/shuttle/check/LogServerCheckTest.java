package dev.shuttle.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.config.ServerCheckSettings;
import dev.shuttle.server.CheckReport;
import dev.shuttle.server.OperationalState;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The check of a log backend's server: its state changes as HAProxy 3.5's rise/fall counter says
 * (starting up at 0, so that the first failure takes it down), and it really connects on the poller.
 */
class LogServerCheckTest {
    private static ServerCheckSettings settings(int rise, int fall, long interMillis) {
        ServerCheckSettings none = ServerCheckSettings.NONE;
        return new ServerCheckSettings(true, interMillis, 0, 0, rise, fall, none.initState(), 0, Optional.empty(),
                none.agent(), none.track(), false, none.trafficHealth());
    }

    private static final CheckOutcome PASS = CheckOutcome.of(CheckStatus.L4OK, "");
    private static final CheckOutcome FAIL = CheckOutcome.of(CheckStatus.L4CON, "ECONNREFUSED");

    @Test
    void theFirstFailureTakesItDownAndRiseSuccessesBringItBack() {
        List<String> changes = new ArrayList<>();
        LogServerCheck check = new LogServerCheck("logs/s1", new InetSocketAddress(1), settings(2, 3, 1000),
                (up, reason) -> changes.add((up ? "UP" : "DOWN") + reason));
        check.completed(FAIL);
        assertEquals(false, check.up());
        check.completed(FAIL);
        check.completed(PASS);
        assertEquals(false, check.up()); // 1 of rise 2
        check.completed(PASS);
        assertEquals(true, check.up());
        check.completed(FAIL);
        check.completed(FAIL);
        assertEquals(true, check.up()); // 2 of fall 3
        check.completed(FAIL);
        assertEquals(false, check.up());
        assertEquals(List.of("DOWN, reason: Layer4 connection problem, info: \"ECONNREFUSED\"",
                "UP, reason: Layer4 check passed", "DOWN, reason: Layer4 connection problem, info: \"ECONNREFUSED\""),
                changes);
    }

    @Test
    void eachRoundReportsItsResultAndTheFailuresThatLowerTheCounter() {
        List<String> reports = new ArrayList<>();
        LogServerCheck check = new LogServerCheck("logs/s1", new InetSocketAddress(1), settings(2, 3, 1000),
                new LogServerCheck.Listener() {
                    @Override
                    public void changed(boolean up, String reason) {
                        reports.add(up ? "UP" : "DOWN");
                    }

                    @Override
                    public void checked(CheckReport report, boolean failedWhileUp) {
                        reports.add(report.status() + " " + report.health() + "/" + report.rise() + "/"
                                + report.fall() + (failedWhileUp ? " counted" : "") + " " + report.description());
                    }
                });
        check.completed(FAIL); // from 0: takes it down, no chkfail (3.5 shows chkfail 0, chkdown 1)
        check.completed(PASS);
        check.completed(PASS);
        check.completed(FAIL); // rise reached: the counter went to its top (4); this failure lowers it, counted
        assertEquals(List.of("L4CON 0/2/3 Layer4 connection problem: ECONNREFUSED", "DOWN",
                "L4OK 1/2/3 Layer4 check passed", "L4OK 4/2/3 Layer4 check passed", "UP",
                "L4CON 3/2/3 counted Layer4 connection problem: ECONNREFUSED"), reports);
    }

    @Test
    void itConnectsOnThePollerOfTheHealthChecks() throws Exception {
        LinkedBlockingQueue<Boolean> changes = new LinkedBlockingQueue<>();
        try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             ServerSocket closed = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int deadPort = closed.getLocalPort();
            closed.close();
            LogServerCheck live = new LogServerCheck("logs/live", new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    listening.getLocalPort()), settings(1, 1, 100), (up, reason) -> changes.add(!up));
            LogServerCheck dead = new LogServerCheck("logs/dead", new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    deadPort), settings(1, 1, 100), (up, reason) -> changes.add(up));
            HealthChecks checks = HealthChecks.of(List.of(), (backend, level, text) -> { }, "node");
            checks.addLogServerChecks(List.of(live, dead));
            checks.start();
            try {
                // Only the dead server changes state (to down): "true" would be a wrong change.
                assertEquals(false, changes.poll(20, TimeUnit.SECONDS));
                assertEquals(false, dead.up());
                Thread.sleep(500); // a few more rounds: the live one stays up
                assertEquals(true, live.up());
                assertEquals(null, changes.poll());
            } finally {
                checks.stop();
            }
        }
    }

    @Test
    void aForcedStateSetsTheCounterAndAPassBringsAStoppingServerBackUp() {
        List<String> changes = new ArrayList<>();
        LogServerCheck check = new LogServerCheck("logs/s1", new InetSocketAddress(1), settings(2, 3, 1000),
                (up, reason) -> changes.add(up ? "UP" : "DOWN"));
        assertEquals(0, check.force(OperationalState.DOWN), "down: the counter at 0");
        assertEquals(false, check.up());
        check.completed(PASS);
        assertEquals(false, check.up(), "1 of rise 2");
        assertEquals(4, check.force(OperationalState.STOPPING), "stopping: the counter at its top, rise + fall - 1");
        assertEquals(true, check.up());
        check.completed(PASS); // 3.5's srv_set_running() on a pass: stopping -> up
        assertEquals(List.of("UP"), changes);
        check.completed(FAIL);
        assertEquals(List.of("UP"), changes, "one failure of fall 3 from the top");
    }

    @Test
    void noCheckIsSentWhileDisabledAndItGoesWhereTheTargetSaysAtEachRound() throws Exception {
        AtomicBoolean enabled = new AtomicBoolean(false);
        LinkedBlockingQueue<Boolean> changes = new LinkedBlockingQueue<>();
        try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             ServerSocket closed = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            InetSocketAddress dead = new InetSocketAddress(InetAddress.getLoopbackAddress(), closed.getLocalPort());
            closed.close();
            AtomicReference<InetSocketAddress> target = new AtomicReference<>(dead);
            LogServerCheck check = new LogServerCheck("logs/s1", target::get, enabled::get, settings(1, 1, 50),
                    (up, reason) -> changes.add(up));
            HealthChecks checks = HealthChecks.of(List.of(), (backend, level, text) -> { }, "node");
            checks.addLogServerChecks(List.of(check));
            checks.start();
            try {
                assertEquals(null, changes.poll(500, TimeUnit.MILLISECONDS), "disabled: no check, no change");
                enabled.set(true);
                assertEquals(false, changes.poll(20, TimeUnit.SECONDS), "enabled: the dead target takes it down");
                target.set(new InetSocketAddress(InetAddress.getLoopbackAddress(), listening.getLocalPort()));
                assertEquals(true, changes.poll(20, TimeUnit.SECONDS), "moved: the next round connects to the live one");
            } finally {
                checks.stop();
            }
        }
    }
}
