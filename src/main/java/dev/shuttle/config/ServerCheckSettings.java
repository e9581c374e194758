package dev.shuttle.config;

import java.util.Optional;

/**
 * The health-check settings of one {@code server} line (configuration.txt §5.2: "check", "inter",
 * "fastinter", "downinter", "rise", "fall", "port", "addr", "init-state").
 *
 * @param enabled         {@code check}: the server is checked
 * @param interMillis     time between two checks of a server that is fully up (default 2s)
 * @param fastinterMillis time between checks while the server is changing state; 0: {@code inter}
 * @param downinterMillis time between checks of a server that is fully down; 0: {@code inter}
 * @param rise            consecutive successes that bring a down server up (default 2)
 * @param fall            consecutive failures that take an up server down (default 3)
 * @param initState       the state before the first check
 * @param port            the port checks connect to; 0: the server's own
 * @param address         the address checks connect to (an IP literal); empty: the server's own
 * @param agent           the agent check, if any
 * @param track           {@code track [<backend>/]<server>}: the server whose state this one follows
 * @param sendProxy       {@code check-send-proxy}: checks send a PROXY header whatever the server sends
 * @param trafficHealth   {@code observe}, {@code error-limit}, {@code on-error}, {@code on-marked-down},
 *                        {@code on-marked-up}: how its traffic and its health act on each other
 * @param protocol        {@code check-proto}: the protocol its checks speak
 */
public record ServerCheckSettings(boolean enabled, long interMillis, long fastinterMillis, long downinterMillis,
                                  int rise, int fall, CheckInitState initState, int port, Optional<String> address,
                                  AgentCheckSettings agent, Optional<String> track, boolean sendProxy,
                                  TrafficHealthSettings trafficHealth, CheckProtocol protocol) {
    public static final long DEFAULT_INTER_MILLIS = 2000;
    public static final int DEFAULT_RISE = 2;
    public static final int DEFAULT_FALL = 3;

    /** Settings without {@code check-proto}. */
    public ServerCheckSettings(boolean enabled, long interMillis, long fastinterMillis, long downinterMillis,
                               int rise, int fall, CheckInitState initState, int port, Optional<String> address,
                               AgentCheckSettings agent, Optional<String> track, boolean sendProxy,
                               TrafficHealthSettings trafficHealth) {
        this(enabled, interMillis, fastinterMillis, downinterMillis, rise, fall, initState, port, address, agent, track,
                sendProxy, trafficHealth, CheckProtocol.INHERIT);
    }

    /** No check: the server is always considered up. */
    public static final ServerCheckSettings NONE = new ServerCheckSettings(false, DEFAULT_INTER_MILLIS, 0, 0,
            DEFAULT_RISE, DEFAULT_FALL, CheckInitState.NONE, 0, Optional.empty(), AgentCheckSettings.NONE,
            Optional.empty(), false, TrafficHealthSettings.NONE);
}
