package dev.shuttle.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The server's silence counts only while the server is the one awaited (HAProxy 3.x's timeout server). */
class ActivityTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void silenceCountsFromTheLastTouch() throws InterruptedException {
        Activity activity = new Activity();
        long deadline = activity.deadline(SECOND);
        Thread.sleep(5);
        assertTrue(activity.deadline(SECOND) == deadline, "no touch, same deadline");
        activity.touch();
        assertTrue(activity.deadline(SECOND) > deadline);
    }

    @Test
    void waitingForTheOtherSidePostponesTheDeadline() throws InterruptedException {
        Activity activity = new Activity();
        activity.awaitOtherSide();
        long first = activity.deadline(SECOND);
        Thread.sleep(5);
        assertTrue(activity.deadline(SECOND) > first, "the deadline moves with the clock");
        activity.touch();
        long fixed = activity.deadline(SECOND);
        Thread.sleep(5);
        assertTrue(activity.deadline(SECOND) == fixed, "a touch makes the silence count again");
    }

    @Test
    void aWriteCountsAndThenWaitsForTheSource() throws IOException, InterruptedException {
        Activity activity = new Activity();
        try (ActiveOutputStream out = new ActiveOutputStream(new ByteArrayOutputStream(), activity)) {
            out.write(new byte[] {1, 2}, 0, 2);
            long first = activity.deadline(SECOND);
            Thread.sleep(5);
            assertTrue(activity.deadline(SECOND) > first, "after a write the writer's source is awaited");
        }
    }
}
