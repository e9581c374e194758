package dev.shuttle.log;

import dev.shuttle.config.LogTarget;
import dev.shuttle.lang.SyslogLevel;
import dev.shuttle.session.ConnectionErrorLog;
import dev.shuttle.stream.SessionObserver;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The process's own messages (startup, stop, signals), printed on stderr in HAProxy's layout while
 * in the foreground and sent to the global {@code log} targets, as HAProxy does; and the messages
 * about a proxy (its servers' state changes), sent to that proxy's targets.
 */
public final class ProcessMessages {
    /** Prints one message on the console in HAProxy's layout ({@code [ALERT]    (pid) : text}), or hides it. */
    @FunctionalInterface
    public interface Console {
        void print(SyslogLevel level, String text);
    }

    private final Console console;
    private final List<LogTarget> globalLogs;
    private final SyslogSender sender;

    /** @param console the standard error printer, which the process makes with its quiet setting */
    public ProcessMessages(Console console, List<LogTarget> globalLogs, SyslogSender sender) {
        this.console = console;
        this.globalLogs = globalLogs;
        this.sender = sender;
    }

    public void alert(String text) {
        console.print(SyslogLevel.ALERT, text);
        sender.send(globalLogs, SyslogLevel.ALERT, text);
    }

    public void warning(String text) {
        console.print(SyslogLevel.WARNING, text);
        sender.send(globalLogs, SyslogLevel.WARNING, text);
    }

    public void notice(String text) {
        console.print(SyslogLevel.NOTICE, text);
        sender.send(globalLogs, SyslogLevel.NOTICE, text);
    }

    /**
     * A message about one proxy, such as a server's state change: printed as a warning, and sent
     * to that proxy's own log targets at {@code level}, as HAProxy's ha_warning() and
     * send_log(proxy) do ({@code "Server be/s1 is going DOWN for maintenance. ..."}).
     */
    public void proxyWarning(List<LogTarget> proxyLogs, SyslogLevel level, String text) {
        console.print(SyslogLevel.WARNING, text);
        sender.send(proxyLogs, level, text);
    }

    /**
     * A proxy has no server left: an alert on the console ({@code backend 'be' has no server
     * available!}) and an emergency to the proxy's targets ({@code backend be has no server
     * available!}), as HAProxy's set_backend_down() says it.
     */
    public void backendDown(List<LogTarget> proxyLogs, String backendName) {
        console.print(SyslogLevel.ALERT, "backend '" + backendName + "' has no server available!");
        sender.send(proxyLogs, SyslogLevel.EMERG, "backend " + backendName + " has no server available!");
    }

    /** Log lines lost so far ({@code DroppedLogs}). */
    public long droppedLogs() {
        return sender.droppedLines();
    }

    /** The writer of HAProxy's error log line for connections that failed a stage (a TLS handshake). */
    public ConnectionErrorLog connectionErrorLog() {
        return new ConnectionErrorLines(sender);
    }

    /** The observer that writes each proxy's traffic log lines. */
    public SessionObserver sessionObserver() {
        return new TrafficLogWriter(sender);
    }
}
