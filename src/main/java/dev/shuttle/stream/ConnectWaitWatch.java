package dev.shuttle.stream;

import dev.shuttle.mux.ClientFailureWatch;
import dev.shuttle.mux.ClientStream;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * Watches the client while its request waits for a server slot or connection, under {@code option
 * abortonclose} (configuration.txt: "half-closed connections ... abort a request that was not yet
 * sent to a server (i.e. when it's pending in the queue or when trying to connect)"): when the
 * client closes its side (or resets), the waiting thread is interrupted, which ends the queue's
 * wait, the pause between connect retries and a blocking connect (whose socket the interrupt
 * closes). An interrupt lands only within the wait: one that came later would close whatever the
 * thread reads or writes next.
 *
 * <p>A quick wait costs this object alone: the client's watch is made and started by {@link #run()}
 * only once the wait lasted ({@link ClientStream#whenWaitSlow}, on the deadline watcher's thread).
 *
 * <p>Thread safety: one state word, changed by compare-and-set: WAITING, then STARTED (the watch
 * started), then INTERRUPTED (the client left), and OVER once {@link #end()} came. The watch's
 * action interrupts only on STARTED → INTERRUPTED, which fails once OVER; {@link #end()} closes the
 * watch, which waits for an action under way, before it clears the interrupt that came.
 */
final class ConnectWaitWatch implements Runnable {
    private static final int WAITING = 0;
    private static final int STARTED = 1;
    private static final int INTERRUPTED = 2;
    private static final int OVER = 3;
    private static final AtomicIntegerFieldUpdater<ConnectWaitWatch> STATE =
            AtomicIntegerFieldUpdater.newUpdater(ConnectWaitWatch.class, "state");

    private final ClientStream client;
    private final Thread waiter;
    private volatile int state = WAITING;
    /** The client's watch, once {@link #run()} made it; set before the state leaves WAITING. */
    private volatile ClientFailureWatch watch;

    /** For the calling thread's wait on {@code client}'s behalf. */
    ConnectWaitWatch(ClientStream client) {
        this.client = client;
        this.waiter = Thread.currentThread();
    }

    /** The wait lasted: starts watching the client (its FIN or reset interrupts the wait). From any thread. */
    @Override
    public void run() {
        ClientFailureWatch started = client.deferredFailureWatch(this::interruptWaiter, true);
        watch = started;
        if (STATE.compareAndSet(this, WAITING, STARTED)) {
            started.start();
        }
    }

    private void interruptWaiter() {
        if (STATE.compareAndSet(this, STARTED, INTERRUPTED)) {
            waiter.interrupt();
        }
    }

    /**
     * The wait is over (from the waiting thread): no interrupt comes from now on, the one that came
     * is cleared. Returns the watch when the client left meanwhile, else null.
     */
    ClientFailureWatch end() {
        int was = STATE.getAndSet(this, OVER);
        ClientFailureWatch started = watch;
        if (was == WAITING || started == null) {
            return null;
        }
        started.close(); // waits for an action under way: its interrupt, if any, has landed
        if (was == INTERRUPTED) {
            Thread.interrupted();
        }
        return started.fired() ? started : null;
    }
}
