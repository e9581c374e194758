package dev.shuttle.config;

import java.util.Optional;

/**
 * A server's agent check (configuration.txt §5.2, "agent-check", "agent-port", "agent-inter",
 * "agent-addr", "agent-send"): an auxiliary check whose agent answers a line of words that set the
 * server's weight, admin state and operational state.
 *
 * @param enabled     {@code agent-check}
 * @param port        {@code agent-port}, required with {@code agent-check}
 * @param interMillis {@code agent-inter}, default 2s; also the agent's timeout without {@code timeout check}
 * @param send        {@code agent-send}: sent verbatim once connected; "" for nothing
 * @param address     {@code agent-addr} (an IP literal); empty: the server's address
 */
public record AgentCheckSettings(boolean enabled, int port, long interMillis, String send, Optional<String> address) {
    public static final long DEFAULT_INTER_MILLIS = 2000;
    public static final AgentCheckSettings NONE = new AgentCheckSettings(false, 0, DEFAULT_INTER_MILLIS, "",
            Optional.empty());
}
