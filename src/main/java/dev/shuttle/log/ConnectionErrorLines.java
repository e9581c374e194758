package dev.shuttle.log;

import dev.shuttle.config.LogTarget;
import dev.shuttle.lang.SyslogLevel;
import dev.shuttle.listener.Frontend;
import dev.shuttle.net.SocketAddresses;
import dev.shuttle.sample.ConnectionError;
import dev.shuttle.session.ConnectionErrorLog;
import dev.shuttle.session.Session;
import java.util.List;
import java.util.Optional;

/**
 * HAProxy's error log line for a connection that failed before any stream (configuration.txt
 * §8.2.5): {@code <client ip>:<port> [<accept date>] <frontend>/<listener>: <message>}, the message
 * being {@code fc_err_str}'s, followed for a TLS failure by the TLS library's reason in
 * parentheses ({@code SSL handshake failure (error:0A00010B:SSL routines::wrong version number)}).
 * Sent at {@code info} to the frontend's log targets, when the frontend logs with a format ({@code
 * option httplog}, {@code httpslog}, {@code tcplog}: without one HAProxy has no line for it either,
 * checked on 3.5); with {@code option dontlognull}, a connection on which the client sent nothing
 * is not logged.
 */
final class ConnectionErrorLines implements ConnectionErrorLog {
    private final SyslogSender sender;

    ConnectionErrorLines(SyslogSender sender) {
        this.sender = sender;
    }

    @Override
    public void failed(Session session, String listenerLabel, ConnectionError error, Optional<String> detail,
                       boolean anyByte) {
        Frontend frontend = session.frontend();
        List<LogTarget> targets = frontend.config().logs();
        boolean formatted = frontend.config().http().httpLog() || frontend.config().isOptionSet("tcplog");
        if (targets.isEmpty() || !formatted || (!anyByte && frontend.config().isOptionSet("dontlognull"))) {
            return;
        }
        sender.send(targets, SyslogLevel.INFO, line(session, listenerLabel, error, detail));
    }

    static String line(Session session, String listenerLabel, ConnectionError error, Optional<String> detail) {
        StringBuilder line = new StringBuilder(128);
        line.append(SocketAddresses.describe(session.clientAddress())).append(" [");
        HttpLogLine.appendDate(line, session.acceptedAtMillis()).append("] ");
        line.append(session.frontend().name()).append('/').append(listenerLabel).append(": ").append(error.message());
        detail.ifPresent(text -> line.append(" (").append(text).append(')'));
        return line.toString();
    }
}
