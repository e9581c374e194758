package dev.shuttle.log;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.LogTarget;
import dev.shuttle.lang.SyslogLevel;
import dev.shuttle.listener.Frontend;
import dev.shuttle.net.SocketAddresses;
import dev.shuttle.session.Session;
import dev.shuttle.stream.ExchangeRecord;
import dev.shuttle.stream.SessionObserver;
import dev.shuttle.stream.SessionRecord;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Writes the traffic log to each frontend's {@code log} targets (configuration.txt §8.2): with
 * {@code option tcplog}, one line per TCP session when it ends ({@code HAPROXY_TCP_LOG_FMT});
 * with {@code option httplog}, one line per HTTP exchange ({@link HttpLogLine}); with neither,
 * HAProxy's short line when the connection is accepted. {@code option dontlognull} drops
 * sessions in which the client sent nothing.
 */
final class TrafficLogWriter implements SessionObserver {
    private final SyslogSender sender;
    private final IntSupplier processConnections;

    TrafficLogWriter(SyslogSender sender, IntSupplier processConnections) {
        this.sender = sender;
        this.processConnections = processConnections;
    }

    @Override
    public void started(Session session) {
        Frontend frontend = session.frontend();
        List<LogTarget> targets = frontend.config().logs();
        if (targets.isEmpty() || frontend.config().isOptionSet("tcplog") || frontend.config().http().httpLog()) {
            return;
        }
        String line = "Connect from " + SocketAddresses.describe(session.clientAddress()) + " to "
                + SocketAddresses.describe(session.frontendAddress()) + " (" + frontend.name() + "/TCP)";
        sender.send(targets, SyslogLevel.INFO, line);
    }

    @Override
    public void ended(SessionRecord record) {
        Frontend frontend = record.frontend();
        List<LogTarget> targets = frontend.config().logs();
        if (targets.isEmpty() || !frontend.config().isOptionSet("tcplog")) {
            return;
        }
        if (frontend.config().isOptionSet("dontlognull") && record.bytesFromClient() == 0) {
            return;
        }
        sender.send(targets, SyslogLevel.INFO, tcpLogLine(record));
    }

    @Override
    public void exchangeEnded(ExchangeRecord record) {
        Frontend frontend = record.frontend();
        List<LogTarget> targets = frontend.config().logs();
        if (targets.isEmpty() || !frontend.config().http().httpLog()) {
            return;
        }
        boolean nothingReceived = record.requestLine().equals("<BADREQ>") && record.status() < 0;
        if (nothingReceived && frontend.config().isOptionSet("dontlognull")) {
            return;
        }
        // set-log-level: "silent" drops the line, another level replaces the usual "info".
        if (record.logLevel().filter(level -> level < 0).isPresent()) {
            return;
        }
        SyslogLevel level = record.logLevel().map(ordinal -> SyslogLevel.values()[ordinal]).orElse(SyslogLevel.INFO);
        sender.send(targets, level, HttpLogLine.format(record, processConnections.getAsInt()));
    }

    /** {@code %ci:%cp [%t] %ft %b/%s %Tw/%Tc/%Tt %B %ts %ac/%fc/%bc/%sc/%rc %sq/%bq}. */
    String tcpLogLine(SessionRecord r) {
        String backend = r.backend().map(Backend::name).orElse(r.frontend().name());
        String server = r.server() == null ? "<NOSRV>" : r.server().name();
        int backendConnections = r.backend().map(Backend::currentConnections).orElse(0);
        int serverConnections = r.server() == null ? 0 : r.server().currentConnections();
        return SocketAddresses.describe(r.clientAddress()) + " [" + HttpLogLine.date(r.acceptedAtMillis())
                + "] " + r.frontend().name() + (r.tls().isPresent() ? "~" : "") + " " + backend + "/" + server + " "
                + r.queueMillis() + "/" + r.connectMillis() + "/" + r.totalMillis() + " "
                + r.bytesToClient() + " " + r.terminationState().code() + " "
                + processConnections.getAsInt() + "/" + r.frontend().currentConnections() + "/" + backendConnections
                + "/" + serverConnections + "/" + (r.redispatched() ? "+" : "") + r.retries() + " 0/0";
    }
}
