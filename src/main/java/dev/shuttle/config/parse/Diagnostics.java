package dev.shuttle.config.parse;

import dev.shuttle.lang.ConfigException;
import dev.shuttle.lang.SourceLocation;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects and prints the messages of configuration loading in HAProxy's layout.
 *
 * <p>Each message is printed as it arrives, e.g.
 * {@code [ALERT]    (4242) : config : parsing [x.cfg:8] : unknown keyword 'bogus' in 'frontend' section},
 * so that a user sees them in file order; the counts then decide whether loading failed. Quiet
 * mode ({@code -q}) hides notices and warnings but never alerts.
 */
public final class Diagnostics {
    /** Message levels, in HAProxy's words. */
    public enum Level { ALERT, WARNING, NOTICE, DIAG }

    /** One printed message, kept for tests and for the final verdict. */
    public record Message(Level level, String text) {}

    private final PrintStream out;
    private final long pid;
    private final boolean quiet;
    private final boolean diagnosticMode;
    /** The messages so far, while loading (one thread); null for a running process's console, which keeps none. */
    private final List<Message> messages;

    public Diagnostics(PrintStream out, long pid, boolean quiet, boolean diagnosticMode) {
        this(out, pid, quiet, diagnosticMode, new ArrayList<>());
    }

    private Diagnostics(PrintStream out, long pid, boolean quiet, boolean diagnosticMode, List<Message> messages) {
        this.out = out;
        this.pid = pid;
        this.quiet = quiet;
        this.diagnosticMode = diagnosticMode;
        this.messages = messages;
    }

    /**
     * The running process's console: prints each message and keeps none, so that the threads that
     * report at run time (checks, the log sender, the runtime API) share nothing but the stream,
     * whose every print is whole, and a daemon's warnings do not pile up for its life.
     */
    public static Diagnostics console(PrintStream out, long pid, boolean quiet) {
        return new Diagnostics(out, pid, quiet, false, null);
    }

    /** A silent collector, for tests and for re-parsing where only the verdict matters. */
    public static Diagnostics collecting() {
        return new Diagnostics(null, ProcessHandle.current().pid(), true, false);
    }

    /** An error about a line: loading will fail. */
    public void alert(SourceLocation where, String text) {
        emit(Level.ALERT, "config : parsing [" + where + "] : " + text);
    }

    /** An error about a line, its place written as the refusal says (HAProxy writes a few without the space). */
    public void alert(SourceLocation where, ConfigException refusal) {
        if (refusal.place() == ConfigException.Place.CONTEXT) {
            emit(Level.ALERT, "config : [" + where + "] : " + refusal.getMessage());
            return;
        }
        String separator = refusal.place() == ConfigException.Place.TIGHT ? "]: " : "] : ";
        emit(Level.ALERT, "config : parsing [" + where + separator + refusal.getMessage());
    }

    /** A suspicious line that is accepted anyway. */
    public void warning(SourceLocation where, String text) {
        emit(Level.WARNING, "config : parsing [" + where + "] : " + text);
    }

    /** Information about a line, such as a keyword accepted but not needed by Shuttle. */
    public void notice(SourceLocation where, String text) {
        emit(Level.NOTICE, "config : parsing [" + where + "] : " + text);
    }

    /** A diagnostic, only printed in diagnostic mode ({@code -dD}), as {@code .diag} lines are. */
    public void diag(SourceLocation where, String text) {
        if (diagnosticMode) {
            emit(Level.DIAG, "config : parsing [" + where + "] : " + text);
        }
    }

    /**
     * The text of a {@code .diag}, {@code .notice}, {@code .warning} or {@code .alert} line, which
     * HAProxy prints quoted and without a space before the colon: {@code parsing [x.cfg:3]: 'text'.}
     */
    public void directive(Level level, SourceLocation where, String text) {
        if (level != Level.DIAG || diagnosticMode) {
            emit(level, "config : parsing [" + where + "]: '" + text + "'.");
        }
    }

    /** A message about the configuration as a whole, not about one line. */
    public void emit(Level level, String text) {
        if (messages != null) {
            messages.add(new Message(level, text));
        }
        boolean hidden = quiet && level != Level.ALERT;
        if (out != null && !hidden) {
            // One write per message, so that concurrent output never splits a line.
            out.print(String.format("%-10s (%d) : %s%n", "[" + level + "]", pid, text));
            out.flush();
        }
    }

    /** How many messages of {@code level} came while loading (none are kept by a {@link #console}). */
    public int count(Level level) {
        if (messages == null) {
            return 0;
        }
        return (int) messages.stream().filter(m -> m.level() == level).count();
    }

    public boolean hasAlerts() {
        return count(Level.ALERT) > 0;
    }

    public List<Message> messages() {
        return messages == null ? List.of() : List.copyOf(messages);
    }
}
