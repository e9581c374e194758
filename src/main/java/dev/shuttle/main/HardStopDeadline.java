package dev.shuttle.main;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Bounds a hard stop: HAProxy's hard stop (SIGTERM, SIGINT, the end of {@code hard-stop-after})
 * ends the process at once whatever its streams wait on (management.txt §4, "hard stop"), while
 * Shuttle's closes every connection and joins its thread so that their log lines are written. A
 * thread that outlived that (a wait that neither the close nor the interrupt ends) must not keep
 * the process alive: once the budget is spent, {@code overrun} ends the process as the stop would
 * have.
 *
 * <p>One platform daemon thread per armed deadline (a hard stop happens once per process): it does
 * not depend on the virtual-thread scheduler, whose carriers a stuck thread may hold.
 */
final class HardStopDeadline implements AutoCloseable {
    /** How long a hard stop may take before the process ends regardless ({@code -Dshuttle.hardStopMillis}). */
    static final long BUDGET_MILLIS = Long.getLong("shuttle.hardStopMillis", 2000);

    private final CountDownLatch done = new CountDownLatch(1);

    private HardStopDeadline() {}

    /** Runs {@code overrun} on its own thread unless {@link #close} comes within {@code millis}. */
    static HardStopDeadline arm(long millis, Runnable overrun) {
        HardStopDeadline deadline = new HardStopDeadline();
        Thread.ofPlatform().daemon().name("hard-stop-deadline").start(() -> {
            try {
                if (!deadline.done.await(millis, TimeUnit.MILLISECONDS)) {
                    overrun.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return deadline;
    }

    /** The stop finished in time. */
    @Override
    public void close() {
        done.countDown();
    }
}
