package dev.shuttle.cli;

import dev.shuttle.config.StatsSocketConfig.CliLevel;
import dev.shuttle.version.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The runtime API commands of the session itself and of the process as a whole (management.txt §9.3). */
final class BasicCommands {
    private BasicCommands() {}

    static void register(CliCommands table, ProcessView process) {
        table.register(new CliCommand(List.of("help"), "help [<command>]", "list matching or all commands",
                CliLevel.USER, (args, session, out) -> out.append(session.help(args))));
        table.register(new CliCommand(List.of("quit"), "quit", "disconnect",
                CliLevel.USER, (args, session, out) -> session.quit()));
        table.register(new CliCommand(List.of("show", "version"), "show version", "show version of the current process",
                CliLevel.USER, (args, session, out) -> out.append(Version.SHUTTLE).append('\n')));
        table.register(new CliCommand(List.of("show", "info"), "show info",
                "report information about the running process", CliLevel.USER,
                (args, session, out) -> showInfo(args, process, out)));
        table.register(new CliCommand(List.of("user"), "user", "lower the level of the current CLI session to user",
                CliLevel.USER, (args, session, out) -> session.lowerLevel(CliLevel.USER)));
        table.register(new CliCommand(List.of("operator"), "operator",
                "lower the level of the current CLI session to operator", CliLevel.OPERATOR,
                (args, session, out) -> session.lowerLevel(CliLevel.OPERATOR)));
    }

    /** {@code show info}: HAProxy's field names and order, for the fields that mean something in Shuttle. */
    private static void showInfo(List<String> args, ProcessView process, StringBuilder out) throws CliException {
        if (!args.isEmpty()) {
            throw new CliException("'show info' output formats (" + String.join(" ", args)
                    + ") are not supported by Shuttle yet.");
        }
        long uptime = Duration.between(process.startTime(), Instant.now()).toSeconds();
        Runtime jvm = Runtime.getRuntime();
        long heapUsed = jvm.totalMemory() - jvm.freeMemory();
        field(out, "Name", "Shuttle");
        field(out, "Version", Version.SHUTTLE);
        field(out, "Release_date", Version.DATE);
        field(out, "Nbthread", process.threads());
        field(out, "Nbproc", 1);
        field(out, "Process_num", 1);
        field(out, "Pid", process.pid());
        field(out, "Uptime", String.format("%dd %dh%02dm%02ds", uptime / 86400, uptime / 3600 % 24, uptime / 60 % 60,
                uptime % 60));
        field(out, "Uptime_sec", uptime);
        field(out, "Memmax_MB", jvm.maxMemory() / (1024 * 1024));
        field(out, "PoolAlloc_MB", jvm.totalMemory() / (1024 * 1024));
        field(out, "PoolUsed_MB", heapUsed / (1024 * 1024));
        field(out, "Maxconn", process.maxconn());
        field(out, "Hard_maxconn", process.maxconn());
        field(out, "CurrConns", process.currentConnections());
        field(out, "CumConns", process.cumulativeConnections());
        field(out, "CurrSslConns", process.tlsCounters().current());
        field(out, "CumSslConns", process.tlsCounters().cumulative());
        field(out, "SslFrontendSessionReuse_pct", process.tlsCounters().frontReusePercent());
        field(out, "SslBackendSessionReuse_pct", process.tlsCounters().backReusePercent());
        field(out, "node", process.nodeName());
        field(out, "Stopping", process.stopping() ? 1 : 0);
        field(out, "Listeners", process.listeners());
        field(out, "DroppedLogs", process.droppedLogs());
        field(out, "Start_time_sec", process.startTime().getEpochSecond());
    }

    private static void field(StringBuilder out, String name, Object value) {
        out.append(name).append(": ").append(value).append('\n');
    }
}
