package dev.shuttle.cli;

import dev.shuttle.config.StatsSocketConfig.CliLevel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The runtime API's command table. Features register their commands here; {@link BasicCommands}
 * holds the ones every session has.
 */
public final class CliCommands {
    private final List<CliCommand> commands = new ArrayList<>();

    public void register(CliCommand command) {
        commands.add(command);
    }

    /** The command whose words start {@code line}, the longest match winning ({@code show info} over {@code show}). */
    public Optional<CliCommand> find(List<String> line) {
        return commands.stream().filter(c -> c.matches(line))
                .max(Comparator.comparingInt(c -> c.words().size()));
    }

    /** The help lines of the commands allowed at {@code level}, sorted as HAProxy lists them. */
    public String help(CliLevel level) {
        StringBuilder out = new StringBuilder();
        commands.stream().filter(c -> c.level().compareTo(level) <= 0)
                .sorted(Comparator.comparing(CliCommand::usage))
                .forEach(c -> out.append(String.format("  %-39s : %s%n", c.usage(), c.summary())));
        return out.toString();
    }

    /** The standard table: the basic commands plus whatever the process registers. */
    public static CliCommands standard(ProcessView process) {
        CliCommands table = new CliCommands();
        BasicCommands.register(table, process);
        ServerCommands.register(table, process);
        ServerStateCommands.register(table, process);
        SslCommands.register(table, process);
        PatternCommands.register(table, process);
        FrontendCommands.register(table, process);
        VariableCommands.register(table, process);
        ServerOptionCommands.register(table, process);
        CookieCommands.register(table, process);
        return table;
    }
}
