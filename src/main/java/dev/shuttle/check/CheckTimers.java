package dev.shuttle.check;

import java.util.PriorityQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The process's check timers: when each check next runs, and when each connection a check has in
 * flight times out, in one queue ordered by due time (ties in the order they were set). The
 * {@link CheckPoller}'s thread takes what is due and runs it; any thread may set a timer.
 *
 * <p>A timer is cancelled by marking it: it stays queued until it would have been due and is then
 * dropped, so that a cancel costs nothing (a connection that opens in time cancels its timeout at
 * every check). Times are {@link System#nanoTime()} values, given by the caller, so that tests can
 * run a clock of their own.
 *
 * <p>Locking: {@link #lock} guards the queue and the sequence; a timer's own fields are set before
 * it is queued, except {@link Timer#cancelled}, which is volatile.
 */
final class CheckTimers {
    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by: lock (the timers not yet run, earliest first)
    private final PriorityQueue<Timer> queue = new PriorityQueue<>();
    // Guarded by: lock (breaks ties between timers due at the same time: first set, first run)
    private long sequence;

    /** One timer: a task and when it is due. */
    static final class Timer implements Comparable<Timer> {
        final long dueNanos;
        final Runnable task;
        private final long order;
        private volatile boolean cancelled;

        private Timer(long dueNanos, Runnable task, long order) {
            this.dueNanos = dueNanos;
            this.task = task;
            this.order = order;
        }

        /** It will not run (if it has not yet). */
        void cancel() {
            cancelled = true;
        }

        boolean cancelled() {
            return cancelled;
        }

        @Override
        public int compareTo(Timer other) {
            int byTime = Long.compare(dueNanos - other.dueNanos, 0); // nanoTime values: compare by difference
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }

    /**
     * Sets a timer for {@code task} at {@code dueNanos}.
     *
     * @return the timer, and whether it is now the earliest: see {@link #earliest(Timer)}
     */
    Timer add(long dueNanos, Runnable task) {
        lock.lock();
        try {
            Timer timer = new Timer(dueNanos, task, sequence++);
            queue.add(timer);
            return timer;
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@code timer} is the first due: the thread waiting for the earliest must then wake up earlier. */
    boolean earliest(Timer timer) {
        lock.lock();
        try {
            return queue.peek() == timer;
        } finally {
            lock.unlock();
        }
    }

    /**
     * How long from {@code nowNanos} until the next timer is due: 0 when one is due now, -1 when
     * none is set. Cancelled timers at the head are dropped on the way.
     */
    long nanosUntilNext(long nowNanos) {
        lock.lock();
        try {
            Timer head = dropCancelled();
            return head == null ? -1 : Math.max(0, head.dueNanos - nowNanos);
        } finally {
            lock.unlock();
        }
    }

    /** The next timer due at {@code nowNanos} and not cancelled, taken out of the queue; null when none is due. */
    Timer pollDue(long nowNanos) {
        lock.lock();
        try {
            Timer head = dropCancelled();
            if (head == null || head.dueNanos - nowNanos > 0) {
                return null;
            }
            return queue.poll();
        } finally {
            lock.unlock();
        }
    }

    /** How many timers are queued, cancelled ones included until their time. */
    int size() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Drops every timer. */
    void clear() {
        lock.lock();
        try {
            queue.clear();
        } finally {
            lock.unlock();
        }
    }

    private Timer dropCancelled() {
        Timer head = queue.peek();
        while (head != null && head.cancelled()) {
            queue.poll();
            head = queue.peek();
        }
        return head;
    }
}
