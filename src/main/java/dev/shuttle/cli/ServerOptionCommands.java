package dev.shuttle.cli;

import dev.shuttle.cli.ServerStateCommands.Target;
import dev.shuttle.config.ServerCheckSettings;
import dev.shuttle.config.StatsSocketConfig.CliLevel;
import dev.shuttle.net.Address;
import dev.shuttle.pattern.MapFile;
import dev.shuttle.server.Server;
import java.util.ArrayList;
import java.util.List;

/**
 * The runtime API commands on a server's checks, address, name and TLS (management.txt §9.3):
 * {@code enable|disable health|agent <b>/<s>} and the {@code set server <b>/<s>} options {@code addr},
 * {@code check-addr}, {@code check-port}, {@code agent}, {@code agent-addr}, {@code agent-port},
 * {@code agent-send}, {@code health}, {@code fqdn}, {@code ssl} and {@code name}.
 *
 * <p>Each is checked as HAProxy 3.5 checks it, with its texts (a missing argument, a server
 * without the check the option is about, a bad port). {@code addr} moves the server; what needs a
 * change Shuttle cannot make at run time (a server's name, TLS, or its checks' settings and state,
 * all fixed at start) is refused with a message that says so, never silently ignored. What 3.5
 * itself accepts as a no-op (disabling a check a server does not have) is accepted.
 */
final class ServerOptionCommands {
    private ServerOptionCommands() {}

    static void register(CliCommands table, ProcessView process) {
        table.register(new CliCommand(List.of("enable", "health"), "enable health", "enable health checks",
                CliLevel.ADMIN, (args, session, out) -> toggle(ServerStateCommands.find(args, process, true), false, true)));
        table.register(new CliCommand(List.of("disable", "health"), "disable health", "disable health checks",
                CliLevel.ADMIN, (args, session, out) -> toggle(ServerStateCommands.find(args, process, true), false, false)));
        table.register(new CliCommand(List.of("enable", "agent"), "enable agent", "enable agent checks",
                CliLevel.ADMIN, (args, session, out) -> toggle(ServerStateCommands.find(args, process, true), true, true)));
        table.register(new CliCommand(List.of("disable", "agent"), "disable agent", "disable agent checks",
                CliLevel.ADMIN, (args, session, out) -> toggle(ServerStateCommands.find(args, process, true), true, false)));
    }

    /** {@code enable|disable health|agent}. */
    private static void toggle(Target target, boolean agent, boolean enable) throws CliException {
        ServerCheckSettings check = target.server().config().check();
        boolean configured = agent ? check.agent().enabled() : check.enabled();
        if (!configured) {
            if (enable) {
                throw new CliException(agent ? "Agent was not configured on this server, cannot enable."
                        : "Health check was not configured on this server, cannot enable.");
            }
            return; // nothing to disable: 3.5 answers nothing as well
        }
        throw new CliException("'" + (enable ? "enable " : "disable ") + (agent ? "agent" : "health")
                + "' is not supported by Shuttle yet: a server's checks run from start to stop.");
    }

    /** {@code set server <b>/<s> <option> <arguments>}, {@code option} one of ServerStateCommands' list. */
    static void set(Target target, String option, List<String> args, StringBuilder out) throws CliException {
        Server server = target.server();
        ServerCheckSettings check = server.config().check();
        String value = args.isEmpty() ? "" : args.getFirst();
        switch (option) {
            case "addr" -> setAddress(target, args, out);
            case "check-addr" -> {
                if (value.isEmpty()) {
                    throw new CliException("set server <b>/<s> check-addr requires an address and optionally a port.");
                }
                requireHealthCheck(check);
                refuse(option, "a check's address is fixed at start");
            }
            case "check-port" -> {
                if (value.isEmpty()) {
                    throw new CliException("set server <b>/<s> check-port requires a port.");
                }
                requireHealthCheck(check);
                RuntimeArguments.Prefix port = RuntimeArguments.Prefix.of(value);
                if (port.length() != value.length()) {
                    throw new CliException("provided port is not an integer");
                }
                if (port.value() < 1 || port.value() > 65535) {
                    throw new CliException("provided port is invalid");
                }
                refuse(option, "a check's port is fixed at start");
            }
            case "agent", "agent-send" -> {
                requireAgent(check, ".");
                refuse(option, "an agent check's state and request are fixed at start");
            }
            case "agent-addr", "agent-port" -> {
                requireAgent(check, "");
                refuse(option, "an agent check's address and port are fixed at start");
            }
            case "health" -> {
                if (!List.of("up", "stopping", "down").contains(value)) {
                    throw new CliException("'set server <srv> health' expects 'up', 'stopping', or 'down'.");
                }
                if (check.enabled()) {
                    refuse(option, "a health check's verdict cannot be forced");
                }
                // without a health check there is no health to set: 3.5 answers nothing as well
            }
            case "fqdn" -> throw new CliException("set server <b>/<s> fqdn failed because no resolution is configured.");
            case "ssl" -> {
                if (!server.config().tls().enabled()) {
                    throw new CliException("'set server <srv> ssl' cannot be set.  default-server should define ssl settings");
                }
                refuse(option, "TLS to a server is chosen at start");
            }
            case "name" -> {
                if (value.isEmpty()) {
                    throw new CliException("set server <b>/<s> name requires a new name.");
                }
                refuse(option, "a server's name is fixed at start");
            }
            default -> throw new IllegalArgumentException(option);
        }
    }

    /**
     * {@code addr <ip> [port <port>]} (management.txt §9.3): the server's connections and checks go
     * to the new address from now on, its idle connections to the old one are closed, and the answer
     * says what changed in 3.5's words ("IP changed from 'a' to 'b', port changed from 'p' to 'q' by
     * 'stats socket command'"); the same address answers "nothing changed". A server declared
     * without a port or with a {@code +N} offset keeps following the client's port; a transparent
     * server (0.0.0.0) or one on a UNIX socket is refused.
     */
    private static void setAddress(Target target, List<String> args, StringBuilder out) throws CliException {
        Server server = target.server();
        if (args.isEmpty()) {
            throw new CliException("set server <b>/<s> addr requires an address and optionally a port.");
        }
        String ip = args.getFirst();
        var parsed = MapFile.parseAddress(ip);
        if (parsed.isEmpty()) {
            throw new CliException("Invalid addr '" + ip + "'");
        }
        Integer port = null;
        if (args.size() >= 2 && args.get(1).equals("port")) {
            String text = args.size() >= 3 ? args.get(2) : "";
            RuntimeArguments.Prefix number = RuntimeArguments.Prefix.of(text);
            if (number.length() == 0 || number.length() != text.length()) {
                throw new CliException("problem converting port '" + text + "' to an int");
            }
            port = (int) number.value();
        }
        if (!(server.address() instanceof Address.Inet current) || server.isTransparent()) {
            throw refusal("addr", "only a server with an IP address of its own can move");
        }
        boolean ipChanged = !parsed.equals(MapFile.parseAddress(current.host()));
        boolean portChanged = port != null && (current.portOffset() || current.hasNoPort() || current.portLow() != port);
        if (!ipChanged && !portChanged) {
            throw new CliException("nothing changed");
        }
        List<String> changes = new ArrayList<>();
        if (ipChanged) {
            changes.add("IP changed from '" + current.host() + "' to '" + ip + "'");
        }
        if (portChanged) {
            String from = current.portOffset() ? "+" + current.portLow() : String.valueOf(current.portLow());
            changes.add("port changed from '" + from + "' to '" + port + "'");
        }
        Address.Inet moved = portChanged ? new Address.Inet(ip, port, Address.Family.ANY)
                : new Address.Inet(ip, current.portLow(), current.portHigh(), Address.Family.ANY, current.portOffset());
        String change = String.join(", ", changes) + " by 'stats socket command'";
        target.backend().changeServerAddress(server, moved, change);
        out.append(change).append('\n');
    }

    private static void requireHealthCheck(ServerCheckSettings check) throws CliException {
        if (!check.enabled()) {
            throw new CliException("health checks are not enabled on this server");
        }
    }

    /** 3.5 ends this text with a period for some options and not for others. */
    private static void requireAgent(ServerCheckSettings check, String period) throws CliException {
        if (!check.agent().enabled()) {
            throw new CliException("agent checks are not enabled on this server" + period);
        }
    }

    private static void refuse(String option, String reason) throws CliException {
        throw refusal(option, reason);
    }

    private static CliException refusal(String option, String reason) {
        return new CliException("'set server <srv> " + option + "' is not supported by Shuttle yet: " + reason + ".");
    }
}
