package dev.shuttle.cli;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.StatsSocketConfig.CliLevel;
import dev.shuttle.listener.Frontend;
import dev.shuttle.stats.StatCsv;
import dev.shuttle.stats.StatJson;
import dev.shuttle.stats.StatRow;
import dev.shuttle.stats.StatTyped;
import dev.shuttle.stats.TrafficCounters;
import dev.shuttle.stats.proxy.ProxyStatRows;
import dev.shuttle.stats.proxy.StatsFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code show stat} and {@code clear counters} (management.txt §9.3): the proxies' counters as CSV,
 * typed lines or JSON, narrowed to one proxy, kinds of rows and server, or to the servers up or out
 * of maintenance; and the clearing of the maxima (operator) or of every counter (admin).
 */
final class StatCommands {
    /** The header of the resolvers domain: Shuttle has no {@code resolvers} section, so no row follows. */
    static final String RESOLVERS_HEADER = "# id,pid,sent,send_error,valid,update,cname,cname_error,any_err,nx,"
            + "timeout,refused,other,invalid,too_big,truncated,outdated,\n";

    private StatCommands() {}

    static void register(CliCommands table, ProcessView process) {
        table.register(new CliCommand(List.of("show", "stat"), "show stat [desc|json|no-maint|typed|up]*",
                "report counters for each proxy and server", CliLevel.USER,
                (args, session, out) -> showStat(args, process, out)));
        table.register(new CliCommand(List.of("dump", "stats-file"), "dump stats-file", "dump stats for restore",
                CliLevel.USER, (args, session, out) ->
                        out.append(StatsFile.dump(process.frontends(), process.backends(), process.logBackends(),
                                process.maxconn()))));
        table.register(new CliCommand(List.of("clear", "counters"),
                "clear counters [all|server <bk>/<srv> [force]]",
                "clear max statistics counters (or all, or one server's)", CliLevel.OPERATOR,
                (args, session, out) -> clearCounters(args, session, process, out)));
    }

    // show stat

    private static void showStat(List<String> args, ProcessView process, StringBuilder out) throws CliException {
        StatRequest request = StatRequest.parse(args, process);
        if (request.resolvers()) {
            out.append(RESOLVERS_HEADER);
            return;
        }
        List<StatRow> rows = new ArrayList<>();
        for (StatRow row : new ProxyStatRows(process.frontends(), process.backends(), process.logBackends(), process.maxconn()).rows()) {
            if (request.selects(row, process)) {
                rows.add(row);
            }
        }
        if (request.hidesServers()) {
            ServerCountsInStatus.append(rows, process, request);
        }
        switch (request.format()) {
            case CSV -> out.append(StatCsv.document(rows));
            case TYPED -> {
                for (StatRow row : rows) {
                    StatTyped.appendRow(out, row, request.descriptions());
                }
            }
            case JSON -> out.append(StatJson.document(rows));
        }
    }

    // clear counters

    private static void clearCounters(List<String> args, CliSession session, ProcessView process,
                                      StringBuilder out)
            throws CliException {
        if (args.isEmpty()) {
            forEachCounters(process, counters -> counters.clearMaxima());
            return;
        }
        if (session.level().compareTo(CliLevel.ADMIN) < 0) {
            throw new CliException("Permission denied");
        }
        if (args.get(0).equals("all")) {
            forEachCounters(process, counters -> counters.clearAll());
            for (Backend backend : process.backends()) {
                backend.history().clear();
                backend.servers().forEach(server -> server.history().clear());
            }
            // 3.5 resets every proxy's counters, log backends' and their servers' included.
            process.logServerControl().clearCounters();
            return;
        }
        if (args.get(0).equals("server")) {
            clearServer(args, process, out);
            return;
        }
        // HAProxy 3.5 clears the maxima whatever else follows "clear counters".
        forEachCounters(process, counters -> counters.clearMaxima());
    }

    private static void clearServer(List<String> args, ProcessView process, StringBuilder out) throws CliException {
        if (args.size() < 2) {
            throw new CliException("Require 'backend/server'.");
        }
        String[] names = args.get(1).split("/", 2);
        if (names.length < 2) {
            throw new CliException("Require 'backend/server'.");
        }
        Optional<LogServerCommands.Target> log = LogServerCommands.find(args.get(1), process);
        if (log.isPresent()) {
            process.logServerControl().clearCounters(log.get().backendName(), log.get().serverName());
            out.append("Server counters cleared.\n");
            return;
        }
        Optional<Backend> backend = process.backends().stream().filter(b -> b.name().equals(names[0])).findFirst();
        if (backend.isEmpty()) {
            throw new CliException("No such backend.");
        }
        var server = backend.get().server(names[1]);
        if (server.isEmpty()) {
            throw new CliException("No such server.");
        }
        server.get().counters().clearAll();
        server.get().history().clear();
        out.append("Server counters cleared.\n");
    }

    private static void forEachCounters(ProcessView process, Consumer<TrafficCounters> action) {
        for (Frontend frontend : process.frontends()) {
            action.accept(frontend.counters());
        }
        for (Backend backend : process.backends()) {
            action.accept(backend.counters());
            backend.servers().forEach(server -> action.accept(server.counters()));
        }
    }
}
