package dev.shuttle.cli;

import dev.shuttle.config.StatsSocketConfig.CliLevel;
import dev.shuttle.listener.ConnectionLimit;
import dev.shuttle.listener.Frontend;
import dev.shuttle.listener.Listener;
import dev.shuttle.listener.ProcessRates;
import java.io.IOException;
import java.util.List;

/**
 * The runtime API commands that act on frontends and on the process's connection limits
 * (management.txt §9.3): {@code enable|disable frontend} (pause and resume its listeners: new
 * connections are refused while paused, those accepted go on), {@code set maxconn frontend},
 * {@code set maxconn global}, and {@code set rate-limit connections|sessions global} (the
 * {@code ssl-sessions} and {@code http-compression} ones are refused: no such limits in Shuttle).
 * Answers and error texts are HAProxy 3.5's.
 */
final class FrontendCommands {
    private static final String RATE_LIMIT_USAGE = """
            'set rate-limit' only supports :
               - 'connections global' to set the per-process maximum connection rate
               - 'sessions global' to set the per-process maximum session rate
               - 'ssl-sessions global' to set the per-process maximum SSL session rate
               - 'http-compression global' to set the per-process maximum compression speed in kB/s""";

    private FrontendCommands() {}

    static void register(CliCommands table, ProcessView process) {
        table.register(new CliCommand(List.of("disable", "frontend"), "disable frontend <frontend>",
                "temporarily disable specific frontend", CliLevel.ADMIN,
                (args, session, out) -> pause(find(args, process), true)));
        table.register(new CliCommand(List.of("enable", "frontend"), "enable frontend <frontend>",
                "re-enable specific frontend", CliLevel.ADMIN,
                (args, session, out) -> pause(find(args, process), false)));
        table.register(new CliCommand(List.of("set", "maxconn", "frontend"), "set maxconn frontend <frontend> <value>",
                "change a frontend's maxconn setting", CliLevel.ADMIN,
                (args, session, out) -> setFrontendMaxconn(find(args, process), args)));
        table.register(new CliCommand(List.of("set", "maxconn", "global"), "set maxconn global <value>",
                "change the per-process maxconn setting", CliLevel.ADMIN,
                (args, session, out) -> setGlobalMaxconn(args, process)));
        table.register(new CliCommand(List.of("set", "rate-limit"), "set rate-limit <setting> <value>",
                "change a rate limiting value", CliLevel.ADMIN, (args, session, out) -> setRateLimit(args, process)));
    }

    /** The frontend named by the first argument, by name or {@code #<id>}. */
    private static Frontend find(List<String> args, ProcessView process) throws CliException {
        if (args.isEmpty()) {
            throw new CliException("A frontend name is expected.");
        }
        String name = args.getFirst();
        boolean byId = name.startsWith("#");
        int id = byId ? RuntimeArguments.atoi(name.substring(1)) : 0;
        for (Frontend frontend : process.frontends()) {
            if (byId ? frontend.config().id() == id : frontend.name().equals(name)) {
                return frontend;
            }
        }
        throw new CliException("No such frontend.");
    }

    /** Pauses or resumes every listener; "already" when none changed, as 3.5 answers. */
    private static void pause(Frontend frontend, boolean pausing) throws CliException {
        boolean changed = false;
        for (Listener listener : frontend.listeners()) {
            try {
                changed |= pausing ? listener.pause() : listener.resume();
            } catch (IOException e) {
                throw new CliException((pausing ? "Failed to pause frontend, check logs for precise cause: "
                        : "Failed to resume frontend, check logs for precise cause: ") + e.getMessage());
            }
        }
        if (!changed) {
            throw new CliException(pausing ? "All sockets are already disabled." : "All sockets are already enabled.");
        }
    }

    /** {@code set maxconn frontend <f> <n>}: read as C's atoi() reads it; 0 accepts no connection. */
    private static void setFrontendMaxconn(Frontend frontend, List<String> args) throws CliException {
        if (args.size() < 2) {
            throw new CliException("Integer value expected.");
        }
        int value = RuntimeArguments.atoi(args.get(1));
        if (value < 0) {
            throw new CliException("Value out of range.");
        }
        frontend.limit().setMax(value);
    }

    /**
     * {@code set maxconn global <n>}: at most the configured maxconn (HAProxy's hard limit); 0
     * means that limit.
     */
    private static void setGlobalMaxconn(List<String> args, ProcessView process) throws CliException {
        if (args.isEmpty()) {
            throw new CliException("Expects an integer value.");
        }
        ConnectionLimit limit = process.processLimit()
                .orElseThrow(() -> new CliException("No process-wide maxconn to change."));
        int value = RuntimeArguments.atoi(args.getFirst());
        int hard = limit.configured();
        if (value < 0 || value > hard) {
            throw new CliException("Value out of range.");
        }
        limit.setMax(value == 0 ? hard : value);
    }

    /**
     * {@code set rate-limit connections|sessions global <n>} (management.txt, "set rate-limit"):
     * changes {@code maxconnrate} or {@code maxsessrate} at once, 0 lifting it. The
     * {@code ssl-sessions} and {@code http-compression} limits are checked as 3.5 checks them,
     * then refused: Shuttle has neither {@code maxsslrate} nor {@code maxcomprate}.
     */
    private static void setRateLimit(List<String> args, ProcessView process) throws CliException {
        String setting = args.isEmpty() ? "" : args.getFirst();
        boolean known = List.of("connections", "sessions", "ssl-sessions", "http-compression").contains(setting);
        if (!known || args.size() < 2 || !args.get(1).equals("global")) {
            throw new CliException(RATE_LIMIT_USAGE);
        }
        if (args.size() < 3 || args.get(2).isEmpty()) {
            throw new CliException("Expects an integer value.");
        }
        int value = RuntimeArguments.atoi(args.get(2));
        if (value < 0) {
            throw new CliException("Value out of range.");
        }
        ProcessRates rates = process.processRates()
                .orElseThrow(() -> new CliException("No process-wide rate limit to change."));
        switch (setting) {
            case "connections" -> rates.connectionLimit().setLimit(value);
            case "sessions" -> rates.sessionLimit().setLimit(value);
            default -> throw new CliException("'set rate-limit " + setting + " global' is not supported by Shuttle:"
                    + " it has no " + (setting.equals("ssl-sessions") ? "maxsslrate" : "maxcomprate") + ".");
        }
    }
}
