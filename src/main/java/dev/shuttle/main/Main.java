package dev.shuttle.main;

import dev.shuttle.check.LogServerCheck;
import dev.shuttle.config.Configuration;
import dev.shuttle.config.parse.Condition;
import dev.shuttle.config.parse.ConditionContext;
import dev.shuttle.config.parse.ConditionException;
import dev.shuttle.config.parse.ConfigLoader;
import dev.shuttle.config.parse.Diagnostics;
import dev.shuttle.config.parse.KeywordRegistry;
import dev.shuttle.config.parse.Variables;
import dev.shuttle.lang.SyslogLevel;
import dev.shuttle.log.CheckedLogServer;
import dev.shuttle.log.LogClock;
import dev.shuttle.log.ProcessMessages;
import dev.shuttle.log.SyslogSender;
import dev.shuttle.logfwd.LogForwarders;
import dev.shuttle.server.CheckReport;
import dev.shuttle.version.VersionReport;
import java.io.IOException;
import java.io.PrintStream;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Shuttle's entry point, with HAProxy's command line: check, evaluate a condition, print the
 * version, or load the configuration and serve until a signal stops the process.
 *
 * <p>Exit statuses follow haproxy: 0 on success and after a requested stop, 1 for a bad command
 * line or configuration, and for {@code -cc} 0 (true), 1 (false) or 2 (unparsable).
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        StopRequest stop = new StopRequest();
        int status;
        try {
            status = run(args, System.out, System.err, stop);
        } catch (InterruptedException e) {
            status = 0;
        } catch (RuntimeException | Error e) {
            System.err.printf("%-10s (%d) : internal error: %s%n", "[ALERT]", ProcessHandle.current().pid(), e);
            status = 1;
        }
        System.out.flush();
        System.err.flush();
        // After a hard stop asked by SIGTERM or SIGINT, the process ends by that signal, as HAProxy's does.
        stop.hardStopSignal().ifPresent(first -> Signals.terminateBy(() -> stop.hardStopSignal().orElse(first)));
        System.exit(status);
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        return run(args, out, err, new StopRequest());
    }

    private static int run(String[] args, PrintStream out, PrintStream err, StopRequest stop)
            throws InterruptedException {
        CommandLine commandLine;
        try {
            commandLine = CommandLine.parse(args);
        } catch (CommandLine.UsageException e) {
            alert(err, e.getMessage());
            err.print(CommandLine.USAGE);
            return 1;
        }
        if (commandLine.version() > 0) {
            VersionReport.print(out, commandLine.version() > 1);
            return 0;
        }
        Variables variables = Variables.fromProcessEnvironment();
        commandLine.localPeer().ifPresent(name -> variables.set("HAPROXY_LOCALPEER", name));
        if (commandLine.condition().isPresent()) {
            return evaluateCondition(commandLine.condition().get(), variables, commandLine.serverVerifyNone(), err);
        }
        if (commandLine.configFiles().isEmpty()) {
            alert(err, "No configuration file specified.");
            err.print(CommandLine.USAGE);
            return 1;
        }
        if (!commandLine.check()) {
            stop.installSignalHandlers();
        }
        Diagnostics diagnostics = new Diagnostics(err, ProcessHandle.current().pid(),
                commandLine.quiet() && !commandLine.verbose(), commandLine.diagnostics());
        Optional<Configuration> loaded = new ConfigLoader(KeywordRegistry.standard())
                .serverVerifyNone(commandLine.serverVerifyNone())
                .load(commandLine.resolvedConfigFiles(), variables, diagnostics);
        boolean warningsAreFatal = commandLine.zeroWarning() && diagnostics.count(Diagnostics.Level.WARNING) > 0;
        if (loaded.isEmpty() || warningsAreFatal) {
            diagnostics.emit(Diagnostics.Level.ALERT, "config : Fatal errors found in configuration.");
            return 1;
        }
        if (commandLine.check()) {
            if (diagnostics.count(Diagnostics.Level.WARNING) > 0) {
                out.println("Warnings were found.");
            }
            out.println("Configuration file is valid");
            return 0;
        }
        return serve(commandLine, loaded.get(), stop, err);
    }

    private static int serve(CommandLine commandLine, Configuration configuration, StopRequest stop, PrintStream err)
            throws InterruptedException {
        boolean daemon = (commandLine.daemon() || configuration.global().daemon()) && !commandLine.foreground();
        if (daemon && !Daemon.isDetachedChild()) {
            return Daemon.detach(err);
        }
        int threads = CarrierThreads.configure(configuration.global().nbthread());
        SyslogSender sender;
        try {
            sender = new SyslogSender(configuration.logSetup(), LogClock.system());
        } catch (IOException e) {
            alert(err, "cannot open a socket for logs: " + e.getMessage());
            return 1;
        }
        Diagnostics console = Diagnostics.console(err, ProcessHandle.current().pid(), commandLine.quiet());
        sender.reportFailuresTo(text -> console.emit(Diagnostics.Level.ALERT, text));
        ProcessMessages messages = new ProcessMessages((level, text) -> console.emit(consoleLevel(level), text),
                configuration.global().logs(), sender);
        ShuttleProcess process = new ShuttleProcess(configuration, messages, stop, commandLine.maxconn(), threads);
        sender.reportServerStatesTo(text -> console.emit(Diagnostics.Level.WARNING, text),
                text -> console.emit(Diagnostics.Level.ALERT, text));
        sender.reportRenamesTo(text -> console.emit(Diagnostics.Level.NOTICE, text));
        process.checkLogServers(logServerChecks(sender));
        process.showLogBackends(sender::logBackendStats, sender);
        stop.onHangUp(() -> messages.notice("SIGHUP received: Shuttle does not reload yet; nothing was changed."));
        if (stop.current() == StopRequest.Kind.HARD) {
            return 0;
        }
        if (!process.start()) {
            messages.alert("[shuttle.main()] Some protocols failed to start their listeners! Exiting.");
            return 1;
        }
        LogForwarders forwarders;
        try {
            forwarders = LogForwarders.start(configuration.logSetup().forwarders(), sender, LogClock.system());
        } catch (IOException e) {
            messages.alert(e.getMessage());
            messages.alert("[shuttle.main()] Some protocols failed to start their listeners! Exiting.");
            return 1;
        }
        Optional<Path> pidfile = commandLine.pidfile().or(() -> configuration.global().pidfile());
        if (!Pidfile.write(pidfile, err)) {
            return 1;
        }
        if (Daemon.isDetachedChild()) {
            Daemon.reportReady();
        }
        new HeapTrimmer().start();
        try {
            return process.run(configuration.global().graceMillis(), configuration.global().hardStopAfterMillis());
        } finally {
            Pidfile.remove(pidfile);
            forwarders.close();
            sender.close();
        }
    }

    private static int evaluateCondition(String expression, Variables variables, boolean serverVerifyNone,
            PrintStream err) {
        try {
            ConditionContext context = ConditionContext.standard(variables, () -> serverVerifyNone);
            return Condition.evaluate(expression, variables, context) ? 0 : 1;
        } catch (ConditionException e) {
            alert(err, "config : Failed to evaluate condition: " + e.getMessage());
            return 2;
        }
    }

    /** A connect check for each log backend's server declared with {@code check}, reporting to its backend. */
    private static List<LogServerCheck> logServerChecks(SyslogSender sender) {
        List<LogServerCheck> checks = new ArrayList<>();
        for (CheckedLogServer server : sender.checkedServers()) {
            LogServerCheck check = new LogServerCheck(server.qualifiedName(), server.proxyId(), server::checkTarget,
                    server::checkEnabled, server.settings(), new LogServerCheck.Listener() {
                        @Override
                        public void changed(boolean up, String reason) {
                            server.healthChanged(up, reason);
                        }

                        @Override
                        public void checked(CheckReport report, boolean failedWhileUp) {
                            server.checked(report, failedWhileUp);
                        }
                    });
            server.countersSetBy(check::force);
            checks.add(check);
        }
        return checks;
    }

    /** The console level of a process message, which HAProxy prints as an alert, a warning or a notice. */
    private static Diagnostics.Level consoleLevel(SyslogLevel level) {
        return switch (level) {
            case EMERG, ALERT, CRIT, ERR -> Diagnostics.Level.ALERT;
            case WARNING -> Diagnostics.Level.WARNING;
            case NOTICE, INFO, DEBUG -> Diagnostics.Level.NOTICE;
        };
    }

    private static void alert(PrintStream err, String text) {
        err.printf("%-10s (%d) : %s%n", "[ALERT]", ProcessHandle.current().pid(), text);
    }
}
