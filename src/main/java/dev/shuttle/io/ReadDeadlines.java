package dev.shuttle.io;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLSocket;

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
 * <p><b>TLS sockets</b> are watched differently: shutting a TLS socket's input down makes the JDK
 * close the whole connection at the end of the stream it reads (JSSE answers an unexpected end
 * with a close), so the 408 or 504 that should follow could not be sent. Their reads are bounded by
 * the socket's own read timeout instead ({@link Watch#arm} sets it, {@link Watch#disarm} clears it):
 * the read ends with a {@link java.net.SocketTimeoutException}, which the reader takes as the
 * deadline, and JSSE keeps the connection usable after it (a record half read is finished by the
 * next read; checked on JDK 25).
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
        /** Reads are bounded by the socket's read timeout rather than by the watcher (TLS sockets). */
        private final boolean timedReads;
        /** Pushes the armed deadline back while its side is active; null for a fixed deadline. */
        private volatile Activity extension;
        /** The silence {@link #extension} allows. */
        private volatile long extensionNanos;
        /** What runs once when a wait outlasts {@link #slowAtNanos} ({@link #whenSlow}); null when none. */
        private final AtomicReference<Runnable> slowAction = new AtomicReference<>();
        private volatile long slowAtNanos;

        private Watch(Socket socket, boolean timedReads) {
            this.socket = socket;
            this.timedReads = timedReads;
        }

        /**
         * The next read must end by {@code deadlineNanos} (a {@link System#nanoTime()} value). For a
         * TLS socket the read then ends with a {@link java.net.SocketTimeoutException} at the deadline.
         */
        public void arm(long deadlineNanos) {
            extension = null;
            if (timedReads) {
                long millis = Math.max(1, (deadlineNanos - System.nanoTime() + 999_999) / 1_000_000);
                setReadTimeout((int) Math.min(millis, Integer.MAX_VALUE));
                return;
            }
            deadline.set(deadlineNanos);
        }

        /**
         * The next read must end once {@code activity} has been silent for {@code timeoutNanos}: when
         * the deadline passes while the read waits, the watcher arms the later one that activity
         * meanwhile made, and ends the read only when there is none. A TLS socket's read is bounded by
         * the deadline as it stands when the read starts (its read timeout cannot move).
         */
        public void arm(Activity activity, long timeoutNanos) {
            if (timedReads) {
                arm(activity.deadline(timeoutNanos));
                return;
            }
            extension = activity;
            extensionNanos = timeoutNanos;
            deadline.set(activity.deadline(timeoutNanos));
        }

        /**
         * The read ended; true if it was ended by its deadline (the socket's input is then shut
         * down). Always false for a TLS socket, whose expired read threw instead.
         */
        public boolean disarm() {
            extension = null;
            if (timedReads) {
                setReadTimeout(0);
                return false;
            }
            return deadline.getAndSet(NONE) == EXPIRED;
        }

        private void setReadTimeout(int millis) {
            try {
                socket.setSoTimeout(millis);
            } catch (SocketException closed) {
                // a closed socket's read fails on its own
            }
        }

        /**
         * Runs {@code action} once, on the watcher's thread, if {@link #notSlow()} has not come within
         * {@code delayNanos} (up to a tick later): for what is worth doing only when a wait turns out
         * long, so that a quick exchange never pays for it. The action must be short. Not for TLS
         * sockets, whose watches the watcher does not visit: there it never runs.
         */
        public void whenSlow(long delayNanos, Runnable action) {
            slowAtNanos = System.nanoTime() + delayNanos;
            slowAction.set(action);
        }

        /** The action of {@link #whenSlow} no longer runs (if it has not yet). */
        public void notSlow() {
            slowAction.set(null);
        }

        @Override
        public void close() {
            watches.remove(this);
        }

        private void runIfSlow(long now) {
            Runnable action = slowAction.get();
            if (action != null && now - slowAtNanos >= 0 && slowAction.compareAndSet(action, null)) {
                action.run();
            }
        }

        private void expireIfDue(long now) {
            runIfSlow(now);
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
        if (socket instanceof SSLSocket) {
            return new Watch(socket, true);
        }
        Watch watch = new Watch(socket, false);
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
