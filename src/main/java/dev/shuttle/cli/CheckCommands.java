package dev.shuttle.cli;

import dev.shuttle.cli.ServerStateCommands.Target;
import dev.shuttle.config.StatsSocketConfig.CliLevel;
import dev.shuttle.pattern.MapFile;
import dev.shuttle.server.CheckControl;
import dev.shuttle.server.OperationalState;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The runtime API commands on a server's health and agent checks (management.txt §9.3):
 * {@code enable|disable health|agent <b>/<s>}, and the {@code set server <b>/<s>} options
 * {@code check-addr}, {@code check-port}, {@code agent-addr}, {@code agent-port}, {@code agent-send},
 * {@code agent} and {@code health}. Each takes effect at the check's next round (see
 * {@link CheckControl}); a forced state ({@code health}, {@code agent}) at once. Arguments are
 * checked in HAProxy 3.5's order and answered with its texts.
 */
final class CheckCommands {
    /** The {@code set server} options this class answers. */
    static final Set<String> OPTIONS = Set.of("check-addr", "check-port", "agent-addr", "agent-port", "agent-send",
            "agent", "health");

    private CheckCommands() {}

    static void register(CliCommands table, ProcessView process) {
        table.register(new CliCommand(List.of("enable", "health"), "enable health", "enable health checks",
                CliLevel.ADMIN, (args, session, out) -> toggle(control(args, process), false, true)));
        table.register(new CliCommand(List.of("disable", "health"), "disable health", "disable health checks",
                CliLevel.ADMIN, (args, session, out) -> toggle(control(args, process), false, false)));
        table.register(new CliCommand(List.of("enable", "agent"), "enable agent", "enable agent checks",
                CliLevel.ADMIN, (args, session, out) -> toggle(control(args, process), true, true)));
        table.register(new CliCommand(List.of("disable", "agent"), "disable agent", "disable agent checks",
                CliLevel.ADMIN, (args, session, out) -> toggle(control(args, process), true, false)));
    }

    /** The check controls of the server the first argument names: of a traffic or a log backend. */
    private static CheckControl control(List<String> args, ProcessView process) throws CliException {
        Optional<LogServerCommands.Target> log = LogServerCommands.find(args.isEmpty() ? "" : args.getFirst(), process);
        if (log.isPresent()) {
            return LogServerCommands.checkControl(log.get(), process);
        }
        return ServerStateCommands.find(args, process, true).server().checkControl();
    }

    /** How a {@code set server ... health|agent} state is forced on the server. */
    interface Forcing {
        void health(OperationalState state);

        void agent(boolean up);
    }

    /**
     * {@code enable|disable health|agent}: disabling a check the server does not have is accepted
     * and changes nothing, as in 3.5; enabling one is refused.
     */
    private static void toggle(CheckControl control, boolean agent, boolean enable) throws CliException {
        boolean configured = agent ? control.agentConfigured() : control.healthConfigured();
        if (enable && !configured) {
            throw new CliException(agent ? "Agent was not configured on this server, cannot enable."
                    : "Health check was not configured on this server, cannot enable.");
        }
        if (agent) {
            control.setAgentEnabled(enable);
        } else {
            control.setHealthEnabled(enable);
        }
    }

    /** {@code set server <b>/<s> <option> <arguments>}, {@code option} one of {@link #OPTIONS}. */
    static void set(Target target, String option, List<String> args, ProcessView process) throws CliException {
        set(target.server().checkControl(), target.server().config().check().track().isPresent(), option, args,
                new Forcing() {
                    @Override
                    public void health(OperationalState state) {
                        process.forceHealth(target.backend(), target.server(), state);
                    }

                    @Override
                    public void agent(boolean up) {
                        process.forceAgent(target.backend(), target.server(), up);
                    }
                });
    }

    /**
     * The same on any server's check controls: {@code tracking}, the server tracks another's
     * state; {@code forcing}, how a forced state reaches it.
     */
    static void set(CheckControl control, boolean tracking, String option, List<String> args, Forcing forcing)
            throws CliException {
        String value = args.isEmpty() ? "" : args.getFirst();
        switch (option) {
            case "check-addr" -> {
                if (value.isEmpty()) {
                    throw new CliException("set server <b>/<s> check-addr requires an address and optionally a port.");
                }
                requireHealthCheck(control);
                // An IP literal only: a check's address is not resolved (management.txt, "check-addr").
                if (MapFile.parseAddress(value).isEmpty()) {
                    throw new CliException("invalid addr '" + value + "'");
                }
                control.moveHealthCheck(Optional.of(value), portAfter(args));
            }
            case "check-port" -> {
                if (value.isEmpty()) {
                    throw new CliException("set server <b>/<s> check-port requires a port.");
                }
                requireHealthCheck(control);
                control.moveHealthCheck(Optional.empty(), Optional.of(port(value)));
            }
            case "agent-addr" -> {
                if (value.isEmpty()) {
                    throw new CliException("set server <b>/<s> agent-addr requires an address and optionally a port.");
                }
                requireAgent(control, "");
                String address = resolve(value);
                control.moveAgentCheck(Optional.of(address), portAfter(args));
            }
            case "agent-port" -> {
                if (value.isEmpty()) {
                    throw new CliException("set server <b>/<s> agent-port requires a port.");
                }
                requireAgent(control, "");
                control.moveAgentCheck(Optional.empty(), Optional.of(port(value)));
            }
            case "agent-send" -> {
                requireAgent(control, ".");
                control.setAgentSend(value);
            }
            case "agent" -> {
                requireAgent(control, ".");
                boolean up = switch (value) {
                    case "up" -> true;
                    case "down" -> false;
                    default -> throw new CliException("'set server <srv> agent' expects 'up' or 'down'.");
                };
                forcing.agent(up);
            }
            case "health" -> {
                if (tracking) {
                    throw new CliException("cannot change health on a tracking server.");
                }
                OperationalState state = switch (value) {
                    case "up" -> OperationalState.UP;
                    case "stopping" -> OperationalState.STOPPING;
                    case "down" -> OperationalState.DOWN;
                    default -> throw new CliException("'set server <srv> health' expects 'up', 'stopping', or 'down'.");
                };
                forcing.health(state);
            }
            default -> throw new IllegalArgumentException(option);
        }
    }

    /** The {@code port <p>} that may follow an address; checked before anything changes. */
    private static Optional<Integer> portAfter(List<String> args) throws CliException {
        if (args.size() < 2 || !args.get(1).equals("port")) {
            return Optional.empty();
        }
        return Optional.of(port(args.size() >= 3 ? args.get(2) : ""));
    }

    /** A port as HAProxy's CLI reads it: a whole integer from 0 (the server's own port) to 65535. */
    private static int port(String text) throws CliException {
        RuntimeArguments.Prefix port = RuntimeArguments.Prefix.of(text);
        if (port.length() == 0 || port.length() != text.length()) {
            throw new CliException("provided port is not an integer");
        }
        if (port.value() < 0 || port.value() > 65535) {
            throw new CliException("provided port is invalid");
        }
        return (int) port.value();
    }

    /** An agent's address may be a host name, resolved now (management.txt, "agent-addr"). */
    private static String resolve(String address) throws CliException {
        if (MapFile.parseAddress(address).isPresent()) {
            return address;
        }
        try {
            return InetAddress.getByName(address).getHostAddress();
        } catch (UnknownHostException | SecurityException e) {
            throw new CliException("invalid addr '" + address + "'");
        }
    }

    private static void requireHealthCheck(CheckControl control) throws CliException {
        if (!control.healthEnabled()) {
            throw new CliException("health checks are not enabled on this server");
        }
    }

    /** 3.5 ends this text with a period for some options and not for others. */
    private static void requireAgent(CheckControl control, String period) throws CliException {
        if (!control.agentEnabled()) {
            throw new CliException("agent checks are not enabled on this server" + period);
        }
    }
}
