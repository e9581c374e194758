package dev.shuttle.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.config.ServerCheckSettings;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** HAProxy's srv_getinter(): the one rule for the waits of every server's check, traffic or log. */
class CheckIntervalsTest {
    private static ServerCheckSettings settings(long inter, long fastinter, long downinter) {
        ServerCheckSettings none = ServerCheckSettings.NONE;
        return new ServerCheckSettings(true, inter, fastinter, downinter, 2, 3, none.initState(), 0, Optional.empty(),
                none.agent(), none.track(), false, none.trafficHealth());
    }

    @Test
    void interAtTheTopDowninterAtZeroWhileDownFastinterInBetween() {
        ServerCheckSettings all = settings(1000, 200, 5000);
        assertEquals(1000, CheckIntervals.next(all, new Health(4, 2, 3), false, false));
        assertEquals(200, CheckIntervals.next(all, new Health(4, 2, 3), false, true), "an observed error forces fastinter");
        assertEquals(200, CheckIntervals.next(all, new Health(3, 2, 3), false, false));
        assertEquals(5000, CheckIntervals.next(all, new Health(0, 2, 3), true, false));
        assertEquals(200, CheckIntervals.next(all, new Health(0, 2, 3), false, false), "0 but not yet down: fastinter");
    }

    @Test
    void eachFallsBackToInter() {
        ServerCheckSettings inter = settings(1000, 0, 0);
        assertEquals(1000, CheckIntervals.next(inter, new Health(0, 2, 3), true, false));
        assertEquals(1000, CheckIntervals.next(inter, new Health(1, 2, 3), false, false));
    }
}
