package dev.shuttle.cli;

import dev.shuttle.config.LogBackendConfig;
import dev.shuttle.server.AdminState;
import dev.shuttle.server.CheckControl;
import dev.shuttle.server.LogBackendStats;
import dev.shuttle.server.OperationalState;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * The runtime API commands of {@link ServerStateCommands} on a server of a {@code mode log}
 * backend (management.txt §9.3): its admin state ({@code set server ... state}, {@code enable
 * server}, {@code disable server}) and its weight ({@code set server ... weight}, {@code set
 * weight}, {@code get weight}), with HAProxy 3.5's answers (checked live: a change answers nothing;
 * {@code balance log-hash} takes only 0% and 100%, as a static algorithm), its address ({@code set
 * server addr}: the lines move), its health and its check ({@code set server health|check-addr|
 * check-port}, {@code enable|disable health|agent}) and its {@code maxconn}. The change goes to
 * the process's syslog sender, whose balancing follows it ({@link ProcessView#logServerControl}).
 */
final class LogServerCommands {
    /** The answer to a server command that Shuttle does not apply to the servers of log backends. */
    static final String UNSUPPORTED = "Shuttle does not support this command on the servers of 'mode log' backends.";

    /** A server of a log backend named on the command line, with its backend, as the stats see them now. */
    record Target(LogBackendStats backend, LogBackendStats.Server server) {
        String backendName() {
            return backend.name();
        }

        /** Its configured name, by which the syslog sender knows it (a rename does not change it). */
        String serverName() {
            return server.config().name();
        }
    }


    private LogServerCommands() {}

    /**
     * The log server that {@code word} names as {@code <backend>/<server>}, each by its name (the
     * server's name now) or by {@code #<id>}; empty when the backend part names no log backend (or the word has no server
     * part: the caller answers that). "No such server." when the backend has no such server.
     */
    static Optional<Target> find(String word, ProcessView process) throws CliException {
        int slash = word.indexOf('/');
        if (slash < 0 || slash == word.length() - 1) {
            return Optional.empty();
        }
        Optional<LogBackendStats> backend = backend(word.substring(0, slash), process);
        if (backend.isEmpty()) {
            return Optional.empty();
        }
        String name = word.substring(slash + 1);
        boolean byId = name.startsWith("#");
        int id = byId ? RuntimeArguments.atoi(name.substring(1)) : 0;
        LogBackendStats.Server server = backend.get().servers().stream()
                .filter(s -> byId ? s.id() == id : s.name().equals(name)).findFirst()
                .orElseThrow(() -> new CliException("No such server."));
        return Optional.of(new Target(backend.get(), server));
    }

    /** The log backend {@code word} names, by its name or by {@code #<id>}. */
    static Optional<LogBackendStats> backend(String word, ProcessView process) {
        boolean byId = word.startsWith("#");
        int id = byId ? RuntimeArguments.atoi(word.substring(1)) : 0;
        return process.logBackends().stream().filter(b -> byId ? b.id() == id : b.name().equals(word)).findFirst();
    }

    /**
     * {@code set server <b>/<s> <option> ...} as 3.5 answers it on a log server: {@code state},
     * {@code weight}, {@code addr} (its lines move), {@code health} and the check options as on
     * any server ({@link CheckCommands}); {@code fqdn} and {@code ssl} with 3.5's refusals (a log
     * server has no resolver and no TLS settings); {@code name} renames a server in maintenance
     * ({@link #rename}).
     */
    static void setServer(Target target, String option, List<String> args, ProcessView process, StringBuilder out)
            throws CliException {
        String value = args.isEmpty() ? "" : args.getFirst();
        switch (option) {
            case "state" -> setState(target, ServerStateCommands.state(value), process);
            case "weight" -> setWeight(target, value, process);
            case "addr" -> setAddress(target, args, process, out);
            case "fqdn" -> throw new CliException(value.isEmpty() ? "set server <b>/<s> fqdn requires a FQDN."
                    : "set server <b>/<s> fqdn failed because no resolution is configured.");
            case "ssl" -> throw new CliException(
                    "'set server <srv> ssl' cannot be set.  default-server should define ssl settings");
            case "name" -> rename(target, value, process, out);
            default -> {
                if (!CheckCommands.OPTIONS.contains(option)) {
                    throw new CliException(ServerStateCommands.USAGE);
                }
                CheckCommands.set(checkControl(target, process), false, option, args, new CheckCommands.Forcing() {
                    @Override
                    public void health(OperationalState state) {
                        process.logServerControl().forceHealth(target.backendName(), target.serverName(), state);
                    }

                    @Override
                    public void agent(boolean up) {
                        throw new IllegalStateException("a log server has no agent check"); // refused before
                    }
                });
            }
        }
    }

    /**
     * {@code set server <b>/<s> name <new>} (management.txt §9.3, "set server"): a log server in
     * maintenance takes a new name, with 3.5's checks and answers ({@link ServerRename}). A log
     * server's name is referenced nowhere in the configuration (no {@code use-server}, {@code track}
     * or sample argument reach it), so nothing else refuses; the syslog sender checks the name is
     * free again as it renames (two renames may race).
     */
    private static void rename(Target target, String newName, ProcessView process, StringBuilder out)
            throws CliException {
        ServerRename.check(newName, target.server().admin() == AdminState.MAINT);
        Optional<String> refusal = process.logServerControl().rename(target.backendName(), target.serverName(), newName);
        if (refusal.isPresent()) {
            throw new CliException(refusal.get());
        }
        out.append(ServerRename.UPDATED);
    }

    /** What the runtime API changes of the log server's check. */
    static CheckControl checkControl(Target target, ProcessView process) {
        return process.logServerControl().checkControl(target.backendName(), target.serverName());
    }

    /**
     * {@code addr <ip> [port <port>]} (management.txt §9.3; 3.5's srv_update_addr_port(), which
     * also moves a log server's target): its lines go to the new address from the next one, its
     * check too unless {@code addr} sent it elsewhere; answered as for any server.
     */
    private static void setAddress(Target target, List<String> args, ProcessView process, StringBuilder out)
            throws CliException {
        AddressArgument moveTo = AddressArgument.parse(args);
        InetAddress host;
        try {
            host = InetAddress.getByName(moveTo.ip()); // an IP literal (parse checked it): nothing is resolved
        } catch (UnknownHostException e) {
            throw new CliException("Invalid addr '" + moveTo.ip() + "'");
        }
        Integer port = moveTo.port();
        InetSocketAddress current = target.server().address();
        boolean ipChanged = !host.equals(current.getAddress());
        boolean portChanged = port != null && port != current.getPort();
        if (!ipChanged && !portChanged) {
            throw new CliException("nothing changed");
        }
        process.logServerControl().moveServer(target.backendName(), target.serverName(),
                new InetSocketAddress(host, portChanged ? port : current.getPort()));
        out.append(moveTo.change(ipChanged, current.getAddress().getHostAddress(), portChanged,
                String.valueOf(current.getPort()))).append('\n');
    }

    /** {@code set maxconn server}: 3.5 takes it on a log server, where it limits nothing (lines are not connections). */
    static void setMaxconn(Target target, String value, ProcessView process) throws CliException {
        process.logServerControl().setMaxconn(target.backendName(), target.serverName(),
                RuntimeArguments.maxconn(value));
    }

    static void setState(Target target, AdminState state, ProcessView process) {
        process.logServerControl().setAdminState(target.backendName(), target.serverName(), state);
    }

    /** {@code set weight}: an absolute weight or a percentage of the configured one. */
    static void setWeight(Target target, String value, ProcessView process) throws CliException {
        boolean staticWeights = target.backend().balance() == LogBackendConfig.Balance.LOG_HASH;
        int weight = RuntimeArguments.weight(value, target.server().config().weight(), staticWeights);
        process.logServerControl().setWeight(target.backendName(), target.serverName(), weight);
    }

    /** {@code get weight}: "{@code 5 (initial 10)}". */
    static void getWeight(Target target, StringBuilder out) {
        out.append(target.server().weight()).append(" (initial ").append(target.server().config().weight()).append(")\n");
    }
}
