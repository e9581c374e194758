package dev.shuttle.cli;

import dev.shuttle.config.StatsSocketConfig.CliLevel;
import dev.shuttle.version.Version;
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
        table.register(new CliCommand(List.of("user"), "user", "lower the level of the current CLI session to user",
                CliLevel.USER, (args, session, out) -> session.lowerLevel(CliLevel.USER)));
        table.register(new CliCommand(List.of("operator"), "operator",
                "lower the level of the current CLI session to operator", CliLevel.OPERATOR,
                (args, session, out) -> session.lowerLevel(CliLevel.OPERATOR)));
    }
}
