package dev.shuttle.log;

import dev.shuttle.config.parse.Diagnostics;
import dev.shuttle.config.LogTarget;
import dev.shuttle.lang.SyslogLevel;
import dev.shuttle.stream.SessionObserver;
import java.io.PrintStream;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The process's own messages (startup, stop, signals), printed on stderr in HAProxy's layout while
 * in the foreground and sent to the global {@code log} targets, as HAProxy does.
 */
public final class ProcessMessages {
    private final Diagnostics console;
    private final List<LogTarget> globalLogs;
    private final SyslogSender sender;

    public ProcessMessages(PrintStream stderr, boolean quiet, List<LogTarget> globalLogs, SyslogSender sender) {
        this.console = new Diagnostics(stderr, ProcessHandle.current().pid(), quiet, false);
        this.globalLogs = globalLogs;
        this.sender = sender;
    }

    public void alert(String text) {
        console.emit(Diagnostics.Level.ALERT, text);
        sender.send(globalLogs, SyslogLevel.ALERT, text);
    }

    public void warning(String text) {
        console.emit(Diagnostics.Level.WARNING, text);
        sender.send(globalLogs, SyslogLevel.WARNING, text);
    }

    public void notice(String text) {
        console.emit(Diagnostics.Level.NOTICE, text);
        sender.send(globalLogs, SyslogLevel.NOTICE, text);
    }

    /** Log lines lost so far ({@code DroppedLogs}). */
    public long droppedLogs() {
        return sender.droppedLines();
    }

    /** The observer that writes each proxy's traffic log lines; {@code processConnections} is {@code %ac}. */
    public SessionObserver sessionObserver(IntSupplier processConnections) {
        return new TrafficLogWriter(sender, processConnections);
    }
}
