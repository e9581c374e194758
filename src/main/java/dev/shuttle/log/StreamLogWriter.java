package dev.shuttle.log;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes log lines to the process's standard output or error from one platform thread of its own.
 *
 * <p>Why a thread: a write to a file descriptor cannot park a virtual thread the way a socket read
 * does, so the JDK "compensates" for it by waking a spare carrier thread for the length of the
 * write. Once per log line, that put a second carrier on a busy proxy's core and cost about a
 * third of the CPU of a small request (docs/benchmarks.md). Here a connection's thread only copies
 * its line into a buffer in memory. The writer thread sleeps until the first line of a batch
 * arrives, waits {@link #BATCH_MILLIS} for more, and writes the whole batch with one system call.
 * While lines keep coming it does not sleep until woken: it looks again every {@link
 * #BATCH_MILLIS}, and only after {@link #QUIET_LOOKS_BEFORE_SLEEP} empty looks does it sleep until
 * the next line signals it. Under load, no connection thread then pays for waking a platform
 * thread (a {@code futex} call, a tenth of the log line's CPU in a {@code ka50} profile).
 *
 * <p>As in HAProxy, a log line is never worth stalling traffic: when nobody reads the stream (a
 * full pipe) and the buffer fills up, further lines are dropped and counted ({@code DroppedLogs}
 * in {@code show info}).
 *
 * <p>Locking: {@code lock} guards the batch being filled, and is held only to copy a line in or to
 * swap buffers; the write itself happens outside it, under {@code writeLock}, which keeps the
 * writer thread and the last flush at exit from writing at the same time.
 */
final class StreamLogWriter implements AutoCloseable {
    /** Bytes a batch may hold: at 100,000 lines of 250 bytes a second, 10 ms of traffic (half of it signals the writer). */
    static final int CAPACITY = 256 * 1024;
    /**
     * How long the writer gathers lines after the first one of a batch, and how often it looks
     * while lines keep coming. Each look is a wake-up of the writer thread, two context switches on
     * a proxy pinned to one core (the writer's, and the preempted carrier's): at 2 ms a sequential
     * {@code Connection: close} request paid 0.5 of them (docs/benchmarks.md, "The cost of a new
     * connection"). A line reaches the stream at most this late; a batch half full is written at once.
     */
    static final long BATCH_MILLIS = 10;
    /** Empty looks, one every {@link #BATCH_MILLIS}, before the writer sleeps until signalled: 50 ms without a line. */
    static final int QUIET_LOOKS_BEFORE_SLEEP = 5;

    private final OutputStream stream;
    private final Thread writer;
    private final LongAdder dropped = new LongAdder();
    /** How many times a line woke a sleeping writer (for the tests). */
    private final LongAdder wakeUps = new LongAdder();

    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by: lock (signalled when a first line arrives for a sleeping writer, when the batch is half full, and at close)
    private final Condition wakeUp = lock.newCondition();
    // Guarded by: lock
    private byte[] filling = new byte[CAPACITY];
    // Guarded by: lock
    private int filled;
    // Guarded by: lock
    private boolean writerSleeping;
    // Guarded by: lock
    private boolean closed;

    private final ReentrantLock writeLock = new ReentrantLock();
    // Guarded by: writeLock
    private byte[] writing = new byte[CAPACITY];

    StreamLogWriter(OutputStream stream, String name) {
        this.stream = stream;
        this.writer = Thread.ofPlatform().name(name).daemon().unstarted(this::writeBatches);
        writer.start();
    }

    /**
     * Queues {@code head + body} and a line feed, cut to {@code maxLength} bytes ({@link LogLines}).
     * Characters are written as the Latin-1 bytes they were decoded from (HTTP fields and the
     * configuration are read as ISO-8859-1); anything beyond Latin-1 becomes {@code ?}.
     */
    void append(String head, CharSequence body, int maxLength) {
        int length = LogLines.length(head, body, maxLength);
        lock.lock();
        try {
            if (closed) {
                writeNow(LogLines.bytes(head, body, maxLength));
                return;
            }
            if (filled + length > CAPACITY) {
                dropped.increment();
                return;
            }
            filled = LogLines.put(head, body, maxLength, filling, filled);
            if (writerSleeping || filled > CAPACITY / 2) {
                if (writerSleeping) {
                    wakeUps.increment();
                }
                writerSleeping = false;
                wakeUp.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Lines that found the buffer full since the start. */
    long droppedLines() {
        return dropped.sum();
    }

    /** Writes what is queued, then the writer thread ends; later lines are written at once by their caller. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            wakeUp.signal();
        } finally {
            lock.unlock();
        }
        try {
            writer.join(TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }

    /** Times a sleeping writer was woken by a line since the start. */
    long wakeUps() {
        return wakeUps.sum();
    }

    /** Whether the writer sleeps until a line signals it (for the tests). */
    boolean sleeping() {
        lock.lock();
        try {
            return writerSleeping;
        } finally {
            lock.unlock();
        }
    }

    private void writeBatches() {
        int quietLooks = 0;
        while (true) {
            lock.lock();
            try {
                boolean looked = false;
                if (filled == 0 && !closed && quietLooks < QUIET_LOOKS_BEFORE_SLEEP) {
                    wakeUp.await(BATCH_MILLIS, TimeUnit.MILLISECONDS); // awake: no line signals
                    looked = true;
                    if (filled == 0) {
                        quietLooks++;
                        continue;
                    }
                }
                while (filled == 0 && !closed) {
                    writerSleeping = true;
                    wakeUp.awaitUninterruptibly();
                }
                quietLooks = 0;
                if (!looked && !closed && filled <= CAPACITY / 2) {
                    wakeUp.await(BATCH_MILLIS, TimeUnit.MILLISECONDS);
                }
                if (closed && filled == 0) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                writerSleeping = false;
                lock.unlock();
            }
            flush();
        }
    }

    /** Swaps the filled buffer for the empty one and writes it out. */
    void flush() {
        writeLock.lock();
        try {
            int length;
            lock.lock();
            try {
                byte[] full = filling;
                filling = writing;
                writing = full;
                length = filled;
                filled = 0;
            } finally {
                lock.unlock();
            }
            if (length > 0) {
                writeQuietly(writing, length);
            }
        } finally {
            writeLock.unlock();
        }
    }

    private void writeNow(byte[] line) {
        writeLock.lock();
        try {
            writeQuietly(line, line.length);
        } finally {
            writeLock.unlock();
        }
    }

    private void writeQuietly(byte[] bytes, int length) {
        try {
            stream.write(bytes, 0, length);
            stream.flush();
        } catch (IOException e) {
            dropped.increment(); // a closed stdout: the lines are lost, as HAProxy's would be
        }
    }
}
