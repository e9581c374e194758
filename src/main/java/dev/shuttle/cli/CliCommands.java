package dev.shuttle.cli;

import dev.shuttle.config.StatsSocketConfig.CliLevel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The runtime API's command table. Features register their commands here; {@link BasicCommands}
 * holds the ones every session has.
 */
public final class CliCommands {
    /** The commands HAProxy's help lists after all others, in this order. */
    private static final List<String> LISTED_LAST = List.of("help", "prompt", "quit");

    private final List<CliCommand> commands = new ArrayList<>();
    /** Commands that {@code help} does not list, as HAProxy hides {@code expert-mode} (management.txt). */
    private final List<CliCommand> unlisted = new ArrayList<>();

    public void register(CliCommand command) {
        commands.add(command);
    }

    /** Registers a command that runs as any other but that {@code help} does not list. */
    public void registerUnlisted(CliCommand command) {
        unlisted.add(command);
    }

    /** The command whose words start {@code line}, the longest match winning ({@code show info} over {@code show}). */
    public Optional<CliCommand> find(List<String> line) {
        return Stream.concat(commands.stream(), unlisted.stream()).filter(c -> c.matches(line))
                .max(Comparator.comparingInt(c -> c.words().size()));
    }

    /** The help lines of the commands allowed at {@code level}, sorted as HAProxy lists them. */
    public String help(CliLevel level) {
        return help(level, List.of());
    }

    /**
     * The help lines of the commands allowed at {@code level} whose words start with {@code words}
     * (all of them when {@code words} is empty or names none), sorted, then those of the commands
     * HAProxy 3.5 always lists last: {@code help}, {@code prompt}, {@code quit}.
     */
    public String help(CliLevel level, List<String> words) {
        List<CliCommand> allowed = commands.stream().filter(c -> c.level().compareTo(level) <= 0).toList();
        List<CliCommand> matching = allowed.stream()
                .filter(c -> !LISTED_LAST.contains(c.words().getFirst()) && startsWith(c, words)).toList();
        if (matching.isEmpty()) {
            matching = allowed.stream().filter(c -> !LISTED_LAST.contains(c.words().getFirst())).toList();
        }
        StringBuilder out = new StringBuilder();
        matching.stream().sorted(Comparator.comparing(CliCommand::usage)).forEach(c -> line(c, out));
        for (String last : LISTED_LAST) {
            allowed.stream().filter(c -> c.words().equals(List.of(last))).forEach(c -> line(c, out));
        }
        return out.toString();
    }

    private static boolean startsWith(CliCommand command, List<String> words) {
        return command.words().size() >= words.size() && command.words().subList(0, words.size()).equals(words);
    }

    private static void line(CliCommand command, StringBuilder out) {
        out.append(String.format("  %-39s : %s%n", command.usage(), command.summary()));
    }

    /** The standard table: the basic commands plus whatever the process registers. */
    public static CliCommands standard(ProcessView process) {
        CliCommands table = new CliCommands();
        BasicCommands.register(table, process);
        ServerCommands.register(table, process);
        ServerStateCommands.register(table, process);
        SslCommands.register(table, process);
        DynamicServerCommands.register(table, process);
        StreamCommands.register(table, process);
        BackendListCommands.register(table, process);
        ErrorCommands.register(table, process);
        ProcessStateCommands.register(table, process);
        SessionModeCommands.register(table, process);
        StatCommands.register(table, process);
        InfoCommands.register(table, process);
        PatternCommands.register(table, process);
        FrontendCommands.register(table, process);
        VariableCommands.register(table, process);
        BackendPublicationCommands.register(table, process);
        CheckCommands.register(table, process);
        DynamicBackendCommands.register(table, process);
        CookieCommands.register(table, process);
        return table;
    }
}
