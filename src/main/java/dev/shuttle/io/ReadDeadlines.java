package dev.shuttle.io;

import java.io.IOException;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Enforces read deadlines for the whole process with one watcher thread, instead of a timed park
 * (and a timer scheduled and cancelled) for every read: a blocking read registers a {@link Watch},
 * and when its deadline passes the watcher shuts the socket's input down, which ends the read
 * with an end of stream that the reader recognises as a timeout ({@link Watch#expired()}).
 *
 * <p>Deadlines fire up to one tick late ({@value #TICK_MILLIS} ms). Shutting the input down is final:
 * it suits the timeouts of HTTP heads, after which the connection is answered (408, 504) or closed.
 *
 * <p>Thread safety: the set of watches is a concurrent set; each watch's state is volatile, and
 * {@link Watch#expired} turns true before the socket is shut down.
 */
public final class ReadDeadlines {
    static final long TICK_MILLIS = 20;

    /** The process's watcher, started on first use. */
    public static final ReadDeadlines SHARED = new ReadDeadlines();

    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final ReentrantLock startLock = new ReentrantLock();
    // Guarded by: startLock (written once; read without the lock, hence volatile)
    private volatile Thread watcher;

    /** A read under watch; close it when the read returned. */
    public final class Watch implements AutoCloseable {
        private final Socket socket;
        private final long deadlineNanos;
        private volatile boolean expired;

        private Watch(Socket socket, long deadlineNanos) {
            this.socket = socket;
            this.deadlineNanos = deadlineNanos;
        }

        /** Whether the deadline passed and the socket's input was shut down. */
        public boolean expired() {
            return expired;
        }

        @Override
        public void close() {
            watches.remove(this);
        }

        private void expireIfDue(long now) {
            if (!expired && now - deadlineNanos >= 0) {
                expired = true;
                watches.remove(this);
                try {
                    socket.shutdownInput();
                } catch (IOException alreadyGone) {
                    // the read has ended or will end anyway
                }
            }
        }
    }

    /** Watches a read that must end by {@code deadlineNanos} (a {@link System#nanoTime()} value). */
    public Watch watch(Socket socket, long deadlineNanos) {
        Watch watch = new Watch(socket, deadlineNanos);
        watches.add(watch);
        if (watcher == null) {
            startWatcher();
        }
        return watch;
    }

    private void startWatcher() {
        startLock.lock();
        try {
            if (watcher == null) {
                watcher = Thread.ofPlatform().daemon().name("shuttle-read-deadlines").start(this::watchLoop);
            }
        } finally {
            startLock.unlock();
        }
    }

    private void watchLoop() {
        while (true) {
            try {
                TimeUnit.MILLISECONDS.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Watch watch : watches) {
                watch.expireIfDue(now);
            }
        }
    }
}
