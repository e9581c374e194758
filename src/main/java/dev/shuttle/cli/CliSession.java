package dev.shuttle.cli;

import dev.shuttle.config.StatsSocketConfig.CliLevel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One runtime API connection (management.txt §9.3): reads command lines, runs them, writes each
 * answer followed by an empty line. Without {@code prompt} it answers one line and closes, which
 * is how scripts and the test harness use it; with {@code prompt} it stays open and prints
 * {@code > } before each command.
 */
public final class CliSession {
    private final CliCommands table;
    private CliLevel level;
    private boolean interactive;
    private boolean quitting;

    public CliSession(CliCommands table, CliLevel level) {
        this.table = table;
        this.level = level;
    }

    /** Serves the connection until it ends; the caller closes the socket. */
    public void serve(Socket socket, long idleTimeoutMillis) throws IOException {
        socket.setSoTimeout((int) Math.min(idleTimeoutMillis, Integer.MAX_VALUE));
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        OutputStream out = socket.getOutputStream();
        try {
            do {
                if (interactive) {
                    out.write("> ".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
                String line = in.readLine();
                if (line == null) {
                    return;
                }
                Optional<String> payload = Optional.empty();
                if (line.stripTrailing().endsWith("<<")) {
                    // management.txt §9.3: "<<" ends the command; the payload runs to the first empty line.
                    String trimmed = line.stripTrailing();
                    line = trimmed.substring(0, trimmed.length() - 2);
                    payload = Optional.of(readPayload(in));
                }
                out.write(execute(line, payload).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } while (interactive && !quitting);
        } catch (SocketTimeoutException idle) {
            // 'stats timeout' reached: close the session as HAProxy does
        }
    }

    /** The lines of a payload, up to (not including) the first empty line or the end of the input. */
    private static String readPayload(BufferedReader in) throws IOException {
        StringBuilder payload = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null && !line.isEmpty()) {
            payload.append(line).append('\n');
        }
        return payload.toString();
    }

    /** Runs every command of one line ({@code ;}-separated) and returns the answers. */
    public String execute(String line) {
        return execute(line, Optional.empty());
    }

    /**
     * Runs every command of one line; a payload ({@code <<}) goes to the last command, as its last
     * argument.
     */
    public String execute(String line, Optional<String> payload) {
        StringBuilder answers = new StringBuilder();
        List<List<String>> commands = CliLine.split(line);
        for (int i = 0; i < commands.size(); i++) {
            List<String> command = commands.get(i);
            if (command.isEmpty() || quitting) {
                continue;
            }
            if (i == commands.size() - 1 && payload.isPresent()) {
                command = new ArrayList<>(command);
                command.add(payload.get());
            }
            StringBuilder out = new StringBuilder();
            run(command, out);
            answers.append(out);
            if (!quitting && !(command.getFirst().equals("prompt"))) {
                answers.append('\n');
            }
        }
        return answers.toString();
    }

    private void run(List<String> command, StringBuilder out) {
        Optional<CliCommand> found = table.find(command);
        if (found.isEmpty()) {
            out.append("Unknown command: '").append(String.join(" ", command))
                    .append("'. Please enter one of the following commands only:\n").append(help());
            return;
        }
        CliCommand cli = found.get();
        if (cli.level().compareTo(level) > 0) {
            out.append("Permission denied\n");
            return;
        }
        try {
            cli.handler().run(new ArrayList<>(command.subList(cli.words().size(), command.size())), this, out);
        } catch (CliException e) {
            out.setLength(0);
            out.append(e.getMessage()).append('\n');
        }
    }

    String help() {
        return "The following commands are valid at this level:\n" + table.help(level);
    }

    void toggleInteractive() {
        interactive = !interactive;
    }

    void quit() {
        quitting = true;
        interactive = false;
    }

    /** {@code user} and {@code operator} may only lower a session's level, never raise it. */
    void lowerLevel(CliLevel target) {
        if (target.compareTo(level) < 0) {
            level = target;
        }
    }

    /** The session's level now (commands that 3.5 lists to everyone but runs for some levels only check it). */
    CliLevel level() {
        return level;
    }

    /**
     * Whether {@code experimental-mode on} is in effect ({@code set var} needs it). Always false
     * here: the {@code experimental-mode} command comes with the session commands (merge: keep
     * theirs).
     */
    public boolean experimentalMode() {
        return false;
    }
}
