package dev.shuttle.io;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An action run every tick, from a daemon thread started when first needed: the clock of the
 * process-wide deadline watchers ({@link ReadDeadlines}, the backends' queue timeouts) and of the
 * readiness poller's sweep, which end waits that are due instead of arming a timer for every
 * waiting thread. The action gets the tick's {@link System#nanoTime()}.
 *
 * <p><b>One thread per period</b>, shared by every ticker of that period: each thread's wake-up
 * costs two context switches on a proxy pinned to one core (the ticker's, then the carrier's
 * return), so the read deadlines and the readiness sweep, both every 20 ms, wake one thread
 * instead of two (docs/benchmarks.md, "The cost of a new connection"). The actions run one after
 * the other and must stay short; one that throws is reported and runs again at the next tick.
 */
public final class Ticker {
    private static final Logger LOG = LoggerFactory.getLogger(Ticker.class);
    private static final ReentrantLock CLOCKS_LOCK = new ReentrantLock();
    // Guarded by: CLOCKS_LOCK (a clock is created, and a ticker joins it, once)
    private static final Map<Long, Clock> CLOCKS = new HashMap<>();

    private final String name;
    private final long tickMillis;
    private final LongConsumer onTick;
    // Guarded by: CLOCKS_LOCK (written once; read without the lock, hence volatile)
    private volatile boolean started;

    /** A ticker named {@code name} in reports, every {@code tickMillis}; nothing runs before {@link #ensureStarted()}. */
    public Ticker(String name, long tickMillis, LongConsumer onTick) {
        this.name = name;
        this.tickMillis = tickMillis;
        this.onTick = onTick;
    }

    /** Starts ticking unless it does already (one volatile read once it does). */
    public void ensureStarted() {
        if (!started) {
            start();
        }
    }

    private void start() {
        CLOCKS_LOCK.lock();
        try {
            if (!started) {
                CLOCKS.computeIfAbsent(tickMillis, Clock::new).tickers.add(this);
                started = true;
            }
        } finally {
            CLOCKS_LOCK.unlock();
        }
    }

    /** The thread of one period and the tickers it runs. */
    private static final class Clock {
        private final long tickMillis;
        private final List<Ticker> tickers = new CopyOnWriteArrayList<>();

        Clock(long tickMillis) {
            this.tickMillis = tickMillis;
            Thread.ofPlatform().daemon().name("shuttle-ticks-" + tickMillis + "ms").start(this::loop);
        }

        private void loop() {
            while (true) {
                try {
                    TimeUnit.MILLISECONDS.sleep(tickMillis);
                } catch (InterruptedException e) {
                    return;
                }
                long now = System.nanoTime();
                for (Ticker ticker : tickers) {
                    try {
                        ticker.onTick.accept(now);
                    } catch (RuntimeException e) {
                        LOG.error("{} failed at a tick, it runs again at the next one", ticker.name, e);
                    }
                }
            }
        }
    }
}
