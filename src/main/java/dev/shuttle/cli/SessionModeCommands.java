package dev.shuttle.cli;

import dev.shuttle.config.StatsSocketConfig.CliLevel;
import java.util.List;
import java.util.function.Consumer;

/**
 * The runtime API commands that change the CLI session itself (management.txt §9.3): its
 * interactive and prompt modes ({@code prompt}), its expert and experimental modes, and its idle
 * timeout ({@code set timeout cli}). Answers and levels are HAProxy 3.5's; {@code help} does not
 * list the two modes, as HAProxy's does not. {@code mcli-debug-mode}
 * exists only on the master CLI, which Shuttle does not have: as on a 3.5 worker's socket, it is an
 * unknown command.
 */
final class SessionModeCommands {
    private static final String PROMPT_USAGE = """
            Usage: prompt [help | n | i | p | timed]*
            Changes the default prompt and interactive mode. Available options:
              help    display this help
              n       set to single-command mode (no prompt, single command)
              i       set to interactive mode only (no prompt, multi-command)
              p       set to prompt+interactive mode (prompt + multi-command)
              timed   toggle displaying the current date in the prompt
            Without any argument, toggles between n/i->p, p->n.
            """;
    /** The longest {@code set timeout cli} HAProxy takes: its timers count milliseconds in a signed int. */
    private static final long MAX_TIMEOUT_SECONDS = Integer.MAX_VALUE / 1000;

    private SessionModeCommands() {}

    static void register(CliCommands table, ProcessView process) {
        table.register(new CliCommand(List.of("prompt"), "prompt [help | n | i | p | timed ]*",
                "toggle interactive mode with prompt", CliLevel.USER,
                (args, session, out) -> prompt(args, session, process, out)));
        table.registerUnlisted(new CliCommand(List.of("expert-mode"), "expert-mode [on|off]",
                "toggle/show expert mode", CliLevel.ADMIN,
                (args, session, out) -> mode("expert-mode", args, session.expertMode(), session::expertMode, out)));
        table.registerUnlisted(new CliCommand(List.of("experimental-mode"), "experimental-mode [on|off]",
                "toggle/show experimental mode", CliLevel.ADMIN,
                (args, session, out) -> mode("experimental-mode", args, session.experimentalMode(),
                        session::experimentalMode, out)));
        table.register(new CliCommand(List.of("set", "timeout"), "set timeout [cli] <delay>",
                "change a timeout setting", CliLevel.USER,
                (args, session, out) -> setTimeout(args, session)));
    }

    /** {@code prompt [help|n|i|p|timed]*}: each word in turn; an unknown one (or help) prints the usage. */
    private static void prompt(List<String> args, CliSession session, ProcessView process, StringBuilder out) {
        if (args.isEmpty()) {
            session.togglePrompt();
            return;
        }
        for (String word : args) {
            switch (word) {
                case "n" -> session.interactiveMode(false, false);
                case "i" -> session.interactiveMode(true, false);
                case "p" -> session.interactiveMode(true, true);
                case "timed" -> session.toggleTimedPrompt(process.startTime());
                default -> {
                    out.append(PROMPT_USAGE);
                    return;
                }
            }
        }
    }

    /** {@code expert-mode} and {@code experimental-mode}: tell the mode, or turn it on or off; another word changes nothing. */
    private static void mode(String name, List<String> args, boolean current, Consumer<Boolean> set,
                             StringBuilder out) {
        if (args.isEmpty()) {
            out.append(name).append(" is ").append(current ? "ON" : "OFF").append('\n');
        } else if (args.getFirst().equals("on")) {
            set.accept(true);
        } else if (args.getFirst().equals("off")) {
            set.accept(false);
        }
    }

    /** {@code set timeout cli <delay>}: seconds unless a unit says otherwise, more than 0, within HAProxy's timer range. */
    private static void setTimeout(List<String> args, CliSession session) throws CliException {
        if (args.isEmpty() || !args.getFirst().equals("cli")) {
            throw new CliException("'set timeout' only supports 'cli'.");
        }
        if (args.size() < 2 || args.get(1).isEmpty()) {
            throw new CliException("Expects an integer value.");
        }
        session.idleTimeout(delayMillis(args.get(1)));
    }

    private static long delayMillis(String text) throws CliException {
        int digits = 0;
        while (digits < text.length() && Character.isDigit(text.charAt(digits))) {
            digits++;
        }
        if (digits == 0 || digits > 12) {
            throw new CliException("Invalid timeout value.");
        }
        long value = Long.parseLong(text.substring(0, digits));
        long millis = switch (text.substring(digits)) {
            case "", "s" -> value * 1000;
            case "ms" -> value;
            case "us" -> value / 1000;
            case "m" -> value * 60_000;
            case "h" -> value * 3_600_000;
            case "d" -> value * 86_400_000;
            default -> throw new CliException("Invalid timeout value.");
        };
        if (millis <= 0 || millis > MAX_TIMEOUT_SECONDS * 1000) {
            throw new CliException("Invalid timeout value.");
        }
        return millis;
    }
}
