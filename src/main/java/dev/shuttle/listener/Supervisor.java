package dev.shuttle.listener;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A structured scope of virtual threads: the acceptor of a listener and every connection thread
 * it starts are its children, and it can stop them all (DESIGN.md §3).
 *
 * <p>Stopping is in two steps, as HAProxy's soft stop: {@link #awaitDrained} waits for children to
 * end by themselves (up to a grace time), then {@link #abort} closes the resources each child
 * registered and interrupts it, and joins. {@code StructuredTaskScope} would fit, but it is a
 * preview API whose shape changed in every JDK since 21, so it cannot be used with
 * {@code --release 21}.
 *
 * <p>Connection threads are reused ({@link #forkReusing}): a thread whose connection ended waits
 * for the next one, up to {@link #MAX_WAITING} such threads; one that has waited
 * {@link #WAITING_MILLIS} ends when the next connection comes.
 * Handing a connection to a waiting thread is an unpark, which the JDK's scheduler puts on the
 * acceptor's carrier's own queue, where it runs in turn with the threads already woken; a new
 * thread's {@code start()} is an external submission, which a busy carrier takes only once its own
 * queue is empty (docs/benchmarks.md, "New threads start through the submission queue").
 *
 * <p>Locking: {@link #lock} guards the set of live children, the waiting threads and signals
 * {@link #allDone}. A child is added to the set and its thread started (or handed to a waiting
 * thread) in one critical section, so every child that {@link #abort} sees can be joined; starting
 * a virtual thread and unparking one do not block.
 */
public final class Supervisor {
    /** What a child may do with its scope: register what must be closed if it is aborted. */
    public interface Child {
        /** Registers a resource (a socket) closed by {@link #abort}; blocking I/O on it then ends. */
        void closeOnAbort(Closeable resource);

        /** Forgets a resource registered before, once it is closed normally. */
        void forget(Closeable resource);

        /**
         * Says whether the child is idle now: waiting for a request that has not begun to come (a
         * keep-alive connection between exchanges). {@link #closeIdle} closes an idle child's
         * resources, as a soft stop closes idle connections.
         *
         * @return false when the child says it is idle after a soft stop began closing idle
         *         children: it should end by itself rather than wait
         */
        default boolean idle(boolean waiting) {
            return true;
        }

        /**
         * Registers what the child does when a soft stop begins ({@link #closeIdle}) or its
         * frontend is shut down ({@link #announceStop}): an HTTP/2 connection sends its GOAWAY. The
         * notice runs once, on the stopping thread, and must not block; registered after the stop
         * began, it runs at once.
         */
        default void onStop(Runnable notice) {
        }

        /** Whether a thread that waited for a child runs this one ({@link #forkReusing}), rather than a new thread. */
        default boolean reusedThread() {
            return false;
        }
    }

    /** The body of a child thread. */
    @FunctionalInterface
    public interface Task {
        void run(Child child) throws Exception;
    }

    /**
     * At most this many threads wait for a connection after theirs ended;
     * {@code -Dshuttle.waitingConnectionThreads=0} starts a thread per connection instead.
     */
    static final int MAX_WAITING = Integer.getInteger("shuttle.waitingConnectionThreads", 512);
    /** How long a thread may wait for a connection (longer than the kit's idle gaps), checked per new connection. */
    static final long WAITING_MILLIS = 60_000;

    private final String name;
    private final int maxWaiting;
    private final long waitingNanos;
    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by: lock
    private final Set<ChildThread> children = new HashSet<>();
    /** Threads that ended a child of {@link #forkReusing} and wait for the next, latest first. */
    // Guarded by: lock
    private final ArrayDeque<Worker> waiting = new ArrayDeque<>();
    // Guarded by: lock (signalled when children becomes empty)
    private final Condition allDone = lock.newCondition();
    // Guarded by: lock
    private boolean aborted;
    /** Set once by {@link #closeIdle}: children that become idle later end by themselves (volatile, read per request). */
    private volatile boolean closingIdle;
    /** Set once by {@link #announceStop}: a stop notice registered later runs at once. */
    private volatile boolean stopAnnounced;

    public Supervisor(String name) {
        this(name, MAX_WAITING, WAITING_MILLIS);
    }

    /** A supervisor that keeps at most {@code maxWaiting} threads waiting {@code waitingMillis} for a child. */
    Supervisor(String name, int maxWaiting, long waitingMillis) {
        this.name = name;
        this.maxWaiting = maxWaiting;
        this.waitingNanos = TimeUnit.MILLISECONDS.toNanos(waitingMillis);
    }

    /** Starts a child virtual thread. */
    public Thread fork(String threadName, Task task) {
        return fork(threadName, null, task);
    }

    /**
     * Starts a child virtual thread that owns {@code resource} (closed when the child ends or is
     * aborted). After {@link #abort}, the child is not started and the resource is closed at once.
     */
    public Thread fork(String threadName, Closeable resource, Task task) {
        ChildThread child = new ChildThread(task);
        if (resource != null) {
            child.closeOnAbort(resource);
        }
        Thread thread = Thread.ofVirtual().name(name + "/" + threadName).unstarted(child);
        child.thread = thread;
        lock.lock();
        try {
            if (aborted) {
                child.closeAll();
                return thread;
            }
            startLocked(child, thread);
        } finally {
            lock.unlock();
        }
        return thread;
    }

    /**
     * Runs a child as {@link #fork(String, Closeable, Task)} does, on a thread that waits for one
     * when there is such a thread, else on a new thread that waits for the next child once this
     * one ended. Every child of a thread has the same name; a child must not leave work behind
     * on its thread (its interrupt status is cleared before the next child runs).
     *
     * @return the thread that runs the child, or null when the supervisor was aborted (the
     *         resource is then closed, and the child never runs)
     */
    public Thread forkReusing(String threadName, Closeable resource, Task task) {
        ChildThread child = new ChildThread(task);
        if (resource != null) {
            child.closeOnAbort(resource);
        }
        lock.lock();
        try {
            if (aborted) {
                child.closeAll();
                return null;
            }
            retireOneStaleLocked();
            Worker worker = waiting.pollFirst();
            if (worker != null) {
                child.thread = worker.thread;
                child.reusedThread = true;
                children.add(child);
                worker.next = child;
                LockSupport.unpark(worker.thread);
                return worker.thread;
            }
            worker = new Worker(child);
            Thread thread = Thread.ofVirtual().name(name + "/" + threadName).unstarted(worker);
            worker.thread = thread;
            child.thread = thread;
            startLocked(child, thread);
            return thread;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the thread that has waited longest once it has waited {@code waitingNanos}: waiting
     * threads park without a timeout (a timed park costs a timer and its cancellation in the JDK's
     * scheduler each time), so they are retired here, one per new child, or by {@link #abort}.
     */
    private void retireOneStaleLocked() {
        Worker oldest = waiting.peekLast();
        if (oldest != null && System.nanoTime() - oldest.waitingSince > waitingNanos) {
            waiting.pollLast();
            oldest.retired = true;
            LockSupport.unpark(oldest.thread);
        }
    }

    // Started under the lock, so that abort() never snapshots a child whose thread is not
    // running yet: joining an unstarted thread returns at once and it would run afterwards.
    private void startLocked(ChildThread child, Thread thread) {
        children.add(child);
        try {
            thread.start();
        } catch (RuntimeException | Error e) {
            children.remove(child);
            child.closeAll();
            throw e;
        }
    }

    /** The number of threads waiting for a child of {@link #forkReusing}. */
    int waitingThreads() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /** The number of live children. */
    public int size() {
        lock.lock();
        try {
            return children.size();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until every child has ended, or {@code millis} pass (0: do not wait); true when drained. */
    public boolean awaitDrained(long millis) throws InterruptedException {
        long remaining = TimeUnit.MILLISECONDS.toNanos(millis);
        lock.lock();
        try {
            while (!children.isEmpty()) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = allDone.awaitNanos(remaining);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Closes every child's registered resources, interrupts every child, and waits for all to end. */
    public void abort() throws InterruptedException {
        List<ChildThread> snapshot;
        lock.lock();
        try {
            aborted = true;
            snapshot = new ArrayList<>(children);
            for (Worker worker : waiting) {
                LockSupport.unpark(worker.thread); // it sees the abort and ends
            }
            waiting.clear();
        } finally {
            lock.unlock();
        }
        for (ChildThread child : snapshot) {
            child.closeAll();
            child.thread.interrupt();
        }
        for (ChildThread child : snapshot) {
            child.thread.join();
        }
    }

    /**
     * Tells every child the stop began ({@link Child#onStop}), then closes the registered
     * resources of every child that is idle now ({@link Child#idle}), so that
     * it ends: HAProxy's soft stop closes idle frontend connections at once (configuration.txt,
     * "option idle-close-on-response", which keeps them instead). A child that becomes idle later
     * sees the stop itself.
     */
    public void closeIdle() {
        // Before the snapshot: a child marks itself idle, then reads this flag; one of the two sees the other.
        closingIdle = true;
        for (ChildThread child : tellStop()) {
            child.closeIfIdle();
        }
    }

    /**
     * Tells every child that the stop began ({@link Child#onStop}), without closing anything: what
     * {@code shutdown frontend} does to the connections it leaves running.
     */
    public void announceStop() {
        tellStop();
    }

    /** Runs every child's stop notice; returns the children told. */
    private List<ChildThread> tellStop() {
        // Before the snapshot: a child registers its notice, then reads this flag; one of the two sees the other.
        stopAnnounced = true;
        List<ChildThread> snapshot;
        lock.lock();
        try {
            snapshot = new ArrayList<>(children);
        } finally {
            lock.unlock();
        }
        for (ChildThread child : snapshot) {
            child.runStopNotice();
        }
        return snapshot;
    }

    private boolean isAborted() {
        lock.lock();
        try {
            return aborted;
        } finally {
            lock.unlock();
        }
    }

    private void ended(ChildThread child) {
        lock.lock();
        try {
            children.remove(child);
            if (children.isEmpty()) {
                allDone.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * A thread of {@link #forkReusing}: runs its first child, then waits for the next one while
     * there is room among the waiting threads, until the wait times out or the supervisor aborts.
     */
    private final class Worker implements Runnable {
        private ChildThread first;
        /** The child handed to this thread while it waits; taken by the thread itself. */
        // Guarded by: lock (written by forkReusing, read and cleared by the worker)
        private ChildThread next;
        /** When it began to wait ({@link System#nanoTime}). */
        // Guarded by: lock
        private long waitingSince;
        /** Told to end: it waited too long ({@link #retireOneStaleLocked}). */
        // Guarded by: lock
        private boolean retired;
        private Thread thread;

        Worker(ChildThread first) {
            this.first = first;
        }

        @Override
        public void run() {
            ChildThread child = first;
            first = null;
            while (child != null) {
                child.run();
                child = awaitNext();
            }
        }

        /** Waits to be handed the next child; null when the thread should end. */
        private ChildThread awaitNext() {
            // An interrupt meant for the child that ended must not reach the next one.
            Thread.interrupted();
            lock.lock();
            try {
                if (aborted || waiting.size() >= maxWaiting) {
                    return null;
                }
                waitingSince = System.nanoTime();
                waiting.addFirst(this);
            } finally {
                lock.unlock();
            }
            while (true) {
                lock.lock();
                try {
                    ChildThread handed = next;
                    if (handed != null) {
                        next = null;
                        if (aborted) {
                            Thread.currentThread().interrupt(); // abort()'s interrupt, cleared below
                        }
                        return handed;
                    }
                    if (aborted || retired) {
                        return null; // abort() or retireOneStaleLocked() took it off the list
                    }
                } finally {
                    lock.unlock();
                }
                LockSupport.park(this);
                Thread.interrupted(); // only abort() and a retirement end the wait, and they unpark
            }
        }
    }

    /** One child: its body, and the resources to close if it must be stopped. */
    private final class ChildThread implements Runnable, Child {
        private final Task task;
        private final ReentrantLock resourcesLock = new ReentrantLock();
        // Guarded by: resourcesLock
        private final List<Closeable> resources = new ArrayList<>();
        /** Waiting for a request that has not begun to come: written by the child, read by closeIdle (volatile, no lock per request). */
        private volatile boolean idle;
        /** What to do when the stop is announced; taken once by whoever runs it. */
        private final java.util.concurrent.atomic.AtomicReference<Runnable> stopNotice =
                new java.util.concurrent.atomic.AtomicReference<>();
        private Thread thread;
        /** Set before the child is handed over, read by its thread after (the hand-off's lock orders them). */
        private boolean reusedThread;

        ChildThread(Task task) {
            this.task = task;
        }

        @Override
        public void run() {
            try {
                task.run(this);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.io.IOException e) {
                // A peer that vanished, or a socket closed by abort(): the normal end of a connection.
                if (!isAborted()) {
                    org.slf4j.LoggerFactory.getLogger(Supervisor.class)
                            .debug("{}: {} ended on an I/O error: {}", name, thread.getName(), e.toString());
                }
            } catch (Exception | Error e) {
                org.slf4j.LoggerFactory.getLogger(Supervisor.class)
                        .warn("{}: {} ended with an unexpected error", name, thread.getName(), e);
            } finally {
                closeAll();
                ended(this);
            }
        }

        @Override
        public void closeOnAbort(Closeable resource) {
            resourcesLock.lock();
            try {
                resources.add(resource);
            } finally {
                resourcesLock.unlock();
            }
        }

        @Override
        public void forget(Closeable resource) {
            resourcesLock.lock();
            try {
                resources.remove(resource);
            } finally {
                resourcesLock.unlock();
            }
        }

        @Override
        public boolean idle(boolean waiting) {
            idle = waiting;
            return !(waiting && closingIdle);
        }

        @Override
        public boolean reusedThread() {
            return reusedThread;
        }

        @Override
        public void onStop(Runnable notice) {
            stopNotice.set(notice);
            if (stopAnnounced) {
                runStopNotice();
            }
        }

        void runStopNotice() {
            Runnable notice = stopNotice.getAndSet(null);
            if (notice != null) {
                notice.run();
            }
        }

        /** A request that arrives as the stop closes the connection is lost, as with HAProxy (hence idle-close-on-response). */
        void closeIfIdle() {
            if (!idle) {
                return;
            }
            List<Closeable> toClose;
            resourcesLock.lock();
            try {
                toClose = new ArrayList<>(resources);
                resources.clear();
            } finally {
                resourcesLock.unlock();
            }
            close(toClose);
        }

        void closeAll() {
            List<Closeable> toClose;
            resourcesLock.lock();
            try {
                toClose = new ArrayList<>(resources);
                resources.clear();
            } finally {
                resourcesLock.unlock();
            }
            close(toClose);
        }

        private void close(List<Closeable> toClose) {
            for (Closeable resource : toClose) {
                try {
                    resource.close();
                } catch (IOException ignored) {
                    // the resource is being abandoned; a failing close changes nothing
                }
            }
        }
    }
}
