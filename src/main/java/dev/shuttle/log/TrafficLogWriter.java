package dev.shuttle.log;

import dev.shuttle.config.LogProfile;
import dev.shuttle.config.LogSettings;
import dev.shuttle.config.LogStep;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the traffic log to each frontend's {@code log} targets (configuration.txt §8.2): one line
 * per stream (an HTTP exchange, or a TCP session) in the frontend's format ({@code log-format},
 * or the format of {@code option httplog}, {@code httpslog}, {@code tcplog}), with its {@code
 * log-format-sd} structured data and {@code log-tag}; without a format, HAProxy's short line when
 * the connection is accepted (§8.2.1). The options of §8.3 decide whether and at which level:
 * {@code dontlognull} drops streams in which the client sent nothing, {@code dontlog-normal}
 * those that ended well, and {@code log-separate-errors} raises the others to {@code err};
 * {@code set-log-level} has the last word. With {@code log-steps}, a stream is logged at each step
 * listed; a {@code do-log} rule logs it where it runs; a target's {@code log-profile} may drop or
 * reshape the line of each step.
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
        if (record.facts() == null || frontend.config().logs().isEmpty()
                || !frontend.config().logging().logsAt(LogStep.CLOSE)) {
            return;
        }
        if (frontend.config().isOptionSet("dontlognull") && record.bytesFromClient() == 0) {
            return;
        }
        boolean error = isError(record.terminationState(), record.retries(), record.redispatched(), -1);
        // option logasap: the line of a TCP stream leaves once connected, at the connect step.
        LogStep step = "txn_connect".equals(record.facts().origin()) ? LogStep.CONNECT : LogStep.CLOSE;
        log(frontend, record.facts(), record.context(), error, Optional.empty(), false, step, false,
                Optional.empty());
    }

    @Override
    public void exchangeEnded(ExchangeRecord record) {
        Frontend frontend = record.frontend();
        // A connection whose request never came is logged at the error step, whatever log-steps lists.
        boolean sessionError = record.facts() != null && "sess_error".equals(record.facts().origin());
        if (record.facts() == null || frontend.config().logs().isEmpty()
                || !(sessionError || frontend.config().logging().logsAt(LogStep.CLOSE))) {
            return;
        }
        boolean nothingReceived = record.requestLine().equals("<BADREQ>") && record.status() < 0;
        if (nothingReceived && frontend.config().isOptionSet("dontlognull")) {
            return;
        }
        boolean error = isError(record.terminationState(), record.retries(), record.redispatched(), record.status());
        boolean httpBackend = record.backend().isEmpty() || record.backend().get().config().mode() == ProxyMode.HTTP;
        // The line's step is when HAProxy would make it: with the response head when nothing waits for the end.
        // With log-steps, the end is the close step itself.
        boolean listedSteps = !frontend.config().logging().steps().isEmpty();
        LogStep step = sessionError ? LogStep.ERROR
                : listedSteps || !"txn_response".equals(record.facts().origin()) ? LogStep.CLOSE : LogStep.RESPONSE;
        log(frontend, record.facts(), record.context(), error, record.logLevel(), httpBackend, step, listedSteps,
                Optional.empty());
    }

    @Override
    public void logStep(LogStep step, Frontend frontend, LogFacts facts, SampleContext context, boolean httpBackend,
                        Optional<LogProfile> ruleProfile) {
        boolean doLog = step.ordinal() > LogStep.ERROR.ordinal();
        if (frontend.config().logs().isEmpty() || !(doLog || frontend.config().logging().logsAt(step))) {
            return;
        }
        log(frontend, facts, context, false, context.settings().logLevel(), httpBackend, step, true, ruleProfile);
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

    /**
     * Makes and sends the line of {@code step}: to the targets without a log profile in the
     * frontend's format, and to each profile's targets as the profile says for the step (dropped,
     * or another format, structured data or tag; configuration.txt §8.3.5).
     *
     * @param ownStep     whether the line is made at a step of its own ({@code %OG} says the step)
     * @param ruleProfile a {@code do-log profile <name>} rule's profile, which every target then uses
     */
    private void log(Frontend frontend, LogFacts facts, SampleContext context, boolean error,
                     Optional<Integer> ruleLevel, boolean httpBackend, LogStep step, boolean ownStep,
                     Optional<LogProfile> ruleProfile) {
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
        List<LogTarget> targets = frontend.config().logs();
        Phase phase = context.phase();
        context.phase(Phase.LOG);
        context.logOrigin(ownStep ? step.origin() : null);
        try {
            if (ruleProfile.isPresent()) {
                sendWithProfile(ruleProfile.get(), targets, level, logging, step, context, facts, httpBackend);
            } else if (!anyProfile(targets)) {
                send(targets, level, logging.format().get(), logging.structuredData(), logging.tag(), context, facts,
                        httpBackend);
            } else {
                sendWithProfiles(targets, level, logging, step, context, facts, httpBackend);
            }
            frontend.countLog();
        } finally {
            context.phase(phase);
            context.logOrigin(null);
        }
    }

    private static boolean anyProfile(List<LogTarget> targets) {
        for (LogTarget target : targets) {
            if (target.profile().isPresent()) {
                return true;
            }
        }
        return false;
    }

    private void sendWithProfiles(List<LogTarget> targets, SyslogLevel level, LogSettings logging, LogStep step,
                                  SampleContext context, LogFacts facts, boolean httpBackend) {
        List<LogTarget> plain = targets.stream().filter(target -> target.profile().isEmpty()).toList();
        if (!plain.isEmpty()) {
            send(plain, level, logging.format().get(), logging.structuredData(), logging.tag(), context, facts,
                    httpBackend);
        }
        Map<LogProfile, List<LogTarget>> byProfile = new LinkedHashMap<>();
        for (LogTarget target : targets) {
            target.profile().ifPresent(profile -> byProfile.computeIfAbsent(profile, p -> new ArrayList<>()).add(target));
        }
        byProfile.forEach((profile, profiled) -> sendWithProfile(profile, profiled, level, logging, step, context, facts,
                httpBackend));
    }

    /** Sends the line of {@code step} to {@code targets} as {@code profile} says: dropped, or reshaped. */
    private void sendWithProfile(LogProfile profile, List<LogTarget> targets, SyslogLevel level, LogSettings logging,
                                 LogStep step, SampleContext context, LogFacts facts, boolean httpBackend) {
        Optional<LogProfile.Override> override = profile.at(step);
        if (override.map(LogProfile.Override::drop).orElse(false)) {
            return;
        }
        LogFormat format = override.flatMap(LogProfile.Override::format).orElse(logging.format().get());
        Optional<LogFormat> structuredData = override.flatMap(LogProfile.Override::structuredData)
                .or(logging::structuredData);
        send(targets, level, format, structuredData, profile.tag().or(logging::tag), context, facts, httpBackend);
    }

    private void send(List<LogTarget> targets, SyslogLevel level, LogFormat format, Optional<LogFormat> structuredData,
                      Optional<String> tag, SampleContext context, LogFacts facts, boolean httpBackend) {
        StringBuilder line = render(format, context, facts, httpBackend);
        // No lambda: one capturing the context and facts would be allocated for every line.
        CharSequence sd = structuredData.isPresent() ? render(structuredData.get(), context, facts, httpBackend) : "";
        sender.send(targets, new LogMessage(level, tag, line, sd));
    }

    private static StringBuilder render(LogFormat format, SampleContext context, LogFacts facts, boolean httpBackend) {
        StringBuilder line = new StringBuilder(256);
        format.renderTo(line, context, facts, httpBackend);
        return line;
    }
}
