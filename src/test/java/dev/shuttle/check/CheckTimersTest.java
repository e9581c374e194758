package dev.shuttle.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The timer queue on a clock of the test's own: order, ties, cancels and the wait until the next. */
class CheckTimersTest {
    private final CheckTimers timers = new CheckTimers();
    private final List<String> ran = new ArrayList<>();

    private CheckTimers.Timer at(long nanos, String name) {
        return timers.add(nanos, () -> ran.add(name));
    }

    private void runDue(long now) {
        CheckTimers.Timer due;
        while ((due = timers.pollDue(now)) != null) {
            due.task.run();
        }
    }

    @Test
    void timersRunInTheOrderTheyAreDueAndTiesInTheOrderTheyWereSet() {
        at(300, "c");
        at(100, "a");
        at(200, "b1");
        at(200, "b2");
        runDue(99);
        assertEquals(List.of(), ran, "nothing is due before its time");
        runDue(200);
        assertEquals(List.of("a", "b1", "b2"), ran);
        runDue(1_000);
        assertEquals(List.of("a", "b1", "b2", "c"), ran);
        assertEquals(0, timers.size());
    }

    @Test
    void theWaitIsUntilTheEarliestTimerAndNoneWithoutTimers() {
        assertEquals(-1, timers.nanosUntilNext(0));
        at(500, "late");
        CheckTimers.Timer early = at(200, "early");
        assertTrue(timers.earliest(early), "the poller must wake up for it");
        assertFalse(timers.earliest(at(300, "middle")));
        assertEquals(150, timers.nanosUntilNext(50));
        assertEquals(0, timers.nanosUntilNext(250), "overdue: now");
    }

    @Test
    void aCancelledTimerNeverRunsAndNoLongerCountsForTheWait() {
        CheckTimers.Timer first = at(100, "first");
        at(400, "second");
        first.cancel();
        assertEquals(350, timers.nanosUntilNext(50), "the cancelled one is dropped on the way");
        runDue(1_000);
        assertEquals(List.of("second"), ran);
    }

    @Test
    void dueTimesCompareAcrossTheWrapOfNanoTime() {
        long nearMax = Long.MAX_VALUE - 50;
        at(nearMax + 100, "after the wrap"); // negative: later than nearMax all the same
        at(nearMax, "before the wrap");
        runDue(nearMax + 200);
        assertEquals(List.of("before the wrap", "after the wrap"), ran);
        assertNull(timers.pollDue(nearMax + 200));
    }

    @Test
    void aTimerSetWhileOthersRunTakesItsPlace() {
        timers.add(100, () -> {
            ran.add("a");
            timers.add(150, () -> ran.add("set by a"));
        });
        at(200, "b");
        runDue(300);
        assertEquals(List.of("a", "set by a", "b"), ran);
        assertSame(null, timers.pollDue(300));
    }
}
