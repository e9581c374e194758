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

/**
 * The health check of one server: runs its probe on the server's schedule, keeps its health
 * counter, and hands each change of verdict to the server's backend (configuration.txt §5.2,
 * "check", "inter", "fastinter", "downinter", "rise", "fall").
 *
 * <p>Confined to its own virtual thread (the counter needs no lock); what others read of it is the
 * server's {@link CheckReport}, replaced whole after each run.
 */
final class ServerCheck implements Runnable {
    private final Backend backend;
    private final Server server;
    private final ServerCheckSettings settings;
    private final Probe probe;
    private final InetSocketAddress target;
    /** The server's own address and port, which the state header names even when checks go elsewhere. */
    private final InetSocketAddress serverAddress;
    private final CheckTimeouts timeouts;
    private final ServerStateLog log;
    private final boolean logHealthChecks;
    private final long firstDelayMillis;
    private final ServerVerdicts verdicts;
    // Confined to the check's thread
    private Health health;
    // Confined to the check's thread: the last result, to log only what changed
    private CheckOutcome last;

    ServerCheck(Backend backend, Server server, Probe probe, InetSocketAddress target,
                InetSocketAddress serverAddress, CheckTimeouts timeouts, ServerStateLog log, long firstDelayMillis,
                ServerVerdicts verdicts) {
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
        try {
            Thread.sleep(firstDelayMillis);
            // A server removed at runtime ("del server") is no longer checked.
            while (!Thread.currentThread().isInterrupted() && backend.servers().contains(server)) {
                runOnce();
                Thread.sleep(nextInterval());
            }
        } catch (InterruptedException e) {
            // the process stops its checks
        }
    }

    /** One check: probe, count, report, and change the server's state if the verdict asks it. */
    void runOnce() throws InterruptedException {
        long start = System.nanoTime();
        CheckOutcome outcome = probe.run(target, timeouts).took((System.nanoTime() - start) / 1_000_000);
        Health before = health;
        health = health.after(outcome.verdict());
        server.checkCompleted(new CheckReport(outcome.status().name(), outcome.code(), outcome.durationMillis(),
                outcome.status().description() + (outcome.info().isEmpty() ? "" : ": " + outcome.info()),
                health.value(), health.rise(), health.fall()));
        boolean changed = last == null || last.status() != outcome.status() || last.code() != outcome.code()
                || !before.equals(health);
        last = outcome;
        if (logHealthChecks && changed) {
            log.report(backend, SyslogLevel.NOTICE,
                    CheckMessages.healthCheckLine(server.qualifiedName(), server.isBackup(), outcome, health));
        }
        Optional<OperationalState> target = health.target(outcome.verdict());
        if (target.isPresent()) {
            verdicts.healthCheck(target.get(), logHealthChecks ? "" : CheckMessages.reason(outcome));
        }
    }

    /**
     * The wait before the next check (HAProxy's srv_getinter()): {@code inter} while the counter is
     * at its top, {@code downinter} while a down server's counter is at 0, {@code fastinter}
     * in between (each falling back to {@code inter}).
     */
    long nextInterval() {
        if (health.full()) {
            return settings.interMillis();
        }
        if (health.value() == 0 && server.status().operational() == OperationalState.DOWN) {
            return settings.downinterMillis() > 0 ? settings.downinterMillis() : settings.interMillis();
        }
        return settings.fastinterMillis() > 0 ? settings.fastinterMillis() : settings.interMillis();
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
                + "; address=" + serverAddress.getAddress().getHostAddress() + "; port=" + serverAddress.getPort()
                + "; name=" + server.qualifiedName() + "; node=" + nodeName
                + "; weight=" + server.effectiveWeight() + "/" + totalWeight
                + "; scur=" + server.currentConnections() + "/" + totalConnections
                + "; qcur=" + backend.queuedFor(server);
    }
}
