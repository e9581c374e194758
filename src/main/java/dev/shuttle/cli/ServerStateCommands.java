package dev.shuttle.cli;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.StatsSocketConfig.CliLevel;
import dev.shuttle.server.AdminState;
import dev.shuttle.server.Server;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The runtime API commands that change a server at runtime (management.txt §9.3): its admin state
 * ({@code set server ... state}, {@code enable server}, {@code disable server}), its weight
 * ({@code set server ... weight}, {@code set weight}, {@code get weight}) and its maxconn
 * ({@code set maxconn server}). The answers, their order and the levels are HAProxy 3.5's: a
 * change answers nothing, an error one line; the backend applies each change, re-plans and hands
 * queued requests on, and reports the state changes as HAProxy does (see {@link Backend}).
 */
final class ServerStateCommands {
    /** The options of {@code set server} that HAProxy has, in its usage order. */
    static final String USAGE = "usage: set server <backend>/<server> addr | agent | agent-addr | agent-port"
            + " | agent-send | check-addr | check-port | fqdn | health | name | ssl | state | weight";
    /** The options {@link ServerOptionCommands} answers (address, name, TLS). */
    private static final Set<String> ADDRESS_OPTIONS = Set.of("addr", "fqdn", "name", "ssl");

    /** A server named on the command line, with its backend. */
    record Target(Backend backend, Server server) {}

    private ServerStateCommands() {}

    static void register(CliCommands table, ProcessView process) {
        table.register(new CliCommand(List.of("set", "server"), "set server <bk>/<srv> [opts]",
                "change a server's state, weight, address, name or ssl", CliLevel.ADMIN,
                (args, session, out) -> setServer(args, process, out)));
        table.register(new CliCommand(List.of("set", "weight"), "set weight <bk>/<srv>  (DEPRECATED)",
                "change a server's weight (use 'set server' instead)", CliLevel.ADMIN,
                (args, session, out) -> {
                    Optional<LogServerCommands.Target> log = LogServerCommands.find(argument(args, 0), process);
                    if (log.isPresent()) {
                        LogServerCommands.setWeight(log.get(), argument(args, 1), process);
                    } else {
                        setWeight(find(args, process, true), argument(args, 1));
                    }
                }));
        table.register(new CliCommand(List.of("get", "weight"), "get weight <bk>/<srv>",
                "report a server's current weight", CliLevel.USER,
                (args, session, out) -> {
                    Optional<LogServerCommands.Target> log = LogServerCommands.find(argument(args, 0), process);
                    if (log.isPresent()) {
                        LogServerCommands.getWeight(log.get(), out);
                    } else {
                        getWeight(find(args, process, false), out);
                    }
                }));
        table.register(new CliCommand(List.of("set", "maxconn", "server"), "set maxconn server <bk>/<srv>",
                "change a server's maxconn setting", CliLevel.ADMIN,
                (args, session, out) -> {
                    Optional<LogServerCommands.Target> log = LogServerCommands.find(argument(args, 0), process);
                    if (log.isPresent()) {
                        LogServerCommands.setMaxconn(log.get(), argument(args, 1), process);
                    } else {
                        setMaxconn(find(args, process, true), argument(args, 1));
                    }
                }));
        table.register(new CliCommand(List.of("disable", "server"), "disable server (DEPRECATED)",
                "disable a server for maintenance (use 'set server' instead)", CliLevel.ADMIN,
                (args, session, out) -> setState(args, AdminState.MAINT, process)));
        table.register(new CliCommand(List.of("enable", "server"), "enable server  (DEPRECATED)",
                "enable a disabled server (use 'set server' instead)", CliLevel.ADMIN,
                (args, session, out) -> setState(args, AdminState.READY, process)));
    }

    /** {@code set server <b>/<s> state|weight <value>}: words after the value are ignored, as HAProxy does. */
    private static void setServer(List<String> args, ProcessView process, StringBuilder out) throws CliException {
        String option = argument(args, 1);
        String value = argument(args, 2);
        Optional<LogServerCommands.Target> log = LogServerCommands.find(argument(args, 0), process);
        if (log.isPresent()) {
            LogServerCommands.setServer(log.get(), option, args.subList(Math.min(2, args.size()), args.size()), process,
                    out);
            return;
        }
        Target target = find(args, process, true);
        switch (option) {
            case "weight" -> setWeight(target, value);
            case "state" -> setState(target, state(value));
            default -> {
                if (ADDRESS_OPTIONS.contains(option)) {
                    ServerOptionCommands.set(target, option, args.subList(2, args.size()), out);
                    return;
                }
                if (CheckCommands.OPTIONS.contains(option)) {
                    CheckCommands.set(target, option, args.subList(2, args.size()), process);
                    return;
                }
                throw new CliException(USAGE);
            }
        }
    }

    /** The admin state {@code set server ... state} names. */
    static AdminState state(String value) throws CliException {
        return switch (value) {
            case "ready" -> AdminState.READY;
            case "drain" -> AdminState.DRAIN;
            case "maint" -> AdminState.MAINT;
            default -> throw new CliException("'set server <srv> state' expects 'ready', 'drain' and 'maint'.");
        };
    }

    /** Whether {@code set server} has the option (its other words answer the usage). */
    static boolean isOption(String option) {
        return USAGE.contains(" " + option + " ") || USAGE.endsWith(" " + option);
    }

    /** {@code enable server}, {@code disable server}: a server of a traffic or a log backend. */
    private static void setState(List<String> args, AdminState state, ProcessView process) throws CliException {
        Optional<LogServerCommands.Target> log = LogServerCommands.find(argument(args, 0), process);
        if (log.isPresent()) {
            LogServerCommands.setState(log.get(), state, process);
        } else {
            setState(find(args, process, true), state);
        }
    }

    private static void setState(Target target, AdminState state) {
        target.backend().setAdminState(target.server(), state);
    }

    private static void setWeight(Target target, String value) throws CliException {
        Server server = target.server();
        int weight = RuntimeArguments.weight(value, server.initialWeight(), target.backend().weightsAreStatic());
        target.backend().setWeight(server, weight);
    }

    /** {@code get weight}: the weight now and the configured one, "{@code 5 (initial 10)}". */
    private static void getWeight(Target target, StringBuilder out) {
        Server server = target.server();
        out.append(server.weight()).append(" (initial ").append(server.initialWeight()).append(")\n");
    }

    private static void setMaxconn(Target target, String value) throws CliException {
        target.backend().setMaxconn(target.server(), RuntimeArguments.maxconn(value));
    }

    /** The argument at {@code index}, or "" when the line stops before it (HAProxy's empty argument). */
    private static String argument(List<String> args, int index) {
        return index < args.size() ? args.get(index) : "";
    }

    /**
     * The server that the first argument names as {@code <backend>/<server>}, each by its name or
     * by {@code #<id>}. Commands that change a server refuse a disabled backend; {@code get weight}
     * does not.
     */
    static Target find(List<String> args, ProcessView process, boolean changing) throws CliException {
        String word = argument(args, 0);
        int slash = word.indexOf('/');
        if (slash < 0 || slash == word.length() - 1) {
            throw new CliException("Require 'backend/server'.");
        }
        Backend backend = backend(word.substring(0, slash), process);
        if (backend == null) {
            // The other server commands are refused on a log backend's server, not said to miss it.
            throw new CliException(LogServerCommands.backend(word.substring(0, slash), process).isPresent()
                    ? LogServerCommands.UNSUPPORTED : "No such backend.");
        }
        Server server = server(word.substring(slash + 1), backend);
        if (server == null) {
            throw new CliException("No such server.");
        }
        if (changing && backend.config().disabled()) {
            throw new CliException("Proxy is disabled.");
        }
        return new Target(backend, server);
    }

    private static Backend backend(String name, ProcessView process) {
        boolean byId = name.startsWith("#");
        int id = byId ? RuntimeArguments.atoi(name.substring(1)) : 0;
        for (Backend backend : process.backends()) {
            if (byId ? backend.config().id() == id : backend.name().equals(name)) {
                return backend;
            }
        }
        return null;
    }

    private static Server server(String name, Backend backend) {
        boolean byId = name.startsWith("#");
        int id = byId ? RuntimeArguments.atoi(name.substring(1)) : 0;
        for (Server server : backend.servers()) {
            if (byId ? server.config().id() == id : server.name().equals(name)) {
                return server;
            }
        }
        return null;
    }
}
