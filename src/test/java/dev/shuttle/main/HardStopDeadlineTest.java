package dev.shuttle.main;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A hard stop that outlives its budget ends the process regardless; one that finishes does not. */
class HardStopDeadlineTest {
    @Test
    void aStopThatOutlivesItsBudgetIsOverrun() throws InterruptedException {
        CountDownLatch overrun = new CountDownLatch(1);
        HardStopDeadline deadline = HardStopDeadline.arm(50, overrun::countDown);
        // a stop stuck on a thread that never ends: nothing closes the deadline
        assertTrue(overrun.await(60, TimeUnit.SECONDS));
        deadline.close();
    }

    @Test
    void aStopThatFinishesIsNotOverrun() throws InterruptedException {
        CountDownLatch overrun = new CountDownLatch(1);
        try (HardStopDeadline deadline = HardStopDeadline.arm(200, overrun::countDown)) {
            // the stop's work, finished before the budget
        }
        // past the budget (a wait, not an assertion on time: the overrun must never come)
        assertFalse(overrun.await(1, TimeUnit.SECONDS));
    }
}
