package dev.shuttle.listener;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * A JFR event per accepted connection: how long its thread took to first run after the
 * {@code accept} (the late starts of docs/benchmarks.md, "Stalls of new connections"). Recorded
 * only while a JFR recording runs (about 0.1 µs per connection then); {@code jfr print --events
 * dev.shuttle.ConnectionStart} lists them.
 */
@Name("dev.shuttle.ConnectionStart")
@Label("Connection Start")
@Description("From the accept of a connection to the first run of the thread that serves it")
@Category("Shuttle")
@StackTrace(false)
final class ConnectionStartEvent extends Event {
    @Label("Start Delay")
    @Timespan(Timespan.NANOSECONDS)
    long delay;

    @Label("Reused Thread")
    @Description("The thread waited for a connection (Supervisor.forkReusing) rather than being started for it")
    boolean reusedThread;

    /** Records the delay of a connection accepted at {@code acceptedNanos} ({@link System#nanoTime}), if enabled. */
    static void record(long acceptedNanos, boolean reusedThread) {
        ConnectionStartEvent event = new ConnectionStartEvent();
        if (event.shouldCommit()) {
            event.delay = System.nanoTime() - acceptedNanos;
            event.reusedThread = reusedThread;
            event.commit();
        }
    }
}
