package dev.shuttle.log;

import dev.shuttle.config.RingConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Forwards a ring's messages to one of its servers over TCP (configuration.txt §12.5, "server"),
 * from a virtual thread of its own.
 *
 * <p>A connection's thread only queues its line here and returns: a slow or dead receiver never
 * blocks traffic. The queue holds at most the ring's {@code size} bytes. As in HAProxy's ring, a
 * line stays queued until it is sent, across reconnections, and a full ring makes room for a new
 * line by dropping its oldest ones; Shuttle counts those in {@code DroppedLogs} (3.5 overwrites
 * them without counting). The sender connects within {@code timeout connect}, retries a second
 * after a failure, and gives up on a write the server leaves pending longer than {@code timeout
 * server} (a watchdog closes the socket, which ends the blocked write; the line is sent again).
 *
 * <p>Framing ({@code log-proto}): {@code legacy} sends each line with its final line feed;
 * {@code octet-count} sends {@code <length> <message>} without it (RFC 6587 §3.4.1), as 3.5 does.
 *
 * <p>Locking: {@code lock} guards the queue and is held only to add or take lines, never during I/O.
 */
final class RingServerLink implements AutoCloseable {
    private static final long RETRY_MILLIS = 1000;

    private final RingConfig ring;
    private final RingConfig.Server server;
    private final LongAdder dropped;
    private final Thread sender;
    private final Thread watchdog;

    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by: lock (signalled when a line arrives and at close)
    private final Condition lineQueued = lock.newCondition();
    // Guarded by: lock
    private final LinkedList<byte[]> queue = new LinkedList<>();
    // Guarded by: lock
    private int queuedBytes;
    // Guarded by: lock
    private boolean closed;

    /** Where the next connection goes: the server's address until {@link #moveTo}. */
    private volatile InetSocketAddress target;
    /** The socket the sender writes to, for the watchdog and for close; null while disconnected. */
    private volatile Socket socket;
    /** When the write in progress began (nanoTime), or 0 when the sender is not writing. */
    private volatile long writeStartedNanos;

    RingServerLink(RingConfig ring, RingConfig.Server server, LongAdder dropped) {
        this.ring = ring;
        this.server = server;
        this.dropped = dropped;
        this.target = server.address();
        String name = "ring-" + ring.name() + "-" + server.name();
        this.sender = Thread.ofVirtual().name(name).start(this::forward);
        this.watchdog = Thread.ofVirtual().name(name + "-watchdog").start(this::watchWrites);
    }

    /**
     * The server moved ({@code set server addr} on a log server): the next connection goes to
     * {@code address}; the one open now stays until it ends, as 3.5's forwarder keeps its own.
     */
    void moveTo(InetSocketAddress address) {
        target = address;
    }

    /** Queues one line (ending with its line feed), dropping the oldest ones if the ring is full. */
    void offer(byte[] line) {
        lock.lock();
        try {
            if (closed || line.length > ring.size()) {
                dropped.increment();
                return;
            }
            // The head may be in the sender's hands right now: it stays, and only what follows it goes.
            while (queuedBytes + line.length > ring.size() && queue.size() > 1) {
                byte[] oldest = queue.remove(1);
                queuedBytes -= oldest.length;
                dropped.increment();
            }
            if (queuedBytes + line.length > ring.size()) {
                dropped.increment();
                return;
            }
            queue.addLast(line);
            queuedBytes += line.length;
            lineQueued.signal();
        } finally {
            lock.unlock();
        }
    }

    /** The frame a line travels in on the server's stream. */
    static byte[] frame(byte[] line, RingConfig.Framing framing) {
        if (framing == RingConfig.Framing.LEGACY) {
            return line;
        }
        int messageLength = line.length - 1;
        byte[] prefix = (messageLength + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] framed = new byte[prefix.length + messageLength];
        System.arraycopy(prefix, 0, framed, 0, prefix.length);
        System.arraycopy(line, 0, framed, prefix.length, messageLength);
        return framed;
    }

    private void forward() {
        while (true) {
            byte[] line = next();
            if (line == null) {
                return;
            }
            if (send(frame(line, server.framing()))) {
                sent(line);
            } else {
                pauseBeforeRetry();
            }
        }
    }

    /** The oldest queued line, left in the queue until it is sent, waiting for one; null once closed. */
    private byte[] next() {
        lock.lock();
        try {
            while (queue.isEmpty() && !closed) {
                lineQueued.awaitUninterruptibly();
            }
            return closed ? null : queue.getFirst();
        } finally {
            lock.unlock();
        }
    }

    private void sent(byte[] line) {
        lock.lock();
        try {
            if (!queue.isEmpty() && queue.getFirst() == line) {
                queue.removeFirst();
                queuedBytes -= line.length;
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean send(byte[] frame) {
        try {
            Socket connected = socket;
            if (connected == null) {
                connected = new Socket();
                connected.connect(target, (int) Math.min(Integer.MAX_VALUE, ring.connectMillis()));
                socket = connected;
            }
            OutputStream out = connected.getOutputStream();
            writeStartedNanos = System.nanoTime();
            out.write(frame);
            out.flush();
            return true;
        } catch (IOException e) {
            disconnect();
            return false;
        } finally {
            writeStartedNanos = 0;
        }
    }

    private void disconnect() {
        Socket broken = socket;
        socket = null;
        if (broken != null) {
            try {
                broken.close();
            } catch (IOException ignored) {
                // already unusable
            }
        }
    }

    private void pauseBeforeRetry() {
        lock.lock();
        try {
            if (!closed) {
                lineQueued.await(RETRY_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** Closes the socket under a write that has waited longer than {@code timeout server}. */
    private void watchWrites() {
        long limitNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(1, ring.serverMillis()));
        while (!isClosed()) {
            long started = writeStartedNanos;
            if (started != 0 && System.nanoTime() - started > limitNanos) {
                disconnect();
            }
            try {
                Thread.sleep(Math.max(10, ring.serverMillis() / 4));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Gives the sender a moment to write out what is queued, then stops it. */
    @Override
    public void close() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        while (System.nanoTime() < deadline && hasQueued() && socket != null) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        lock.lock();
        try {
            closed = true;
            lineQueued.signalAll();
        } finally {
            lock.unlock();
        }
        disconnect();
        watchdog.interrupt();
        try {
            sender.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean hasQueued() {
        lock.lock();
        try {
            return !queue.isEmpty();
        } finally {
            lock.unlock();
        }
    }
}
