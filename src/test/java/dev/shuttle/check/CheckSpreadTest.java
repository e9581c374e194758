package dev.shuttle.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** spread-checks and max-spread-checks: HAProxy 3.5's arithmetic, with a scripted random source. */
class CheckSpreadTest {
    private static final long MAX = 4294967295L;

    @Test
    void withoutSpreadIntervalsAreExact() {
        assertEquals(2000, CheckSpread.NONE.interval(2000));
        assertEquals(500, CheckSpread.NONE.firstDelay(2000, 2000, 1, 4));
    }

    @Test
    void theRandomNumberMovesTheIntervalByUpToThePercentEitherWay() {
        // r = 2000 * 10 / 100 = 200; interval + r - (long) (2r * x)
        assertEquals(2200, new CheckSpread(10, 0, () -> 0).interval(2000));
        assertEquals(1800, new CheckSpread(10, 0, () -> MAX).interval(2000));
        assertEquals(2000, new CheckSpread(10, 0, () -> MAX / 2 + 1).interval(2000));
        // x = 0.25: 200 - (long) 100.0 = 100
        assertEquals(2100, new CheckSpread(10, 0, () -> MAX / 4 + 1).interval(2000));
        // 50% at most: between half and one and a half times the interval
        assertEquals(500, new CheckSpread(50, 0, () -> MAX).interval(1000));
        assertEquals(1500, new CheckSpread(50, 0, () -> 0).interval(1000));
    }

    @Test
    void aRealRandomSourceStaysWithinTheBounds() {
        Random random = new Random(17);
        CheckSpread spread = new CheckSpread(25, 0, () -> random.nextLong(MAX + 1));
        long smallest = Long.MAX_VALUE;
        long largest = 0;
        for (int i = 0; i < 10_000; i++) {
            long interval = spread.interval(4000);
            smallest = Math.min(smallest, interval);
            largest = Math.max(largest, interval);
        }
        assertTrue(smallest >= 3000 && smallest < 3100, "smallest " + smallest);
        assertTrue(largest <= 5000 && largest > 4900, "largest " + largest);
    }

    @Test
    void theFirstChecksShareTheSmallestIntervalOrTheirOwnIfLarger() {
        CheckSpread none = new CheckSpread(0, 0, () -> 0);
        assertEquals(0, none.firstDelay(1000, 1000, 0, 4));
        assertEquals(750, none.firstDelay(1000, 1000, 3, 4));
        // start_check_task(): a check whose own interval is larger spreads over its own
        assertEquals(1500, none.firstDelay(1000, 2000, 3, 4));
    }

    @Test
    void theFirstChecksAreRandomisedAndBoundedByMaxSpreadChecks() {
        // window 1000 + 100 (x = 0, 10% of its own 1000), position 1 of 2
        assertEquals(550, new CheckSpread(10, 0, () -> 0).firstDelay(1000, 1000, 1, 2));
        // max-spread-checks caps the window
        assertEquals(150, new CheckSpread(10, 300, () -> 0).firstDelay(1000, 1000, 1, 2));
        assertEquals(250, new CheckSpread(0, 500, () -> 0).firstDelay(10_000, 10_000, 1, 2));
    }

    @Test
    void outOfRangePercentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CheckSpread(51, 0, () -> 0));
    }
}
