package dev.shuttle.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The per-second rate as HAProxy's frequency counters read it (freq_ctr.c). */
class RateCounterTest {
    @Test
    void countsTheCurrentSecondAndTheShareOfThePreviousOneStillWithinIt() {
        RateCounter rate = new RateCounter();
        assertEquals(0, rate.perSecond(5));
        for (int i = 0; i < 10; i++) {
            rate.add(1000 + i);          // a period starting at 1000
        }
        assertEquals(10, rate.perSecond(1500));
        rate.add(2100);                  // the next period (2000-2999) starts; 10 are in the previous one
        rate.add(2200);
        // at 2250: 2 now, plus 10 * (1000 - 250) / 1000 of the previous period
        assertEquals(2 + 7, rate.perSecond(2250));
        // a period later the previous one is the one with 2 events, half of it still counts
        assertEquals(1, rate.perSecond(3500));
        assertEquals(0, rate.perSecond(5000)); // more than two periods: nothing
    }

    @Test
    void lowRatesAreNotFlapping() {
        RateCounter rate = new RateCounter();
        rate.add(10);
        assertEquals(1, rate.perSecond(500));
        assertEquals(1, rate.perSecond(1500)); // one event in the last period: reported as it is
        assertEquals(0, rate.perSecond(2100));
    }

    @Test
    void aRateLimitReadsTheLastSecondWithoutTheFlappingCorrection() {
        RateCounter rate = new RateCounter();
        rate.add(10);
        assertEquals(1, rate.withinLastSecond(500));
        assertEquals(0, rate.withinLastSecond(1500), "half of one event of the period before: below a limit of 1");
        assertEquals(1, rate.perSecond(1500), "the reported rate keeps its correction");
        assertEquals(0, rate.withinLastSecond(2100));
    }
}
