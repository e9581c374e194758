package dev.shuttle.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import jdk.net.ExtendedSocketOptions;

/**
 * The check poller: one platform thread that runs every health check's schedule and opens the
 * connections of the connect-only checks without blocking, as HAProxy runs its checks as tasks of
 * its event loop (check.c, process_chk_conn()). It waits on one {@link Selector} until the next
 * {@link CheckTimers timer} is due or a connection in flight is ready; then it moves those
 * connections on and runs the due timers. A timer's task must not block: a check the poller
 * cannot carry (TLS, PROXY header, tcp-check rules, agent...) starts a virtual thread of its own
 * for that one probe. Plain HTTP checks talk through the poller ({@link #talk}).
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
        open(target, new CheckTimeouts(timeoutMillis, -1), linger, null, done);
    }

    /**
     * Opens a TCP connection to {@code target}, sends {@code conversation}'s request, reads until it
     * judges the response, and closes the connection with a FIN; then hands {@code done} the
     * outcome on the poller's thread. Not opened: {@code L4CON} or {@code L4TOUT} as for {@link
     * #connect}; broken once open: {@code SOCKERR}; no judgement within the read time of {@code
     * timeouts} (counted from the connection's opening): the conversation's timeout outcome.
     */
    void talk(InetSocketAddress target, CheckTimeouts timeouts, Conversation conversation, Consumer<CheckOutcome> done) {
        open(target, timeouts, true, conversation, done);
    }

    /**
     * What a check says over a connection the poller opened, and how it judges the reply. Called
     * on the poller's thread: it must not block.
     */
    interface Conversation {
        /** The bytes sent once connected. */
        byte[] request();

        /**
         * The outcome the bytes received so far settle, or null to read more.
         *
         * @param closed the server closed its side, or no more bytes will be read
         */
        CheckOutcome judge(byte[] received, int length, boolean closed);

        /** The outcome when the reply does not come in time. */
        CheckOutcome timedOut();

        /** At most this many bytes are read. */
        int maxReply();

        /**
         * Bytes to send after a judgement that needs more (an HTTP/2 check's SETTINGS and PING
         * acknowledgements), or null when there are none.
         */
        default byte[] reply() {
            return null;
        }
    }

    private void open(InetSocketAddress target, CheckTimeouts timeouts, boolean linger, Conversation conversation,
                      Consumer<CheckOutcome> done) {
        if (Thread.currentThread() != thread) {
            schedule(0, () -> open(target, timeouts, linger, conversation, done));
            return;
        }
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            if (conversation != null) {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            } else if (HOLDS_BACK_ACK) {
                channel.setOption(ExtendedSocketOptions.TCP_QUICKACK, false);
            }
            if (!linger) {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0); // close() resets
            }
            InFlight connection = new InFlight(channel, timeouts, conversation, done);
            boolean open = channel.connect(target);
            if (open && conversation == null) {
                closeQuietly(channel);
                done.accept(CheckOutcome.of(CheckStatus.L4OK, ""));
                return;
            }
            connection.key = channel.register(selector, open ? 0 : SelectionKey.OP_CONNECT, connection);
            connection.timeout = timers.add(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeouts.connectMillis()),
                    connection::timedOut);
            if (open) {
                connection.connected();
            }
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
            ((InFlight) key.attachment()).ready();
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

    /**
     * A check's connection from its connect to its outcome: opening, then, for a conversation,
     * sending its request and reading until the reply is judged. Confined to the poller's thread.
     */
    private final class InFlight {
        private final SocketChannel channel;
        private final CheckTimeouts timeouts;
        private final Conversation conversation;
        private final Consumer<CheckOutcome> done;
        private final long startNanos = System.nanoTime();
        private SelectionKey key;
        private CheckTimers.Timer timeout;
        private boolean opened;
        private boolean finished;
        private ByteBuffer request;
        private byte[] received;
        private int length;

        InFlight(SocketChannel channel, CheckTimeouts timeouts, Conversation conversation, Consumer<CheckOutcome> done) {
            this.channel = channel;
            this.timeouts = timeouts;
            this.conversation = conversation;
            this.done = done;
        }

        /** The socket is ready for what the connection waits for. */
        void ready() {
            try {
                if (!opened) {
                    if (channel.finishConnect()) {
                        connected();
                    }
                } else if (request.hasRemaining()) {
                    send();
                } else {
                    receive();
                }
            } catch (IOException e) {
                failed(e);
            }
        }

        /**
         * The time limit: to open, or to reply once open. The socket is asked once more first, so
         * that a connection that opened, or a reply that came, while the poller was busy counts.
         */
        void timedOut() {
            if (finished) {
                return;
            }
            try {
                if (!opened) {
                    if (!channel.finishConnect()) {
                        finish(CheckOutcome.of(CheckStatus.L4TOUT, ""));
                        return;
                    }
                    connected();
                    return;
                }
                if (!request.hasRemaining()) {
                    receive();
                }
                if (!finished) {
                    finish(conversation.timedOut());
                }
            } catch (IOException e) {
                failed(e);
            }
        }

        /** Open: done for a connect-only check; else the request goes out, and the reply has its read time from now. */
        void connected() throws IOException {
            opened = true;
            if (conversation == null) {
                finish(CheckOutcome.of(CheckStatus.L4OK, ""));
                return;
            }
            timeout.cancel();
            long elapsedMillis = (System.nanoTime() - startNanos) / 1_000_000;
            timeout = timers.add(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeouts.readBudget(elapsedMillis)),
                    this::timedOut);
            request = ByteBuffer.wrap(conversation.request());
            received = new byte[Math.min(1024, conversation.maxReply())];
            send();
        }

        private void send() throws IOException {
            channel.write(request);
            key.interestOps(request.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }

        /** Reads what has come and asks the conversation to judge it, until it does or nothing more is there. */
        private void receive() throws IOException {
            while (!finished) {
                if (length == received.length && length < conversation.maxReply()) {
                    received = Arrays.copyOf(received, Math.min(received.length * 2, conversation.maxReply()));
                }
                int read = length == received.length ? -1 : channel.read(ByteBuffer.wrap(received, length,
                        received.length - length));
                if (read == 0) {
                    return;
                }
                boolean closed = read < 0;
                if (!closed) {
                    length += read;
                }
                CheckOutcome outcome = conversation.judge(received, length, closed);
                if (outcome != null) {
                    if (!closed) {
                        sendLastReply();
                    }
                    finish(outcome);
                    return;
                }
                byte[] reply = closed ? null : conversation.reply();
                if (reply != null) {
                    request = ByteBuffer.wrap(reply);
                    send();
                    if (request.hasRemaining()) {
                        return; // the rest goes out when the socket can take it, and reading resumes then
                    }
                }
                if (closed) {
                    key.interestOps(0); // nothing more will come: the time limit decides
                    return;
                }
            }
        }

        /**
         * What the conversation still owes when its verdict came with the bytes that made it (an
         * HTTP/2 server's SETTINGS read with its response: RFC 9113 §6.5.3 wants it acknowledged),
         * written once without waiting: the connection closes next whatever the socket took.
         */
        private void sendLastReply() {
            byte[] reply = conversation.reply();
            if (reply == null) {
                return;
            }
            try {
                channel.write(ByteBuffer.wrap(reply));
            } catch (IOException ignored) {
                // the verdict stands; the close follows
            }
        }

        /** The connection failed: to open ({@code L4CON} and the system's reason), or once open ({@code SOCKERR}). */
        private void failed(IOException e) {
            finish(opened ? CheckOutcome.of(CheckStatus.SOCKERR, "")
                    : CheckOutcome.of(CheckStatus.L4CON, CheckMessages.connectionError(e.getMessage())));
        }

        private void finish(CheckOutcome outcome) {
            if (finished) {
                return;
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
