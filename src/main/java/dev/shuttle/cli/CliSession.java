package dev.shuttle.cli;

import dev.shuttle.config.StatsSocketConfig.CliLevel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One runtime API connection (management.txt §9.3): reads command lines, runs them, writes each
 * answer followed by an empty line. Without {@code prompt} it answers one line and closes, which
 * is how scripts and the test harness use it; in interactive mode ({@code prompt i}) it stays
 * open; in prompt mode ({@code prompt p}, or {@code prompt} alone) it also prints {@code > } (with
 * {@code prompt timed}, the process's uptime before it) when it waits for a command. A session may
 * also enter the expert and experimental modes, and change its own idle timeout ({@code set
 * timeout cli}).
 */
public final class CliSession {
    private final CliCommands table;
    private CliLevel level;
    private boolean interactive;
    /** In interactive mode, whether a prompt is printed before each command. */
    private boolean prompt;
    /** With {@code prompt timed}: the process's start, whose uptime the prompt shows; else null. */
    private Instant timedSince;
    private boolean quitting;
    private boolean expertMode;
    private boolean experimentalMode;
    /** The connection while {@link #serve} runs, whose timeout {@code set timeout cli} changes; else null. */
    private Socket socket;

    public CliSession(CliCommands table, CliLevel level) {
        this.table = table;
        this.level = level;
    }

    /** Serves the connection until it ends; the caller closes the socket. */
    public void serve(Socket socket, long idleTimeoutMillis) throws IOException {
        socket.setSoTimeout((int) Math.min(idleTimeoutMillis, Integer.MAX_VALUE));
        this.socket = socket;
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        OutputStream out = socket.getOutputStream();
        try {
            do {
                if (interactive && prompt) {
                    out.write(promptText().getBytes(StandardCharsets.ISO_8859_1));
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
            if (!quitting) {
                answers.append('\n'); // HAProxy 3.5 ends every answer so, that of 'prompt' too
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

    /** {@code help <words>}: the commands whose words start with these, then those always listed; all when none match. */
    String help(List<String> words) {
        return words.isEmpty() ? help() : "The following commands are valid at this level:\n" + table.help(level, words);
    }

    /** {@code prompt} alone: from the non-interactive or interactive mode to the prompt mode, from there back to non-interactive. */
    void togglePrompt() {
        boolean toPrompt = !(interactive && prompt);
        interactive = toPrompt;
        prompt = toPrompt;
    }

    /** {@code prompt n|i|p}: non-interactive, interactive without prompt, interactive with prompt. */
    void interactiveMode(boolean stayOpen, boolean withPrompt) {
        interactive = stayOpen;
        prompt = withPrompt;
    }

    /** {@code prompt timed}: the prompt shows the uptime of a process started at {@code start}, or stops showing it. */
    void toggleTimedPrompt(Instant start) {
        timedSince = timedSince == null ? start : null;
    }

    /** {@code > }, or {@code [<days>:<hh>:<mm>:<ss>]> } with the process's uptime when timed. */
    private String promptText() {
        if (timedSince == null) {
            return "> ";
        }
        long up = Math.max(0, Duration.between(timedSince, Instant.now()).toSeconds());
        return String.format("[%d:%02d:%02d:%02d]> ", up / 86400, up / 3600 % 24, up / 60 % 60, up % 60);
    }

    void quit() {
        quitting = true;
        interactive = false;
    }

    /** The session's level now, for commands whose arguments need more than the command's own level. */
    CliLevel level() {
        return level;
    }

    /**
     * {@code user} and {@code operator} may only lower a session's level, never raise it; either
     * leaves the expert and experimental modes (management.txt, "operator").
     */
    void lowerLevel(CliLevel target) {
        if (target.compareTo(level) < 0) {
            level = target;
        }
        expertMode = false;
        experimentalMode = false;
    }

    /** Whether {@code expert-mode on} is in effect: commands for developers are allowed. */
    public boolean expertMode() {
        return expertMode;
    }

    /** Whether {@code experimental-mode on} is in effect: commands still in development are allowed. */
    public boolean experimentalMode() {
        return experimentalMode;
    }

    void expertMode(boolean on) {
        expertMode = on;
    }

    void experimentalMode(boolean on) {
        experimentalMode = on;
    }

    /** {@code set timeout cli}: the idle time after which this session closes, from now on. */
    void idleTimeout(long millis) throws CliException {
        if (socket == null) {
            return; // a session without a connection (tests) has no timeout to change
        }
        try {
            socket.setSoTimeout((int) Math.min(millis, Integer.MAX_VALUE));
        } catch (SocketException e) {
            throw new CliException("Can't change the timeout: " + e.getMessage() + ".");
        }
    }
}
