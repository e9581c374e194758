package dev.shuttle.server;

import dev.shuttle.config.ServerCheckSettings;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the runtime API changes of a server's health and agent checks (management.txt §9.3):
 * whether each runs ({@code enable|disable health}, {@code enable|disable agent}), where each
 * goes ({@code set server ... check-addr|check-port|agent-addr|agent-port}) and what the agent is
 * sent ({@code agent-send}), and the agent's last verdict, which the stats show. The configuration
 * gives the starting values; a server added at runtime
 * starts with both checks off, as HAProxy 3.5's {@code add server} does.
 *
 * <p>Locking: each value is replaced whole and is volatile, so that a check reads it without a lock
 * before its next round and the stats when asked; a check that already started finishes with what it
 * read. Moving a target reads the old one to keep the part not given, so those writes take
 * {@link #lock} (two runtime API sockets may move the same check at once).
 */
public final class CheckControl {
    /** Where a check goes: an IP literal (empty: the server's own address) and a port (0: the server's own). */
    public record Target(Optional<String> address, int port) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final boolean healthConfigured;
    private final boolean agentConfigured;
    // Written by the runtime API; volatile: read by the check's thread and the stats
    private volatile boolean healthEnabled;
    // Written by the runtime API; volatile: read by the agent's thread and the stats
    private volatile boolean agentEnabled;
    // Guarded by: lock (written by the runtime API); volatile: read by the check's thread before each round
    private volatile Target healthTarget;
    // Guarded by: lock (written by the runtime API); volatile: read by the agent's thread before each round
    private volatile Target agentTarget;
    // Written by the runtime API; volatile: read by the agent's thread before each round
    private volatile String agentSend;
    // Written by the agent's thread after each verdict, and by a forced agent state; volatile: read
    // by the stats (the agent's counter, rise 1 and fall 1: "DOWN (agent)")
    private volatile boolean agentUp = true;

    /**
     * @param settings the server line's check settings
     * @param dynamic  whether the server is added at runtime: its checks wait for {@code enable health|agent}
     */
    public CheckControl(ServerCheckSettings settings, boolean dynamic) {
        this.healthConfigured = settings.enabled();
        this.agentConfigured = settings.agent().enabled();
        this.healthEnabled = healthConfigured && !dynamic;
        this.agentEnabled = agentConfigured && !dynamic;
        this.healthTarget = new Target(settings.address(), settings.port());
        this.agentTarget = new Target(settings.agent().address(), settings.agent().port());
        this.agentSend = settings.agent().send();
    }

    /** Whether the server line declares {@code check} (HAProxy's CHK_ST_CONFIGURED). */
    public boolean healthConfigured() {
        return healthConfigured;
    }

    /** Whether the server line declares {@code agent-check}. */
    public boolean agentConfigured() {
        return agentConfigured;
    }

    /** Whether the health check runs now (configured and not disabled: HAProxy's CHK_ST_ENABLED). */
    public boolean healthEnabled() {
        return healthEnabled;
    }

    /** Whether the agent check runs now. */
    public boolean agentEnabled() {
        return agentEnabled;
    }

    /** {@code enable|disable health}: a check that is not configured stays off. */
    public void setHealthEnabled(boolean enabled) {
        healthEnabled = enabled && healthConfigured;
    }

    /** {@code enable|disable agent}: an agent that is not configured stays off. */
    public void setAgentEnabled(boolean enabled) {
        agentEnabled = enabled && agentConfigured;
    }

    public Target healthTarget() {
        return healthTarget;
    }

    public Target agentTarget() {
        return agentTarget;
    }

    public String agentSend() {
        return agentSend;
    }

    /** {@code set server ... check-addr|check-port}: empty parts keep their current value. */
    public void moveHealthCheck(Optional<String> address, Optional<Integer> port) {
        lock.lock();
        try {
            Target now = healthTarget;
            healthTarget = new Target(address.isPresent() ? address : now.address(), port.orElse(now.port()));
        } finally {
            lock.unlock();
        }
    }

    /** {@code set server ... agent-addr|agent-port}: empty parts keep their current value. */
    public void moveAgentCheck(Optional<String> address, Optional<Integer> port) {
        lock.lock();
        try {
            Target now = agentTarget;
            agentTarget = new Target(address.isPresent() ? address : now.address(), port.orElse(now.port()));
        } finally {
            lock.unlock();
        }
    }

    /** Whether the agent's last verdict (or a forced one) is up; true before any. */
    public boolean agentUp() {
        return agentUp;
    }

    /** The agent's verdict now. */
    public void agentReported(boolean up) {
        agentUp = up;
    }

    /** {@code set server ... agent-send}: the string the agent is sent from its next round on. */
    public void setAgentSend(String send) {
        agentSend = send;
    }
}
