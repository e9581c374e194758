package dev.shuttle.check;

import dev.shuttle.config.CheckInitState;
import dev.shuttle.config.ServerCheckSettings;
import dev.shuttle.server.CheckReport;
import dev.shuttle.server.OperationalState;
import java.net.InetSocketAddress;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The health check of one server of a {@code mode log} backend (configuration.txt §5.2, "check",
 * kept by HAProxy 3.5 in such a backend): a TCP connect to the server, or to its {@code addr} and
 * {@code port}, every {@code inter} ({@code fastinter} while its state is changing, {@code
 * downinter} while it is down), counted by {@link Health} with {@code rise} and {@code fall} as for
 * any server. It runs on the process's {@link CheckPoller} (a connect never needs a thread of its
 * own) and tells its {@link Listener} when the server's state changes; the log backend then sends
 * no line to a server that is down. Like 3.5, a server without {@code init-state} starts up with a
 * counter at 0, so that its first failed check takes it down.
 *
 * <p>The runtime API reaches it as it reaches any server's check (management.txt §9.3): where it
 * connects is read before each round (it follows {@code set server addr}, {@code check-addr} and
 * {@code check-port}), no check is sent while {@code disable health} holds, and {@code set server
 * health} sets its counter ({@link #force}). Its waits are {@link CheckIntervals}' and move as
 * {@code spread-checks} says ({@link CheckSpread}), as for any server.
 *
 * <p>Locking: {@link #lock} guards the counter and the last state; it is taken on the poller's
 * thread when a result comes, and the listener is called without it.
 */
public final class LogServerCheck {
    /** Where the check reports the server's state changes. */
    public interface Listener {
        /**
         * The server is now up or down.
         *
         * @param reason ", reason: Layer4 connection problem, info: ..., check duration: 0ms", as HAProxy words it
         */
        void changed(boolean up, String reason);

        /**
         * A round completed, before any {@link #changed} it causes: its result as the stats show it.
         *
         * @param failedWhileUp a failure that lowered the health counter
         *                      (HAProxy's {@code chkfail}: a failure while its health counter is above 0, as
         *                      {@link ServerCheck} counts it)
         */
        default void checked(CheckReport report, boolean failedWhileUp) {}
    }

    private final String qualifiedName;
    private final int proxyId;
    private final Supplier<InetSocketAddress> target;
    private final BooleanSupplier enabled;
    private final ServerCheckSettings settings;
    private final Listener listener;
    private final TcpConnectProbe probe = new TcpConnectProbe();
    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by: lock (the rise/fall counter after the last result)
    private Health health;
    // Guarded by: lock (the state the last change reported: up until a check says otherwise)
    private OperationalState state = OperationalState.UP;
    /** How the waits move ({@code spread-checks}); set by {@link #startOn}. */
    private volatile CheckSpread spread = CheckSpread.NONE;
    /** The wait before its first round, set by {@link #startOn}; -1 before (for tests). */
    private volatile long firstDelayMillis = -1;
    /** The rounds on the poller once {@link #startOn} made them. */
    private volatile CheckRounds rounds;

    /**
     * @param qualifiedName "backend/server", for the name of its thread
     * @param target        where the check connects: the server's address, or {@code addr}:{@code port}
     */
    public LogServerCheck(String qualifiedName, InetSocketAddress target, ServerCheckSettings settings,
                          Listener listener) {
        this(qualifiedName, () -> target, () -> true, settings, listener);
    }

    /**
     * @param target  where the next check connects, read before each round
     * @param enabled whether checks are sent now ({@code enable|disable health})
     */
    public LogServerCheck(String qualifiedName, Supplier<InetSocketAddress> target, BooleanSupplier enabled,
                          ServerCheckSettings settings, Listener listener) {
        this(qualifiedName, 0, target, enabled, settings, listener);
    }

    /**
     * @param proxyId its log backend's proxy id: its place among the process's first checks ({@link CheckStartPlan})
     */
    public LogServerCheck(String qualifiedName, int proxyId, Supplier<InetSocketAddress> target,
                          BooleanSupplier enabled, ServerCheckSettings settings, Listener listener) {
        this.qualifiedName = qualifiedName;
        this.proxyId = proxyId;
        this.target = target;
        this.enabled = enabled;
        this.settings = settings;
        this.listener = listener;
        this.health = Health.initial(settings.rise(), settings.fall(), CheckInitState.NONE);
    }

    /** Its rounds on {@code poller} from now on, the first after {@code firstDelayMillis}. */
    void startOn(CheckPoller poller, long firstDelayMillis, CheckSpread spread) {
        this.spread = spread;
        this.firstDelayMillis = firstDelayMillis;
        CheckRounds own = new CheckRounds(poller, "check " + qualifiedName, this::due);
        rounds = own;
        own.plan(firstDelayMillis);
    }

    int proxyId() {
        return proxyId;
    }

    /** The wait before its first round, as it was started; -1 before it is. */
    long firstDelayMillis() {
        return firstDelayMillis;
    }

    /** The interval it would wait now, by its health and state ({@link CheckIntervals}). */
    long interval() {
        lock.lock();
        try {
            return nextIntervalLocked();
        } finally {
            lock.unlock();
        }
    }

    /** No more rounds; returns the thread of a round in progress, or null (a connect check has none). */
    Thread stop() {
        CheckRounds own = rounds;
        return own == null ? null : own.stop();
    }

    /**
     * A round is due, on the poller's thread: the connect is polled, never blocking. While {@code
     * disable health} holds, no check is sent and the rounds go on.
     */
    private void due() {
        if (!enabled.getAsBoolean()) {
            lock.lock();
            try {
                rounds.plan(spread.interval(nextIntervalLocked()));
            } finally {
                lock.unlock();
            }
            return;
        }
        long start = System.nanoTime();
        CheckTimeouts timeouts = CheckTimeouts.of(settings.interMillis(), 0, 0);
        probe.startOn(rounds.poller(), target.get(), timeouts,
                outcome -> completed(outcome.took((System.nanoTime() - start) / 1_000_000)));
    }

    /** A round's result: counted, reported when it changes the server's state, and the next round set. */
    void completed(CheckOutcome outcome) {
        Boolean changedTo = null;
        CheckReport report;
        boolean failedWhileUp;
        lock.lock();
        try {
            Health before = health;
            health = health.after(outcome.verdict());
            failedWhileUp = outcome.verdict() == CheckStatus.Verdict.FAILED && before.value() > 0;
            OperationalState target = health.target(outcome.verdict()).orElse(null);
            // A pass at the top brings a server forced to "stopping" back up, as 3.5's srv_set_running() does.
            OperationalState now = target == null ? state
                    : target == OperationalState.DOWN ? OperationalState.DOWN : OperationalState.UP;
            if (now != state) {
                changedTo = now == OperationalState.UP;
                state = now;
            }
            CheckRounds own = rounds;
            if (own != null) {
                own.plan(spread.interval(nextIntervalLocked()));
            }
            report = CheckMessages.report(outcome, health);
        } finally {
            lock.unlock();
        }
        listener.checked(report, failedWhileUp);
        if (changedTo != null) {
            listener.changed(changedTo, CheckMessages.reason(outcome));
        }
    }

    /** Whether the last result left the server up (or stopping). */
    public boolean up() {
        lock.lock();
        try {
            return state != OperationalState.DOWN;
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@code set server ... health up|stopping|down} (management.txt §9.3): the counter goes to its
     * top (up, stopping) or to 0 (down), as 3.5's CLI sets it, and the state is the one forced; the
     * backend's own change is the caller's. Returns the counter, for the stats.
     */
    public int force(OperationalState forced) {
        lock.lock();
        try {
            health = new Health(forced == OperationalState.DOWN ? 0 : health.rise() + health.fall() - 1,
                    health.rise(), health.fall());
            state = forced;
            return health.value();
        } finally {
            lock.unlock();
        }
    }

    /** The wait before the next round: the rule of every server's check. */
    private long nextIntervalLocked() {
        return CheckIntervals.next(settings, health, state == OperationalState.DOWN, false);
    }
}
