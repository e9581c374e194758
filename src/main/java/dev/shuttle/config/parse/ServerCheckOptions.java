package dev.shuttle.config.parse;

import dev.shuttle.config.AgentCheckSettings;
import dev.shuttle.config.CheckInitState;
import dev.shuttle.config.CheckProtocol;
import dev.shuttle.config.TrafficHealthSettings;
import dev.shuttle.config.ServerCheckSettings;
import dev.shuttle.lang.CNumbers;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.lang.TimeValue;
import java.util.Optional;
import java.util.Set;

/**
 * The health-check options of a {@code server} or {@code default-server} line while it is parsed
 * (configuration.txt §5.2); {@link #settings()} freezes them.
 */
final class ServerCheckOptions {
    private static final Set<String> FLAGS = Set.of("check", "no-check", "agent-check", "no-agent-check",
            "check-send-proxy");
    private static final Set<String> WITH_VALUE = Set.of("inter", "fastinter", "downinter", "rise", "fall", "port",
            "addr", "init-state", "track", "agent-port", "agent-inter", "agent-send", "agent-addr", "observe",
            "error-limit", "on-error", "on-marked-down", "on-marked-up", "check-proto");

    /** Options whose missing value HAProxy reports in words of their own. */
    private static final Set<String> OWN_MISSING_VALUE_MESSAGE = Set.of("observe", "error-limit", "on-error",
            "on-marked-down", "on-marked-up", "init-state", "agent-port", "port", "agent-inter", "inter", "fastinter", "downinter",
            "rise", "fall");

    boolean enabled;
    long interMillis = ServerCheckSettings.DEFAULT_INTER_MILLIS;
    long fastinterMillis;
    long downinterMillis;
    int rise = ServerCheckSettings.DEFAULT_RISE;
    int fall = ServerCheckSettings.DEFAULT_FALL;
    CheckInitState initState = CheckInitState.NONE;
    int port;
    Optional<String> address = Optional.empty();
    boolean agentEnabled;
    int agentPort;
    long agentInterMillis = AgentCheckSettings.DEFAULT_INTER_MILLIS;
    String agentSend = "";
    Optional<String> agentAddress = Optional.empty();
    Optional<String> track = Optional.empty();
    boolean sendProxy;
    /** Whether {@code init-state} was given (it cannot go with {@code track}). */
    boolean initStateGiven;
    TrafficHealthSettings.Mode observe = TrafficHealthSettings.Mode.NONE;
    int errorLimit = TrafficHealthSettings.DEFAULT_ERROR_LIMIT;
    TrafficHealthSettings.OnError onError = TrafficHealthSettings.OnError.FAIL_CHECK;
    boolean shutdownSessionsOnDown;
    boolean shutdownBackupSessionsOnUp;
    CheckProtocol protocol = CheckProtocol.INHERIT;

    static boolean handles(String option) {
        return FLAGS.contains(option) || WITH_VALUE.contains(option);
    }

    ServerCheckOptions copy() {
        ServerCheckOptions copy = new ServerCheckOptions();
        copy.enabled = enabled;
        copy.interMillis = interMillis;
        copy.fastinterMillis = fastinterMillis;
        copy.downinterMillis = downinterMillis;
        copy.rise = rise;
        copy.fall = fall;
        copy.initState = initState;
        copy.port = port;
        copy.address = address;
        copy.agentEnabled = agentEnabled;
        copy.agentPort = agentPort;
        copy.agentInterMillis = agentInterMillis;
        copy.agentSend = agentSend;
        copy.agentAddress = agentAddress;
        copy.track = track;
        copy.sendProxy = sendProxy;
        copy.initStateGiven = initStateGiven;
        copy.observe = observe;
        copy.errorLimit = errorLimit;
        copy.onError = onError;
        copy.shutdownSessionsOnDown = shutdownSessionsOnDown;
        copy.shutdownBackupSessionsOnUp = shutdownBackupSessionsOnUp;
        copy.protocol = protocol;
        return copy;
    }

    ServerCheckSettings settings() {
        return new ServerCheckSettings(enabled, interMillis, fastinterMillis, downinterMillis, rise, fall, initState,
                port, address, new AgentCheckSettings(agentEnabled, agentPort, agentInterMillis, agentSend,
                        agentAddress), track, sendProxy, new TrafficHealthSettings(observe, errorLimit, onError,
                shutdownSessionsOnDown, shutdownBackupSessionsOnUp), protocol);
    }

    /** Parses the option at {@code i}; returns the index of the next one. */
    int parse(KeywordContext line, int i, String context) throws ConfigException {
        return parse(line, i, context, true);
    }

    /**
     * Parses the option at {@code i}; returns the index of the next one.
     *
     * @param httpProxy whether the section is in HTTP mode (only there may {@code observe layer7} be used)
     */
    int parse(KeywordContext line, int i, String context, boolean httpProxy) throws ConfigException {
        String option = line.arg(i);
        if (FLAGS.contains(option)) {
            switch (option) {
                case "check", "no-check" -> enabled = option.equals("check");
                case "check-send-proxy" -> sendProxy = true;
                default -> agentEnabled = option.equals("agent-check");
            }
            return i + 1;
        }
        String value = line.arg(i + 1);
        if (value.isEmpty() && !OWN_MISSING_VALUE_MESSAGE.contains(option)) {
            throw new ConfigException(context + " : " + missingValue(option));
        }
        switch (option) {
            case "check-proto" -> protocol = checkProtocol(value, context);
            case "agent-send" -> agentSend = value;
            case "observe" -> observe = switch (value) {
                case "none" -> TrafficHealthSettings.Mode.NONE;
                case "layer4" -> TrafficHealthSettings.Mode.LAYER4;
                case "layer7" -> {
                    if (!httpProxy) {
                        throw new ConfigException(context + " : 'layer7' can only be used in http proxies..");
                    }
                    yield TrafficHealthSettings.Mode.LAYER7;
                }
                case "" -> throw new ConfigException(context + " : 'observe' expects <mode> as argument..");
                default -> throw new ConfigException(context + " : 'observe' expects one of 'none', 'layer4', "
                        + "'layer7' but got '" + value + "'.");
            };
            case "error-limit" -> {
                if (value.isEmpty()) {
                    throw new ConfigException(context + " : 'error-limit' expects an integer argument..");
                }
                errorLimit = CNumbers.atoi(value);
                if (errorLimit <= 0) {
                    throw new ConfigException(context + " : error-limit has to be > 0..");
                }
            }
            case "on-marked-down" -> {
                if (!value.equals("shutdown-sessions")) {
                    throw new ConfigException(context + " : 'on-marked-down' expects 'shutdown-sessions' but got '"
                            + value + "'.");
                }
                shutdownSessionsOnDown = true;
            }
            case "on-marked-up" -> {
                if (!value.equals("shutdown-backup-sessions")) {
                    throw new ConfigException(context + " : 'on-marked-up' expects 'shutdown-backup-sessions' but got '"
                            + value + "'.");
                }
                shutdownBackupSessionsOnUp = true;
            }
            case "on-error" -> onError = switch (value) {
                case "fastinter" -> TrafficHealthSettings.OnError.FASTINTER;
                case "fail-check" -> TrafficHealthSettings.OnError.FAIL_CHECK;
                case "sudden-death" -> TrafficHealthSettings.OnError.SUDDEN_DEATH;
                case "mark-down" -> TrafficHealthSettings.OnError.MARK_DOWN;
                default -> throw new ConfigException(context + " : 'on-error' expects one of 'fastinter', "
                        + "'fail-check', 'sudden-death' or 'mark-down' but got '" + value + "'.");
            };
            case "track" -> track = Optional.of(value);
            case "agent-addr" -> {
                if (!isIpLiteral(value)) {
                    throw new ConfigException(context + " : 'agent-addr' expects an IPv4 or IPv6 address (host "
                            + "names are not supported by Shuttle for checks).");
                }
                agentAddress = Optional.of(value);
            }
            case "agent-port" -> agentPort = ServerArguments.port(context, option, value);
            case "agent-inter" -> agentInterMillis = ServerArguments.checkDelay(context, option, value);
            case "inter", "fastinter", "downinter" -> {
                long millis = ServerArguments.checkDelay(context, option, value);
                switch (option) {
                    case "inter" -> interMillis = millis;
                    case "fastinter" -> fastinterMillis = millis;
                    default -> downinterMillis = millis;
                }
            }
            case "rise", "fall" -> {
                int count = ServerArguments.positiveCount(context, option, value);
                if (option.equals("rise")) {
                    rise = count;
                } else {
                    fall = count;
                }
            }
            case "port" -> port = ServerArguments.port(context, option, value);
            case "addr" -> {
                if (!isIpLiteral(value)) {
                    throw new ConfigException(context + " : 'addr' expects an IPv4 or IPv6 address (host names "
                            + "are not supported by Shuttle for checks).");
                }
                address = Optional.of(value);
            }
            default -> {
                initState = CheckInitState.fromKeyword(value).orElseThrow(() -> new ConfigException(context
                        + " : 'init-state' expects one of 'none', 'fully-up', 'up', 'down', or 'fully-down' but got '"
                        + value + "'."));
                initStateGiven = initState != CheckInitState.NONE;
            }
        }
        return i + 2;
    }

    /** An IPv4 dotted quad or an IPv6 literal: checks never resolve names. */
    private static boolean isIpLiteral(String value) {
        return value.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") || value.matches("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    }


    /**
     * {@code check-proto <name>}: HAProxy's multiplexer names; {@code h1} and {@code h2} for HTTP
     * checks, {@code none} for the others. {@code fcgi}, {@code quic} and {@code spop} are refused.
     */
    private static CheckProtocol checkProtocol(String name, String context) throws ConfigException {
        return switch (name) {
            case "h1" -> CheckProtocol.HTTP1;
            case "h2" -> CheckProtocol.HTTP2;
            case "none" -> CheckProtocol.TCP;
            case "fcgi", "quic", "spop" -> throw new ConfigException(context + " : 'check-proto' : '" + name
                    + "' is not supported by Shuttle yet (its checks speak h1, h2 or none).");
            default -> throw new ConfigException(context + " : 'check-proto' :  unknown MUX protocol '" + name + "'.");
        };
    }

    /** 3.5's words for a check option without its value. */
    private static String missingValue(String option) {
        return switch (option) {
            case "addr" -> "'addr' expects <ipv4|ipv6> as argument..";
            case "agent-addr" -> "'agent-addr' expects an address as argument..";
            case "agent-send" -> "'agent-send' expects a string as argument..";
            case "check-proto" -> "'check-proto' : missing value.";
            case "track" -> "'track' expects [<proxy>/]<server> as argument..";
            default -> "'" + option + "' expects an argument.";
        };
    }
}
