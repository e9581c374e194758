package dev.shuttle.stream;

import dev.shuttle.config.LogProfile;
import dev.shuttle.config.LogStep;
import dev.shuttle.listener.Frontend;
import dev.shuttle.sample.LogFacts;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.session.Session;
import java.util.Optional;

/** Told about each session and HTTP exchange as it starts and ends: the hook for traffic logs and traces. */
public interface SessionObserver {
    /** A connection passed its pipeline's stages and is served from now on. */
    default void started(Session session) {
    }

    /** A TCP session ended. */
    void ended(SessionRecord record);

    /** An HTTP exchange ended (the connection may go on with another). */
    default void exchangeEnded(ExchangeRecord record) {
    }

    /**
     * A stream reached a log step ({@code log-steps}: accept, request, connect, response; a {@code
     * do-log} rule's step): the observer logs it if the frontend asks for that step.
     *
     * @param httpBackend whether the stream's backend is in HTTP mode ({@code %Td})
     */
    default void logStep(LogStep step, Frontend frontend, LogFacts facts, SampleContext context, boolean httpBackend) {
        logStep(step, frontend, facts, context, httpBackend, Optional.empty());
    }

    /**
     * {@link #logStep(LogStep, Frontend, LogFacts, SampleContext, boolean)} for a {@code do-log
     * profile <name>} rule: {@code ruleProfile} shapes the line on every target.
     */
    default void logStep(LogStep step, Frontend frontend, LogFacts facts, SampleContext context, boolean httpBackend,
                         Optional<LogProfile> ruleProfile) {
    }

    /** An observer that does nothing, for tests and for proxies without logs. */
    SessionObserver NONE = record -> { };
}
