package dev.shuttle.log;

import dev.shuttle.config.LogProfile;
import dev.shuttle.config.LogSettings;
import dev.shuttle.config.LogStep;
import dev.shuttle.config.LogTarget;
import dev.shuttle.lang.SyslogLevel;
import dev.shuttle.listener.Frontend;
import dev.shuttle.net.SocketAddresses;
import dev.shuttle.sample.ConnectionError;
import dev.shuttle.sample.LogDates;
import dev.shuttle.sample.LogFormat;
import dev.shuttle.sample.Phase;
import dev.shuttle.sample.StreamlessFacts;
import dev.shuttle.session.ConnectionErrorLog;
import dev.shuttle.session.Session;
import dev.shuttle.stream.StreamNumbers;
import java.util.List;
import java.util.Optional;

/**
 * HAProxy's error log line for a connection that failed before any stream (configuration.txt
 * §8.2.5): the frontend's {@code error-log-format} when it has one, else the fixed line
 * {@code <client ip>:<port> [<accept date>] <frontend>/<listener>: <message>}, the message being
 * {@code fc_err_str}'s, followed for a TLS failure by the TLS library's reason in parentheses
 * ({@code SSL handshake failure (error:0A00010B:SSL routines::wrong version number)}). Sent at
 * {@code info} ({@code err} with {@code option log-separate-errors}) to the frontend's log
 * targets, when the frontend logs with a format ({@code log-format}, {@code option httplog}...:
 * without one HAProxy has no line for it either, checked on 3.5); with {@code option
 * dontlognull}, a connection on which the client sent nothing is not logged.
 */
final class ConnectionErrorLines implements ConnectionErrorLog {
    private final SyslogSender sender;
    /** Makes the lines of the do-log rules that run before the stream, as it makes a stream's. */
    private final TrafficLogWriter ruleLines;

    ConnectionErrorLines(SyslogSender sender) {
        this.sender = sender;
        this.ruleLines = new TrafficLogWriter(sender);
    }

    /**
     * The line of a {@code tcp-request connection|session do-log} rule (configuration.txt,
     * "do-log"): the frontend's format over what the connection has, as 3.5 prints it (checked
     * live): no stream yet, so the backend is the frontend, no server, status 0, state {@code PR}, no
     * request ({@code <BADREQ>}), {@code %Th} -1 until the connection's handshakes are done (at
     * {@code tcp-req-sess} they are); the line takes a stream number ({@code %rt}) as 3.5's does.
     */
    @Override
    public void ruleStep(Session session, String step, Optional<String> profile) {
        Optional<LogStep> reached = LogStep.fromKeyword(step);
        if (reached.isEmpty()) {
            return;
        }
        Frontend frontend = session.frontend();
        long sinceAccept = (System.nanoTime() - session.acceptedNanos()) / 1_000_000;
        long handshake = reached.get() == LogStep.TCP_REQ_CONN ? -1 : sinceAccept;
        StreamlessFacts facts = new StreamlessFacts(session.acceptedAtMillis(), handshake, 0, sinceAccept, "PR",
                frontend.name(), "<NOSRV>", frontend.currentConnections(), 0, 0, frontend.logCount(), step,
                StreamNumbers.next());
        ruleLines.logStep(reached.get(), frontend, facts, session.context(), true,
                profile.map(frontend.config().logging().profiles()::get));
    }

    @Override
    public void failed(Session session, String listenerLabel, ConnectionError error, Optional<String> detail,
                       boolean anyByte) {
        Frontend frontend = session.frontend();
        List<LogTarget> targets = frontend.config().logs();
        LogSettings logging = frontend.config().logging();
        if (targets.isEmpty() || logging.format().isEmpty()
                || (!anyByte && frontend.config().isOptionSet("dontlognull"))) {
            return;
        }
        SyslogLevel level = logging.separateErrors() ? SyslogLevel.ERR : SyslogLevel.INFO;
        List<LogTarget> plain = targets.stream().filter(target -> target.profile().isEmpty()).toList();
        if (!plain.isEmpty()) {
            sender.send(plain, new LogMessage(level, logging.tag(),
                    render(session, logging.errorFormat(), listenerLabel, error, detail), ""));
        }
        // A target's log profile may drop the error line or give it its own format (configuration.txt §8.3.5).
        for (LogTarget target : targets) {
            if (target.profile().isEmpty()) {
                continue;
            }
            LogProfile profile = target.profile().get();
            Optional<LogProfile.Override> override = profile.at(LogStep.ERROR);
            if (override.map(LogProfile.Override::drop).orElse(false)) {
                continue;
            }
            Optional<LogFormat> format = override.flatMap(LogProfile.Override::format).or(logging::errorFormat);
            sender.send(List.of(target), new LogMessage(level, profile.tag().or(logging::tag),
                    render(session, format, listenerLabel, error, detail), ""));
        }
        frontend.countLog();
    }

    /**
     * What a connection without a stream has to log (HAProxy fills a temporary stream log the
     * same way): its accept date, its handshake until now, the frontend as backend, no server,
     * and the state {@code PR}.
     */
    private static StreamlessFacts embryonic(Session session) {
        long sinceAccept = (System.nanoTime() - session.acceptedNanos()) / 1_000_000;
        return new StreamlessFacts(session.acceptedAtMillis(), sinceAccept, 0, sinceAccept, "PR",
                session.frontend().name(), "<NOSRV>", session.frontend().currentConnections(), 0, 0,
                session.frontend().logCount(), "sess_error", 0);
    }

    /** The error line in {@code format} ({@code error-log-format}), else HAProxy's fixed one. */
    private static CharSequence render(Session session, Optional<LogFormat> format, String listenerLabel,
                                       ConnectionError error, Optional<String> detail) {
        if (format.isEmpty()) {
            return line(session, listenerLabel, error, detail);
        }
        StringBuilder custom = new StringBuilder(128);
        Phase phase = session.context().phase();
        session.context().phase(Phase.LOG);
        try {
            format.get().renderTo(custom, session.context(), embryonic(session), true);
        } finally {
            session.context().phase(phase);
        }
        return custom;
    }

    static String line(Session session, String listenerLabel, ConnectionError error, Optional<String> detail) {
        StringBuilder line = new StringBuilder(128);
        line.append(SocketAddresses.describe(session.clientAddress())).append(" [");
        LogDates.appendLocalMillis(line, session.acceptedAtMillis()).append("] ");
        line.append(session.frontend().name()).append('/').append(listenerLabel).append(": ").append(error.message());
        detail.ifPresent(text -> line.append(" (").append(text).append(')'));
        return line.toString();
    }
}
