package dev.shuttle.mux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.config.TimeoutKind;
import dev.shuttle.config.Timeouts;
import java.util.Map;
import org.junit.jupiter.api.Test;

class H2IdleTimeoutsTest {
    private static final long MS = 1_000_000;

    @Test
    void theTimeoutsFallBackAs35Does() {
        H2IdleTimeouts onlyClient = H2IdleTimeouts.of(new Timeouts(Map.of(TimeoutKind.CLIENT, 20_000L)));
        assertEquals(new H2IdleTimeouts(20_000, 20_000, 20_000), onlyClient);
        H2IdleTimeouts all = H2IdleTimeouts.of(new Timeouts(Map.of(TimeoutKind.CLIENT, 20_000L,
                TimeoutKind.HTTP_REQUEST, 5_000L, TimeoutKind.HTTP_KEEP_ALIVE, 1_000L, TimeoutKind.CLIENT_FIN, 2_000L)));
        assertEquals(new H2IdleTimeouts(5_000, 1_000, 2_000), all);
        H2IdleTimeouts noKeepAlive = H2IdleTimeouts.of(new Timeouts(Map.of(TimeoutKind.CLIENT, 20_000L,
                TimeoutKind.HTTP_REQUEST, 5_000L)));
        assertEquals(5_000, noKeepAlive.idle(true));
    }

    @Test
    void keepAliveAppliesOnlyAfterAStream() {
        H2IdleTimeouts timeouts = new H2IdleTimeouts(5_000, 1_000, 2_000);
        assertEquals(5_000, timeouts.idle(false));
        assertEquals(1_000, timeouts.idle(true));
        assertEquals(100 + 5_000 * MS, timeouts.idleDeadline(100, false));
        assertEquals(100 + 1_000 * MS, timeouts.idleDeadline(100, true));
        assertEquals(H2IdleTimeouts.NEVER, new H2IdleTimeouts(0, 0, 0).idleDeadline(100, true));
    }

    @Test
    void theShutTimeCountsFromTheLaterOfTheStopAndTheLastStreamsEnd() {
        H2IdleTimeouts timeouts = new H2IdleTimeouts(5_000, 1_000, 2_000);
        assertEquals(1_000 + 2_000 * MS, timeouts.shutDeadline(1_000, 500));
        assertEquals(3_000 + 2_000 * MS, timeouts.shutDeadline(1_000, 3_000));
        assertEquals(H2IdleTimeouts.NEVER, new H2IdleTimeouts(5_000, 1_000, 0).shutDeadline(1_000, 3_000));
    }

    @Test
    void waitsAreRoundedUpAndAPassedDeadlineSaysSo() {
        assertEquals(0, H2IdleTimeouts.waitMillis(H2IdleTimeouts.NEVER, 0));
        assertEquals(-1, H2IdleTimeouts.waitMillis(100, 100));
        assertEquals(1, H2IdleTimeouts.waitMillis(101, 100));
        assertEquals(3, H2IdleTimeouts.waitMillis(100 + 2 * MS + 1, 100));
    }
}
