package dev.shuttle.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The sliding averages of qtime/ctime/rtime/ttime, as HAProxy's swrate_add_dynamic() and swrate_avg() compute them. */
class TimeAverageTest {
    @Test
    void belowTheWindowTheAverageIsOverTheSamplesSoFar() {
        TimeAverage average = new TimeAverage();
        average.add(10, 1);
        average.add(21, 2);
        assertEquals(16, average.average(2), "(10 + 21) / 2 rounded up");
        assertEquals(21, average.max());
    }

    @Test
    void pastTheWindowOldSamplesFadeOut() {
        TimeAverage average = new TimeAverage();
        for (int i = 1; i <= TimeAverage.WINDOW; i++) {
            average.add(100, i);
        }
        assertEquals(100, average.average(TimeAverage.WINDOW));
        for (int i = TimeAverage.WINDOW + 1; i <= 10 * TimeAverage.WINDOW; i++) {
            average.add(0, i);
        }
        long faded = average.average(10 * TimeAverage.WINDOW);
        assertEquals(true, faded < 5, "after many zero samples the average nears 0: " + faded);
        assertEquals(100, average.max(), "the maximum stays");
        average.clearMax();
        assertEquals(0, average.max());
    }

    @Test
    void noSampleAveragesZero() {
        assertEquals(0, new TimeAverage().average(0));
    }
}
