package dev.shuttle.check;

import dev.shuttle.backend.Backend;
import dev.shuttle.backend.ServerStateLog;
import dev.shuttle.config.AgentCheckSettings;
import dev.shuttle.lang.SyslogLevel;
import dev.shuttle.server.AdminState;
import dev.shuttle.server.Server;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A server's agent check (configuration.txt §5.2, "agent-check"): every {@code agent-inter}, connects
 * to the agent, sends {@code agent-send}, reads one line and applies its words: the weight and
 * maxconn, the admin state, and the agent's up/down verdict (its own counter, rise 1 and fall 1, as
 * HAProxy keeps it). An agent that cannot be reached changes nothing: connectivity is the health
 * check's business. Runs in rounds on the {@link CheckPoller} ({@link #startOn}), each on a virtual
 * thread of its own, or loops on a thread of its own ({@link #run}).
 */
final class AgentCheck implements Runnable {
    /** An agent's answer is one short line. */
    private static final int MAX_REPLY = 1024;

    private final Backend backend;
    private final Server server;
    private final AgentCheckSettings settings;
    /** Where each agent check goes, read before each one: it follows {@code set server agent-addr|agent-port}. */
    private final Supplier<InetSocketAddress> agent;
    private final CheckTimeouts timeouts;
    private final ServerVerdicts verdicts;
    private final ServerStateLog log;
    private final boolean logHealthChecks;
    private final long firstDelayMillis;
    private final CheckSpread spread;
    // Written by the agent's thread, and by the runtime API when it forces the agent's state
    // ("set server ... agent up|down"); volatile: each sees the other's last value
    private volatile Health health = new Health(1, 1, 1);
    /** The rounds on the check poller, once {@link #startOn} made them; null for a check looping on its own thread. */
    private volatile CheckRounds rounds;

    AgentCheck(Backend backend, Server server, Supplier<InetSocketAddress> agent, CheckTimeouts timeouts,
               ServerVerdicts verdicts, ServerStateLog log, long firstDelayMillis) {
        this(backend, server, agent, timeouts, verdicts, log, firstDelayMillis, CheckSpread.NONE);
    }

    /** An agent check whose waits are randomised as {@code spread-checks} says. */
    AgentCheck(Backend backend, Server server, Supplier<InetSocketAddress> agent, CheckTimeouts timeouts,
               ServerVerdicts verdicts, ServerStateLog log, long firstDelayMillis, CheckSpread spread) {
        this.spread = spread;
        this.backend = backend;
        this.server = server;
        this.settings = server.config().check().agent();
        this.agent = agent;
        this.timeouts = timeouts;
        this.verdicts = verdicts;
        this.log = log;
        this.logHealthChecks = backend.config().isOptionSet("log-health-checks");
        this.firstDelayMillis = firstDelayMillis;
    }

    Server server() {
        return server;
    }

    @Override
    public void run() {
        try {
            Thread.sleep(firstDelayMillis);
            // A server removed at runtime ("del server") is no longer checked.
            while (!Thread.currentThread().isInterrupted() && backend.servers().contains(server)) {
                // "disable agent" (management.txt §9.3): no agent check starts until "enable agent".
                if (server.checkControl().agentEnabled()) {
                    runOnce();
                }
                Thread.sleep(spread.interval(settings.interMillis()));
            }
        } catch (InterruptedException e) {
            // the process stops its checks
        }
    }

    /**
     * Runs the agent check's rounds on {@code poller} from now on, the first in its first delay:
     * each round asks the agent on a virtual thread of its own, then sets the next one.
     */
    void startOn(CheckPoller poller) {
        startOn(poller, firstDelayMillis);
    }

    /** The same, its first round after {@code delayMillis} (its place among the process's first checks: {@link CheckStartPlan}). */
    void startOn(CheckPoller poller, long delayMillis) {
        CheckRounds own = new CheckRounds(poller, "agent " + server.qualifiedName(), this::due);
        rounds = own;
        own.plan(delayMillis);
    }

    Backend backend() {
        return backend;
    }

    /** The interval it waits now: an agent's counter (rise 1, fall 1) is always at its top, so {@code inter}. */
    long interval() {
        return settings.interMillis();
    }

    /**
     * No more rounds; an agent check in progress is interrupted.
     *
     * @return its thread, to wait for, or null
     */
    Thread stop() {
        CheckRounds own = rounds;
        return own == null ? null : own.stop();
    }

    /** A round is due, on the poller's thread: as {@link #run} does each turn, on a thread of the round's own. */
    private void due() {
        if (!backend.servers().contains(server)) {
            return;
        }
        if (!server.checkControl().agentEnabled()) {
            rounds.plan(spread.interval(settings.interMillis()));
            return;
        }
        rounds.onThread(() -> {
            try {
                runOnce();
            } catch (InterruptedException e) {
                return; // the check is stopped
            }
            rounds.plan(spread.interval(settings.interMillis()));
        });
    }

    /** One agent check: ask, then apply what the agent said. */
    void runOnce() throws InterruptedException {
        long start = System.nanoTime();
        Optional<String> reply = ask();
        if (reply.isEmpty()) {
            return;
        }
        apply(AgentReply.parse(reply.get()), (System.nanoTime() - start) / 1_000_000);
    }

    /** The agent's answer, or empty when it could not be had (not an error for the server). */
    private Optional<String> ask() throws InterruptedException {
        Socket socket;
        try {
            socket = TcpConnectProbe.connect(agent.get(), timeouts);
        } catch (TcpConnectProbe.ConnectFailure failure) {
            return Optional.empty();
        }
        try (socket) {
            long deadline = System.nanoTime() + timeouts.readBudget(0) * 1_000_000;
            String send = server.checkControl().agentSend();
            if (!send.isEmpty()) {
                socket.getOutputStream().write(send.getBytes(StandardCharsets.ISO_8859_1));
            }
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[MAX_REPLY];
            int length = 0;
            while (length < MAX_REPLY) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    break;
                }
                socket.setSoTimeout((int) left);
                int read = in.read(buffer, length, MAX_REPLY - length);
                if (read < 0) {
                    break;
                }
                length += read;
                if (endsLine(buffer, length)) {
                    break;
                }
            }
            return length == 0 ? Optional.empty()
                    : Optional.of(new String(buffer, 0, length, StandardCharsets.ISO_8859_1));
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("check stopped");
            }
            return Optional.empty();
        }
    }

    private static boolean endsLine(byte[] buffer, int length) {
        for (int i = 0; i < length; i++) {
            if (buffer[i] == '\n' || buffer[i] == '\r') {
                return true;
            }
        }
        return false;
    }

    private void apply(AgentReply reply, long durationMillis) {
        // management.txt, "disable agent": a reply that arrives once the agent is disabled changes
        // no weight (a weight, or "drain"); the rest of it applies.
        boolean weightChanges = server.checkControl().agentEnabled();
        if (weightChanges) {
            reply.newWeight(server.initialWeight()).ifPresent(this::applyWeight);
        }
        reply.maxconn().ifPresent(maxconn -> backend.setMaxconn(server, Math.min(maxconn, 0xFFFF_FFFFL)));
        reply.admin().filter(admin -> weightChanges || admin != AdminState.DRAIN)
                .ifPresent(admin -> backend.setAdminState(server, admin));
        Optional<CheckOutcome> outcome = reply.outcome();
        if (outcome.isEmpty()) {
            return;
        }
        CheckOutcome timed = outcome.get().took(durationMillis);
        Health before = health;
        health = health.after(timed.verdict());
        server.checkControl().agentReported(health.healthy());
        if (logHealthChecks && !before.equals(health)) {
            log.report(backend, SyslogLevel.NOTICE, "Agent check" + CheckMessages.healthCheckLine(server.qualifiedName(),
                    server.isBackup(), timed, health).substring("Health check".length()));
        }
        verdicts.agent(timed.verdict() == CheckStatus.Verdict.FAILED,
                logHealthChecks ? "" : CheckMessages.reason(timed));
    }

    /** {@code set server ... agent up|down}: the agent's counter goes to its top or 0; the state change is the caller's. */
    void force(boolean up) {
        health = new Health(up ? 1 : 0, 1, 1);
        server.checkControl().agentReported(up);
    }

    /** A static algorithm only takes 0 or the initial weight, as the manual says: other values are left out. */
    private void applyWeight(int weight) {
        if (backend.weightsAreStatic() && weight != 0 && weight != server.initialWeight()) {
            return;
        }
        if (weight != server.weight()) {
            backend.setWeight(server, weight);
        }
    }
}
