package dev.shuttle.stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link WaitInterrupt}: the client's leaving interrupts a wait, and nothing after it. */
@Timeout(10)
class WaitInterruptTest {
    @Test
    void anInterruptEndsTheWaitAndTheEndClearsIt() throws Exception {
        CompletableFuture<WaitInterrupt> started = new CompletableFuture<>();
        AtomicBoolean interruptedInWait = new AtomicBoolean();
        AtomicBoolean interruptedAfter = new AtomicBoolean(true);
        Thread waiter = Thread.ofVirtual().start(() -> {
            WaitInterrupt wait = new WaitInterrupt();
            started.complete(wait);
            try {
                Thread.sleep(60_000); // a queue's wait, a connect: anything an interrupt ends
            } catch (InterruptedException e) {
                interruptedInWait.set(true);
                Thread.currentThread().interrupt(); // as the JDK leaves it after an interrupted socket call
            }
            wait.end();
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        started.get(5, TimeUnit.SECONDS).interrupt();
        waiter.join();
        assertTrue(interruptedInWait.get());
        assertFalse(interruptedAfter.get(), "the end clears the interrupt: the exchange goes on");
    }

    @Test
    void noInterruptOnceTheWaitIsOver() {
        WaitInterrupt wait = new WaitInterrupt();
        wait.end();
        wait.interrupt();
        assertFalse(Thread.currentThread().isInterrupted());
    }
}
