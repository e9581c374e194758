package dev.shuttle.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import jdk.net.ExtendedSocketOptions;

/**
 * The check poller: one platform thread that runs every health check's schedule and opens the
 * connections of the connect-only checks without blocking, as HAProxy runs its checks as tasks of
 * its event loop (check.c, process_chk_conn()). It waits on one {@link Selector} until the next
 * {@link CheckTimers timer} is due or a connection in flight opens or fails; then it finishes those
 * connections and runs the due timers. A timer's task must not block: a check that has to talk to
 * its server (HTTP, tcp-check, agent...) starts a virtual thread of its own for that one probe.
 *
 * <p>A connect-only check ({@link #connect}) opens a non-blocking socket, connects it and waits for
 * it here: it opens ({@code L4OK}), fails ({@code L4CON} and the system's error, as the blocking
 * connect reports it) or reaches its time limit ({@code L4TOUT}), counted from its own connect
 * start, so that a late round is late, never failed. Its socket is then reset (no TIME_WAIT), and
 * the final ACK of the handshake is held back (no quick ACK) so that the reset follows the server's
 * SYN-ACK and the server's application never sees the connection, as HAProxy does on Linux.
 *
 * <p>Thread-safety: {@link #schedule} may be called from any thread; the selector, the connections
 * in flight and the tasks belong to the poller's thread ({@link #connect} hands itself over to it).
 */
final class CheckPoller implements AutoCloseable {
    /** Whether the platform can hold back the final ACK of a handshake (Linux). */
    private static final boolean HOLDS_BACK_ACK = holdsBackAck();

    private final CheckTimers timers = new CheckTimers();
    private final Selector selector;
    private final Thread thread;
    // Written by close(); volatile: read by the poller's loop
    private volatile boolean closed;

    private CheckPoller(String name) {
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the check poller's selector", e);
        }
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::loop);
    }

    /** A poller whose thread is started. */
    static CheckPoller start() {
        CheckPoller poller = new CheckPoller("check poller");
        poller.thread.start();
        return poller;
    }

    /**
     * Runs {@code task} on the poller's thread in {@code delayNanos} (0: as soon as it can).
     *
     * @return the timer, to cancel it
     */
    CheckTimers.Timer schedule(long delayNanos, Runnable task) {
        CheckTimers.Timer timer = timers.add(System.nanoTime() + delayNanos, task);
        if (Thread.currentThread() != thread && timers.earliest(timer)) {
            selector.wakeup(); // the loop may be waiting for a later timer
        }
        return timer;
    }

    /**
     * Opens a TCP connection to {@code target} and closes it at once (a reset unless {@code
     * linger}), then hands {@code done} the outcome, on the poller's thread: {@code L4OK}, {@code
     * L4CON} with the system's reason, or {@code L4TOUT} when it did not open within {@code
     * timeoutMillis} of its own start. The outcome is not timed: the caller knows when it asked.
     */
    void connect(InetSocketAddress target, long timeoutMillis, boolean linger, Consumer<CheckOutcome> done) {
        if (Thread.currentThread() != thread) {
            schedule(0, () -> connect(target, timeoutMillis, linger, done));
            return;
        }
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            if (HOLDS_BACK_ACK) {
                channel.setOption(ExtendedSocketOptions.TCP_QUICKACK, false);
            }
            if (!linger) {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0); // close() resets
            }
            if (channel.connect(target)) {
                closeQuietly(channel);
                done.accept(CheckOutcome.of(CheckStatus.L4OK, ""));
                return;
            }
            InFlight connection = new InFlight(channel, done);
            connection.key = channel.register(selector, SelectionKey.OP_CONNECT, connection);
            connection.timeout = timers.add(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis),
                    connection::timedOut);
        } catch (IOException e) {
            if (channel != null) {
                closeQuietly(channel);
            }
            done.accept(CheckOutcome.of(CheckStatus.L4CON, CheckMessages.connectionError(e.getMessage())));
        }
    }

    /** How many timers are set (cancelled ones included until their time); for tests. */
    int timersQueued() {
        return timers.size();
    }

    /** Stops the thread and drops every timer and connection in flight; their checks get no outcome. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        selector.wakeup();
        if (thread.isAlive() && Thread.currentThread() != thread) {
            thread.join();
        }
    }

    private void loop() {
        try {
            while (!closed) {
                long waitNanos = timers.nanosUntilNext(System.nanoTime());
                if (waitNanos == 0) {
                    selector.selectNow(this::ready);
                } else {
                    // 0 waits until woken; a timer is waited for in whole milliseconds, rounded up
                    selector.select(this::ready, waitNanos < 0 ? 0 : Math.max(1, (waitNanos + 999_999) / 1_000_000));
                }
                runDueTimers();
            }
        } catch (IOException | ClosedSelectorException e) {
            if (!closed) {
                Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e);
            }
        } finally {
            for (SelectionKey key : selector.keys()) {
                closeQuietly((SocketChannel) key.channel());
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // the process stops its checks
            }
            timers.clear();
        }
    }

    /** A connection in flight opened or failed. Before the timers: one that opened in time is not timed out. */
    private void ready(SelectionKey key) {
        try {
            ((InFlight) key.attachment()).finish(false);
        } catch (RuntimeException e) {
            // one check's bug must not stop every other check
            Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e);
        }
    }

    private void runDueTimers() {
        CheckTimers.Timer due;
        while (!closed && (due = timers.pollDue(System.nanoTime())) != null) {
            try {
                due.task.run();
            } catch (RuntimeException e) {
                // one check's bug must not stop every other check
                Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e);
            }
        }
    }

    /** A connection of a connect-only check, from its connect to its outcome. Confined to the poller's thread. */
    private static final class InFlight {
        private final SocketChannel channel;
        private final Consumer<CheckOutcome> done;
        private SelectionKey key;
        private CheckTimers.Timer timeout;
        private boolean finished;

        InFlight(SocketChannel channel, Consumer<CheckOutcome> done) {
            this.channel = channel;
            this.done = done;
        }

        void timedOut() {
            finish(true);
        }

        /**
         * The connection's outcome: open, failed, or, at its time limit, still opening. At the
         * limit it is asked once more, so that one that opened while the poller was busy counts as open.
         */
        void finish(boolean timeUp) {
            if (finished) {
                return;
            }
            CheckOutcome outcome;
            try {
                if (channel.finishConnect()) {
                    outcome = CheckOutcome.of(CheckStatus.L4OK, "");
                } else if (timeUp) {
                    outcome = CheckOutcome.of(CheckStatus.L4TOUT, "");
                } else {
                    return; // woken early: still opening
                }
            } catch (IOException e) {
                outcome = CheckOutcome.of(CheckStatus.L4CON, CheckMessages.connectionError(e.getMessage()));
            }
            finished = true;
            timeout.cancel();
            key.cancel();
            closeQuietly(channel);
            done.accept(outcome);
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to do with a check's socket
        }
    }

    private static boolean holdsBackAck() {
        try (SocketChannel probe = SocketChannel.open()) {
            return probe.supportedOptions().contains(ExtendedSocketOptions.TCP_QUICKACK);
        } catch (IOException e) {
            return false;
        }
    }
}
