package dev.shuttle.log;

import dev.shuttle.config.LogSettings;
import dev.shuttle.config.LogTarget;
import dev.shuttle.config.ProxyMode;
import dev.shuttle.lang.SyslogLevel;
import dev.shuttle.listener.Frontend;
import dev.shuttle.net.SocketAddresses;
import dev.shuttle.sample.LogFacts;
import dev.shuttle.sample.LogFormat;
import dev.shuttle.sample.Phase;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.session.Session;
import dev.shuttle.stream.ExchangeRecord;
import dev.shuttle.stream.SessionObserver;
import dev.shuttle.stream.SessionRecord;
import dev.shuttle.stream.TerminationState;
import java.util.List;
import java.util.Optional;

/**
 * Writes the traffic log to each frontend's {@code log} targets (configuration.txt §8.2): one line
 * per stream (an HTTP exchange, or a TCP session) in the frontend's format ({@code log-format},
 * or the format of {@code option httplog}, {@code httpslog}, {@code tcplog}), with its {@code
 * log-format-sd} structured data and {@code log-tag}; without a format, HAProxy's short line when
 * the connection is accepted (§8.2.1). The options of §8.3 decide whether and at which level:
 * {@code dontlognull} drops streams in which the client sent nothing, {@code dontlog-normal}
 * those that ended well, and {@code log-separate-errors} raises the others to {@code err};
 * {@code set-log-level} has the last word.
 */
final class TrafficLogWriter implements SessionObserver {
    private final SyslogSender sender;

    TrafficLogWriter(SyslogSender sender) {
        this.sender = sender;
    }

    @Override
    public void started(Session session) {
        Frontend frontend = session.frontend();
        List<LogTarget> targets = frontend.config().logs();
        if (targets.isEmpty() || frontend.config().logging().format().isPresent()) {
            return;
        }
        String line = "Connect from " + SocketAddresses.describe(session.clientAddress()) + " to "
                + SocketAddresses.describe(session.frontendAddress()) + " (" + frontend.name() + "/"
                + (frontend.config().mode() == ProxyMode.HTTP ? "HTTP" : "TCP") + ")";
        sender.send(targets, new LogMessage(SyslogLevel.INFO, frontend.config().logging().tag(), line, ""));
        frontend.countLog();
    }

    @Override
    public void ended(SessionRecord record) {
        Frontend frontend = record.frontend();
        if (record.facts() == null || (frontend.config().logs().isEmpty())) {
            return;
        }
        if (frontend.config().isOptionSet("dontlognull") && record.bytesFromClient() == 0) {
            return;
        }
        boolean error = isError(record.terminationState(), record.retries(), record.redispatched(), -1);
        log(frontend, record.facts(), record.context(), error, Optional.empty(), false);
    }

    @Override
    public void exchangeEnded(ExchangeRecord record) {
        Frontend frontend = record.frontend();
        if (record.facts() == null || frontend.config().logs().isEmpty()) {
            return;
        }
        boolean nothingReceived = record.requestLine().equals("<BADREQ>") && record.status() < 0;
        if (nothingReceived && frontend.config().isOptionSet("dontlognull")) {
            return;
        }
        boolean error = isError(record.terminationState(), record.retries(), record.redispatched(), record.status());
        boolean httpBackend = record.backend().map(b -> b.config().mode() == ProxyMode.HTTP).orElse(true);
        log(frontend, record.facts(), record.context(), error, record.logLevel(), httpBackend);
    }

    /**
     * Whether a stream ended badly (configuration.txt §8.3.3 and §8.3.4): an error beyond a local
     * processing, a redispatch, retries, or a 5xx status.
     */
    static boolean isError(TerminationState state, int retries, boolean redispatched, int status) {
        TerminationState.Cause cause = state.cause();
        boolean abnormal = cause != TerminationState.Cause.NONE && cause != TerminationState.Cause.LOCAL;
        return abnormal || redispatched || (cause == TerminationState.Cause.NONE && retries > 0) || status >= 500;
    }

    private void log(Frontend frontend, LogFacts facts, SampleContext context, boolean error,
                     Optional<Integer> ruleLevel, boolean httpBackend) {
        LogSettings logging = frontend.config().logging();
        if (logging.format().isEmpty() || (logging.dontLogNormal() && !error)) {
            return;
        }
        SyslogLevel level = error && logging.separateErrors() ? SyslogLevel.ERR : SyslogLevel.INFO;
        if (ruleLevel.isPresent()) {
            if (ruleLevel.get() < 0) {
                return; // set-log-level silent
            }
            level = SyslogLevel.values()[ruleLevel.get()];
        }
        Phase phase = context.phase();
        context.phase(Phase.LOG);
        try {
            StringBuilder line = render(logging.format().get(), context, facts, httpBackend);
            CharSequence structuredData = logging.structuredData()
                    .map(format -> (CharSequence) render(format, context, facts, httpBackend)).orElse("");
            sender.send(frontend.config().logs(), new LogMessage(level, logging.tag(), line, structuredData));
            frontend.countLog();
        } finally {
            context.phase(phase);
        }
    }

    private static StringBuilder render(LogFormat format, SampleContext context, LogFacts facts, boolean httpBackend) {
        StringBuilder line = new StringBuilder(256);
        format.renderTo(line, context, facts, httpBackend);
        return line;
    }
}
