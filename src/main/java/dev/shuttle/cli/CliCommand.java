package dev.shuttle.cli;

import dev.shuttle.config.StatsSocketConfig.CliLevel;
import java.util.List;

/**
 * One runtime API command: the words that name it, its help line, the level it needs, and what it does.
 *
 * @param words    the command's leading words, e.g. {@code ["show", "info"]}
 * @param usage    the help text's left column, e.g. {@code show info [desc|json|typed|float]*}
 * @param summary  the help text's right column
 */
public record CliCommand(List<String> words, String usage, String summary, CliLevel level, Handler handler) {
    /** Runs a command; whatever it writes to {@code out} is its answer. */
    @FunctionalInterface
    public interface Handler {
        void run(List<String> arguments, CliSession session, StringBuilder out) throws CliException;
    }

    public CliCommand {
        words = List.copyOf(words);
    }

    /** Whether {@code line} starts with this command's words. */
    public boolean matches(List<String> line) {
        return line.size() >= words.size() && line.subList(0, words.size()).equals(words);
    }
}
