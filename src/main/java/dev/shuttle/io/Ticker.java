package dev.shuttle.io;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

/**
 * A daemon thread that runs an action every tick, started when first needed: the clock of the
 * process-wide deadline watchers ({@link ReadDeadlines}, the backends' queue timeouts), which end
 * waits that are due instead of arming a timer for every waiting thread. The action gets the
 * tick's {@link System#nanoTime()}.
 */
public final class Ticker {
    private final String threadName;
    private final long tickMillis;
    private final LongConsumer onTick;
    private final ReentrantLock startLock = new ReentrantLock();
    // Guarded by: startLock (written once; read without the lock, hence volatile)
    private volatile Thread thread;

    public Ticker(String threadName, long tickMillis, LongConsumer onTick) {
        this.threadName = threadName;
        this.tickMillis = tickMillis;
        this.onTick = onTick;
    }

    /** Starts the thread unless it runs already (one volatile read once it does). */
    public void ensureStarted() {
        if (thread == null) {
            start();
        }
    }

    private void start() {
        startLock.lock();
        try {
            if (thread == null) {
                thread = Thread.ofPlatform().daemon().name(threadName).start(this::loop);
            }
        } finally {
            startLock.unlock();
        }
    }

    private void loop() {
        while (true) {
            try {
                TimeUnit.MILLISECONDS.sleep(tickMillis);
            } catch (InterruptedException e) {
                return;
            }
            onTick.accept(System.nanoTime());
        }
    }
}
