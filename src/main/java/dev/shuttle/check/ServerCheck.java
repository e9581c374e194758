package dev.shuttle.check;

import dev.shuttle.backend.Backend;
import dev.shuttle.backend.ServerStateLog;
import dev.shuttle.config.ServerCheckSettings;
import dev.shuttle.lang.SyslogLevel;
import dev.shuttle.server.CheckReport;
import dev.shuttle.server.OperationalState;
import dev.shuttle.server.Server;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The health check of one server: runs its probe on the server's schedule, keeps its health
 * counter, and hands each change of verdict to the server's backend (configuration.txt §5.2,
 * "check", "inter", "fastinter", "downinter", "rise", "fall").
 *
 * <p>Runs in rounds on the process's {@link CheckPoller} ({@link #startOn}): each round is a timer;
 * a connect-only check opens its connection on the poller itself, any other probe runs on a virtual
 * thread started for that round; the next round is set when the result is recorded. (A check can
 * also loop on a thread of its own, {@link #run}, with the same schedule.) The counter is also moved
 * by the server's traffic when {@code observe} reaches {@code error-limit} ({@link #analysisFailed},
 * on a stream's thread), so its updates take the check's lock; what others read of it is the
 * server's {@link CheckReport}, replaced whole after each result.
 */
final class ServerCheck implements Runnable {
    private final Backend backend;
    private final Server server;
    private final ServerCheckSettings settings;
    private final Probe probe;
    /** Where each check goes, read before each one: it follows {@code set server addr}. */
    private final Supplier<InetSocketAddress> target;
    /** The server's own address and port now, which the state header names even when checks go elsewhere. */
    private final Supplier<InetSocketAddress> serverAddress;
    private final CheckTimeouts timeouts;
    private final ServerStateLog log;
    private final boolean logHealthChecks;
    private final long firstDelayMillis;
    private final CheckSpread spread;
    private final ServerVerdicts verdicts;
    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by: lock (signalled when an observed error asks for the next check sooner)
    private final Condition woken = lock.newCondition();
    // Guarded by: lock (written); volatile: read by the probe for the state header
    private volatile Health health;
    // Guarded by: lock: the last result, to log only what changed
    private CheckOutcome last;
    // Guarded by: lock: an observed error forces fastinter until the next check
    private boolean fastinterForced;
    /** The rounds on the check poller, once {@link #startOn} made them; null for a check looping on its own thread. */
    private volatile CheckRounds rounds;
    /** The name of a blocking probe's thread. */
    private final String threadName;

    ServerCheck(Backend backend, Server server, Probe probe, InetSocketAddress target,
                InetSocketAddress serverAddress, CheckTimeouts timeouts, ServerStateLog log, long firstDelayMillis,
                ServerVerdicts verdicts) {
        this(backend, server, probe, () -> target, () -> serverAddress, timeouts, log, firstDelayMillis, verdicts);
    }

    ServerCheck(Backend backend, Server server, Probe probe, Supplier<InetSocketAddress> target,
                Supplier<InetSocketAddress> serverAddress, CheckTimeouts timeouts, ServerStateLog log,
                long firstDelayMillis, ServerVerdicts verdicts) {
        this(backend, server, probe, target, serverAddress, timeouts, log, firstDelayMillis, verdicts,
                CheckSpread.NONE);
    }

    /** A check whose waits are randomised as {@code spread-checks} says. */
    ServerCheck(Backend backend, Server server, Probe probe, Supplier<InetSocketAddress> target,
                Supplier<InetSocketAddress> serverAddress, CheckTimeouts timeouts, ServerStateLog log,
                long firstDelayMillis, ServerVerdicts verdicts, CheckSpread spread) {
        this.spread = spread;
        this.backend = backend;
        this.server = server;
        this.settings = server.config().check();
        this.probe = probe;
        this.target = target;
        this.serverAddress = serverAddress;
        this.timeouts = timeouts;
        this.log = log;
        this.logHealthChecks = backend.config().isOptionSet("log-health-checks");
        this.firstDelayMillis = firstDelayMillis;
        this.verdicts = verdicts;
        this.health = Health.initial(settings.rise(), settings.fall(), settings.initState());
        this.threadName = "check " + server.qualifiedName();
    }

    Server server() {
        return server;
    }

    /** The counter now; for the state header and tests. Only meaningful on the check's thread. */
    Health health() {
        return health;
    }

    @Override
    public void run() {
        server.observer().reportTo(this::analysisFailed);
        try {
            Thread.sleep(firstDelayMillis);
            // A server removed at runtime ("del server") is no longer checked.
            while (!Thread.currentThread().isInterrupted() && backend.servers().contains(server)) {
                // "disable health" (management.txt §9.3): no check is sent until "enable health".
                if (server.checkControl().healthEnabled()) {
                    runOnce();
                }
                awaitNextCheck();
            }
        } catch (InterruptedException e) {
            // the process stops its checks
        }
    }

    /**
     * Runs the check's rounds on {@code poller} from now on, the first in its first delay; each
     * round starts on the poller's thread ({@link #due}), the next is set once its result is recorded.
     */
    void startOn(CheckPoller poller) {
        startOn(poller, firstDelayMillis);
    }

    /** The same, its first round after {@code delayMillis} (its place among the process's first checks: {@link CheckStartPlan}). */
    void startOn(CheckPoller poller, long delayMillis) {
        server.observer().reportTo(this::analysisFailed);
        CheckRounds own = new CheckRounds(poller, threadName, this::due);
        rounds = own;
        own.plan(delayMillis);
    }

    Backend backend() {
        return backend;
    }

    /**
     * No more rounds: the next one is cancelled and a blocking probe in progress interrupted.
     *
     * @return the thread of that probe, to wait for, or null
     */
    Thread stop() {
        CheckRounds own = rounds;
        return own == null ? null : own.stop();
    }

    /**
     * A round is due, on the poller's thread, which must not block: a connect-only or plain HTTP
     * check runs on the poller ({@link PolledProbe}); any other probe gets a virtual thread for
     * this round. A server removed at runtime ({@code del server}) is no longer checked; while
     * {@code disable health} holds (management.txt §9.3), no check is sent and the rounds go on.
     */
    private void due() {
        if (!backend.servers().contains(server)) {
            return;
        }
        if (!server.checkControl().healthEnabled()) {
            planNext();
            return;
        }
        long start = System.nanoTime();
        if (probe instanceof PolledProbe polled
                && polled.startOn(rounds.poller(), target.get(), timeouts, outcome -> completed(outcome, start))) {
            return;
        }
        rounds.onThread(this::probeOnItsThread);
    }

    /** One round of a probe that blocks, on its own virtual thread. */
    private void probeOnItsThread() {
        try {
            runOnce();
        } catch (InterruptedException e) {
            return; // the check is stopped
        }
        planNext();
    }

    /** A polled round's outcome, on the poller's thread: recorded as {@link #runOnce} records it. */
    private void completed(CheckOutcome outcome, long startNanos) {
        lock.lock();
        try {
            fastinterForced = false;
            record(outcome.took((System.nanoTime() - startNanos) / 1_000_000), health.after(outcome.verdict()));
            rounds.plan(spread.interval(nextInterval()));
        } finally {
            lock.unlock();
        }
    }

    /** The next round, {@link #nextInterval()} from now, moved as {@code spread-checks} says. */
    private void planNext() {
        lock.lock();
        try {
            rounds.plan(spread.interval(nextInterval()));
        } finally {
            lock.unlock();
        }
    }

    /** Waits {@link #nextInterval()}, or less once an observed error asks for fastinter. */
    private void awaitNextCheck() throws InterruptedException {
        lock.lock();
        try {
            long waitNanos = TimeUnit.MILLISECONDS.toNanos(spread.interval(nextInterval()));
            while (waitNanos > 0) {
                boolean forcedBefore = fastinterForced;
                waitNanos = woken.awaitNanos(waitNanos);
                if (!forcedBefore && fastinterForced) {
                    waitNanos = Math.min(waitNanos, TimeUnit.MILLISECONDS.toNanos(nextInterval()));
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** One check: probe, count, report, and change the server's state if the verdict asks it. */
    void runOnce() throws InterruptedException {
        long start = System.nanoTime();
        CheckOutcome outcome = probe.run(target.get(), timeouts).took((System.nanoTime() - start) / 1_000_000);
        lock.lock();
        try {
            fastinterForced = false;
            record(outcome, health.after(outcome.verdict()));
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@code set server ... health up|stopping|down} (management.txt §9.3): the counter goes to its
     * top (up, stopping) or to 0 (down) at once, as HAProxy's CLI sets it; the state change itself
     * is the caller's. The last result's other columns stay.
     */
    void force(boolean healthy) {
        lock.lock();
        try {
            Health now = health;
            health = new Health(healthy ? now.rise() + now.fall() - 1 : 0, now.rise(), now.fall());
            CheckReport report = server.lastCheck();
            if (report.rise() > 0) {
                server.checkCompleted(new CheckReport(report.status(), report.code(), report.durationMillis(),
                        report.description(), health.value(), report.rise(), report.fall()));
            } else {
                server.checkCompleted(new CheckReport("", -1, -1, "", health.value(), now.rise(), now.fall()));
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@code observe} saw {@code error-limit} errors in a row (HAProxy's __health_adjust()): the
     * next checks come at {@code fastinter}, and {@code on-error} may fail a check now, leave the
     * server one failure from down ({@code sudden-death}) or take it down ({@code mark-down}).
     * Called on the thread of the stream whose error reached the limit.
     */
    void analysisFailed(String reason) {
        lock.lock();
        try {
            fastinterForced = true;
            Health now = health;
            Health from = switch (settings.trafficHealth().onError()) {
                case FASTINTER -> null;
                case FAIL_CHECK -> now;
                case SUDDEN_DEATH -> now.value() > now.rise() ? new Health(now.rise() + 1, now.rise(), now.fall()) : now;
                case MARK_DOWN -> new Health(now.rise(), now.rise(), now.fall());
            };
            if (from != null) {
                record(CheckOutcome.of(CheckStatus.HANA, reason), from.after(CheckStatus.Verdict.FAILED));
            }
            woken.signalAll();
            CheckRounds own = rounds;
            if (own != null) {
                own.bringForward(nextInterval()); // on the poller: the waiting round comes at fastinter if sooner
            }
        } finally {
            lock.unlock();
        }
    }

    /** A result and the counter it leaves: published, logged when it changed, and acted on. */
    private void record(CheckOutcome outcome, Health after) {
        Health before = health;
        if (outcome.verdict() == CheckStatus.Verdict.FAILED && before.value() > 0) {
            // the stats' chkfail: a failure that lowers the health counter (HAProxy's check_notify_failure())
            server.countFailedCheck();
        }
        health = after;
        server.checkCompleted(CheckMessages.report(outcome, after));
        boolean changed = last == null || last.status() != outcome.status() || last.code() != outcome.code()
                || !before.equals(after);
        last = outcome;
        if (logHealthChecks && changed) {
            log.report(backend, SyslogLevel.NOTICE,
                    CheckMessages.healthCheckLine(server.qualifiedName(), server.isBackup(), outcome, after));
        }
        Optional<OperationalState> target = after.target(outcome.verdict());
        if (target.isPresent()) {
            verdicts.healthCheck(target.get(), () -> logHealthChecks ? "" : CheckMessages.reason(outcome));
        }
    }

    /** The wait before the next check: {@link CheckIntervals#next}, with an observed error's {@code fastinter}. */
    long nextInterval() {
        return CheckIntervals.next(settings, health, server.status().operational() == OperationalState.DOWN,
                fastinterForced);
    }

    /** The {@code X-Haproxy-Server-State} value (configuration.txt, "http-check send-state"). */
    String stateHeader(String nodeName) {
        OperationalState state = server.status().operational();
        int totalWeight = 0;
        int totalConnections = 0;
        for (Server each : backend.servers()) {
            if (each.isUsable()) {
                totalWeight += each.effectiveWeight();
            }
            totalConnections += each.currentConnections();
        }
        return CheckMessages.stateWord(health, state == OperationalState.DOWN, state == OperationalState.STOPPING)
                + "; address=" + serverAddress.get().getAddress().getHostAddress() + "; port=" + serverAddress.get().getPort()
                + "; name=" + server.qualifiedName() + "; node=" + nodeName
                + "; weight=" + server.effectiveWeight() + "/" + totalWeight
                + "; scur=" + server.currentConnections() + "/" + totalConnections
                + "; qcur=" + backend.queuedFor(server);
    }
}
