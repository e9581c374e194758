package dev.shuttle.io;

import java.lang.reflect.Field;
import java.util.concurrent.ForkJoinPool;

/**
 * Lets other connections run before a read whose bytes can only come once the peer has answered
 * what was just written (the response after a request, the next request after a response), as
 * long as no wake-up from the JDK's poller is waiting.
 *
 * <p><b>Why yield.</b> A virtual thread that reads a socket with nothing to read pays the JDK's
 * blocking path: a failed {@code read} ({@code EAGAIN}), a registration with the poller ({@code
 * epoll_ctl}), a park, and later a wake-up by the poller. Under load, a yield first lets the
 * other connections' threads run; by the time this one runs again the answer is usually there,
 * and one read takes it.
 *
 * <p><b>When not.</b> The scheduler puts a yielded thread back on its carrier's local queue, and
 * a carrier runs its local queue dry before it looks at the pool's submission queue ({@code
 * ForkJoinPool.WorkQueue.topLevelExec}). The poller threads, which wake every thread parked on a
 * socket, arrive through that queue. Threads that keep finding their answer after a yield could
 * so keep the local queue full while the parked ones wait: yielding unconditionally, that was
 * seconds (docs/benchmarks.md). So a thread yields only while the submission queue is empty
 * ({@link ForkJoinPool#hasQueuedSubmissions()}); once a wake-up waits there, every thread reads
 * at once, the local queue runs dry within one turn of the connections, and the carrier takes
 * the wake-up.
 *
 * <p><b>Since the readiness poller.</b> A socket that {@link ReadinessPoller} tracks no longer
 * pays that path: its owner parks until an edge came, without a system call. The yield then only
 * lets the poller and the other connections run first; A/B runs could not tell it from no yield
 * (docs/benchmarks.md). It stays for untracked sockets, and {@link #mayYield()} is also the rule
 * by which the poller's own thread yields.
 *
 * <p>The pool is the JDK's default virtual-thread scheduler, which has no public accessor: it is
 * read once from {@code java.lang.VirtualThread} ({@code scripts/shuttle} opens {@code java.lang}
 * for it). Where it cannot be read, threads never yield and reads go the JDK's blocking way.
 */
public final class AnswerYield {
    /** The virtual-thread scheduler, or null: then nobody yields. */
    private static final ForkJoinPool SCHEDULER = defaultScheduler();

    private AnswerYield() {}

    /**
     * Called before reading a head that waits for the peer's answer: yields the carrier when
     * nothing is buffered, the caller is a virtual thread of the default scheduler and no
     * submission waits for the carrier.
     */
    public static void beforeRead(boolean nothingBuffered) {
        if (nothingBuffered && Thread.currentThread().isVirtual() && mayYield(SCHEDULER)) {
            Thread.yield();
        }
    }

    /**
     * Whether a virtual thread may yield now without holding up a submission: the same rule for
     * {@link ReadinessPoller}'s thread, which yields after each batch of edges.
     */
    static boolean mayYield() {
        return mayYield(SCHEDULER);
    }

    /** Whether a yield on {@code scheduler} would not hold up a submission (the poller's). */
    static boolean mayYield(ForkJoinPool scheduler) {
        return scheduler != null && !scheduler.hasQueuedSubmissions();
    }

    /** Whether the scheduler could be read, so that threads may yield at all. */
    static boolean enabled() {
        return SCHEDULER != null;
    }

    private static ForkJoinPool defaultScheduler() {
        try {
            Field field = Class.forName("java.lang.VirtualThread").getDeclaredField("DEFAULT_SCHEDULER");
            field.setAccessible(true);
            return field.get(null) instanceof ForkJoinPool pool ? pool : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
