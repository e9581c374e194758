package dev.shuttle.io;

import java.io.IOException;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Enforces read deadlines for the whole process with one watcher thread, instead of a timed park
 * (and a timer scheduled and cancelled) for every read. A connection registers once for its
 * life and gets a {@link Watch}; before a blocking read it arms the watch with the read's
 * deadline and disarms it after. When an armed deadline passes, the watcher shuts the socket's
 * input down, which ends the read with an end of stream that the reader recognises as a timeout
 * ({@link Watch#disarm()} says so).
 *
 * <p>The process makes one and hands it to its connections; its thread starts on first use.
 * Deadlines fire up to one tick late ({@value #TICK_MILLIS} ms). Shutting the input down is final:
 * it suits the timeouts of HTTP heads, after which the connection is answered (408, 504) or closed.
 *
 * <p>Thread safety: the set of watches is a concurrent set. A watch's state is one atomic long,
 * the armed deadline or a sentinel; the watcher expires a read only by swapping the very deadline
 * it saw for {@link Watch#EXPIRED}, so a read that ended, or a later read armed in the meantime,
 * is never shut down by a stale observation.
 */
public final class ReadDeadlines {
    static final long TICK_MILLIS = 20;

    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final Ticker watcher = new Ticker("shuttle-read-deadlines", TICK_MILLIS, this::expireDue);

    /** One connection's reads under watch, one at a time; close it with the connection. */
    public final class Watch implements AutoCloseable {
        /** No read is armed. */
        private static final long NONE = Long.MAX_VALUE;
        /** The armed deadline passed and the input was shut down. */
        private static final long EXPIRED = Long.MIN_VALUE;

        private final Socket socket;
        private final AtomicLong deadline = new AtomicLong(NONE);
        /** Pushes the armed deadline back while its side is active; null for a fixed deadline. */
        private volatile Activity extension;
        /** The silence {@link #extension} allows. */
        private volatile long extensionNanos;

        private Watch(Socket socket) {
            this.socket = socket;
        }

        /** The next read must end by {@code deadlineNanos} (a {@link System#nanoTime()} value). */
        public void arm(long deadlineNanos) {
            extension = null;
            deadline.set(deadlineNanos);
        }

        /**
         * The next read must end once {@code activity} has been silent for {@code timeoutNanos}: when
         * the deadline passes while the read waits, the watcher arms the later one that activity
         * meanwhile made, and ends the read only when there is none.
         */
        public void arm(Activity activity, long timeoutNanos) {
            extension = activity;
            extensionNanos = timeoutNanos;
            deadline.set(activity.deadline(timeoutNanos));
        }

        /** The read ended; true if it was ended by its deadline (the socket's input is then shut down). */
        public boolean disarm() {
            extension = null;
            return deadline.getAndSet(NONE) == EXPIRED;
        }

        @Override
        public void close() {
            watches.remove(this);
        }

        private void expireIfDue(long now) {
            long armed = deadline.get();
            if (armed == NONE || armed == EXPIRED || now - armed < 0) {
                return;
            }
            Activity moving = extension;
            if (moving != null) {
                long later = moving.deadline(extensionNanos);
                if (later - now > 0) {
                    deadline.compareAndSet(armed, later);
                    return;
                }
            }
            if (deadline.compareAndSet(armed, EXPIRED)) {
                try {
                    socket.shutdownInput();
                } catch (IOException alreadyGone) {
                    // the read has ended or will end anyway
                }
            }
        }
    }

    /** Registers a connection whose reads will be watched; close the watch when the connection closes. */
    public Watch register(Socket socket) {
        Watch watch = new Watch(socket);
        watches.add(watch);
        watcher.ensureStarted();
        return watch;
    }

    private void expireDue(long now) {
        for (Watch watch : watches) {
            watch.expireIfDue(now);
        }
    }
}
