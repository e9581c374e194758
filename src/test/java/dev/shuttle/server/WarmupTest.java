package dev.shuttle.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The slowstart ramp's arithmetic, on a clock the test moves (HAProxy's server_recalc_eweight and srv_dynamic_maxconn). */
class WarmupTest {
    private long now = 1_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    @Test
    void noRampBeforeTheServerComesBack() {
        Warmup warmup = new Warmup(10_000, () -> now);
        assertFalse(warmup.isRamping(), "never at startup");
        assertEquals(Warmup.SCALE, warmup.weightShare());
        assertEquals(50, warmup.limit(50));
    }

    @Test
    void theWeightGrowsEachSecondFromASmallShareToFull() {
        Warmup warmup = new Warmup(10_000, () -> now);
        warmup.startLocked();
        assertTrue(warmup.isRamping());
        // (256·e + 10) / 10 after e whole seconds
        assertEquals(1, warmup.weightShare());
        now += SECOND / 2;
        assertEquals(1, warmup.weightShare(), "whole seconds, as HAProxy counts them");
        now += SECOND / 2;
        assertEquals(26, warmup.weightShare());
        now += 4 * SECOND;
        assertEquals(129, warmup.weightShare());
        assertEquals(50, warmup.throttlePercent());
        now += 5 * SECOND;
        assertEquals(Warmup.SCALE, warmup.weightShare(), "full speed once the slowstart time is over");
        assertFalse(warmup.isRamping());
    }

    @Test
    void maxconnGrowsFromOne() {
        Warmup warmup = new Warmup(10_000, () -> now);
        warmup.startLocked();
        assertEquals(1, warmup.limit(50), "at least one request");
        now += 3 * SECOND;
        assertEquals(15, warmup.limit(50));
        now += 7 * SECOND;
        assertEquals(50, warmup.limit(50));
    }

    @Test
    void aSlowstartIsRoundedUpToASecond() {
        Warmup warmup = new Warmup(1, () -> now);
        warmup.startLocked();
        assertTrue(warmup.isRamping());
        now += SECOND;
        assertFalse(warmup.isRamping());
    }

    @Test
    void withoutSlowstartThereIsNoRamp() {
        Warmup warmup = new Warmup(0, () -> now);
        warmup.startLocked();
        assertFalse(warmup.isRamping());
        assertEquals(Warmup.SCALE, warmup.weightShare());
    }
}
