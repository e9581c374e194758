package dev.shuttle.cli;

import dev.shuttle.config.LogBackendConfig;
import dev.shuttle.server.AdminState;
import dev.shuttle.server.LogBackendStats;
import java.util.Optional;

/**
 * The runtime API commands of {@link ServerStateCommands} on a server of a {@code mode log}
 * backend (management.txt §9.3): its admin state ({@code set server ... state}, {@code enable
 * server}, {@code disable server}) and its weight ({@code set server ... weight}, {@code set
 * weight}, {@code get weight}), with HAProxy 3.5's answers (checked live: a change answers nothing;
 * {@code balance log-hash} takes only 0% and 100%, as a static algorithm). The change goes to the
 * process's syslog sender, whose balancing follows it ({@link ProcessView#logServerControl}).
 * Shuttle refuses the other server commands on these servers, saying so.
 */
final class LogServerCommands {
    /** The answer to a server command that Shuttle does not apply to the servers of log backends. */
    static final String UNSUPPORTED = "Shuttle does not support this command on the servers of 'mode log' backends.";

    /** A server of a log backend named on the command line, with its backend, as the stats see them now. */
    record Target(LogBackendStats backend, LogBackendStats.Server server) {
        String backendName() {
            return backend.name();
        }

        String serverName() {
            return server.config().name();
        }
    }

    private LogServerCommands() {}

    /**
     * The log server that {@code word} names as {@code <backend>/<server>}, each by its name or by
     * {@code #<id>}; empty when the backend part names no log backend (or the word has no server
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
                .filter(s -> byId ? s.id() == id : s.config().name().equals(name)).findFirst()
                .orElseThrow(() -> new CliException("No such server."));
        return Optional.of(new Target(backend.get(), server));
    }

    /** The log backend {@code word} names, by its name or by {@code #<id>}. */
    static Optional<LogBackendStats> backend(String word, ProcessView process) {
        boolean byId = word.startsWith("#");
        int id = byId ? RuntimeArguments.atoi(word.substring(1)) : 0;
        return process.logBackends().stream().filter(b -> byId ? b.id() == id : b.name().equals(word)).findFirst();
    }

    /** {@code set server <b>/<s> state|weight <value>}; any other option refused. */
    static void setServer(Target target, String option, String value, ProcessView process) throws CliException {
        switch (option) {
            case "state" -> setState(target, ServerStateCommands.state(value), process);
            case "weight" -> setWeight(target, value, process);
            default -> throw new CliException(ServerStateCommands.isOption(option) ? UNSUPPORTED : ServerStateCommands.USAGE);
        }
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
