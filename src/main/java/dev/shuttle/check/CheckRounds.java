package dev.shuttle.check;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The rounds of one check on the {@link CheckPoller}: the timer of the next round, the virtual
 * thread of a round whose probe blocks, and the end of it all. Each round starts on the poller's
 * thread ({@code round}, which must not block); the check sets the next one when its result is in
 * ({@link #plan}), so that a round never overlaps the one before it, as HAProxy's check task waits
 * for its check to end before it sets its next expiry (check.c, process_chk_conn()).
 *
 * <p>Locking: {@link #lock} guards the next timer, the round count, the stop and the probe's
 * thread; a check takes it inside its own lock, never the other way round, and the timer queue's
 * lock is taken inside it.
 */
final class CheckRounds {
    private final CheckPoller poller;
    private final String threadName;
    private final Runnable round;
    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by: lock (the timer of the next round while the check waits for it; null while a round runs)
    private CheckTimers.Timer next;
    // Guarded by: lock (which timer is the next round's: one replaced by an earlier one is ignored when it fires)
    private long rounds;
    // Guarded by: lock (stop() ran: no more rounds)
    private boolean stopped;
    // Guarded by: lock (the thread of the round whose probe blocks, while it runs)
    private Thread prober;

    /**
     * @param threadName the name of a blocking round's thread ("check be/srv")
     * @param round      what a round does, on the poller's thread
     */
    CheckRounds(CheckPoller poller, String threadName, Runnable round) {
        this.poller = poller;
        this.threadName = threadName;
        this.round = round;
    }

    CheckPoller poller() {
        return poller;
    }

    /** The next round in {@code delayMillis}; a round planned before no longer comes. */
    void plan(long delayMillis) {
        lock.lock();
        try {
            planLocked(delayMillis);
        } finally {
            lock.unlock();
        }
    }

    /** The round the check waits for comes in {@code delayMillis} if that is sooner; nothing while a round runs. */
    void bringForward(long delayMillis) {
        lock.lock();
        try {
            long sooner = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
            if (next != null && next.dueNanos - sooner > 0) {
                next.cancel();
                planLocked(delayMillis);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Runs this round's blocking {@code probe} on a virtual thread of its own (none once stopped). */
    void onThread(Runnable probe) {
        lock.lock();
        try {
            if (stopped) {
                return;
            }
            prober = Thread.ofVirtual().name(threadName).start(() -> {
                probe.run();
                lock.lock();
                try {
                    if (prober == Thread.currentThread()) {
                        prober = null;
                    }
                } finally {
                    lock.unlock();
                }
            });
        } finally {
            lock.unlock();
        }
    }

    /**
     * No more rounds: the next one is cancelled and a blocking probe in progress interrupted.
     *
     * @return the thread of that probe, to wait for, or null
     */
    Thread stop() {
        Thread running;
        lock.lock();
        try {
            stopped = true;
            if (next != null) {
                next.cancel();
                next = null;
            }
            running = prober;
        } finally {
            lock.unlock();
        }
        if (running != null) {
            running.interrupt();
        }
        return running;
    }

    private void planLocked(long delayMillis) {
        if (!stopped) {
            long planned = ++rounds;
            next = poller.schedule(TimeUnit.MILLISECONDS.toNanos(delayMillis), () -> due(planned));
        }
    }

    private void due(long planned) {
        lock.lock();
        try {
            if (stopped || planned != rounds) {
                return; // stopped, or a timer replaced by an earlier one
            }
            next = null;
        } finally {
            lock.unlock();
        }
        round.run();
    }
}
