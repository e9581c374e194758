package dev.shuttle.rules;

import dev.shuttle.http.ErrorResponse;
import java.util.Optional;

/**
 * What a rule decided: go on with the next rule, stop evaluating this rule set, or end the
 * exchange with a response built by the rule (configuration.txt §4.3, "http-request": "final"
 * actions stop the evaluation).
 */
public sealed interface Verdict {
    /** Not final: the next rule is evaluated. */
    record Continue() implements Verdict {}

    /** {@code allow}: no more rules of this set; the exchange goes on. */
    record Stop() implements Verdict {}

    /**
     * {@code deny}, {@code return}, {@code redirect}, {@code auth}, {@code tarpit}: the proxy
     * answers and the exchange ends.
     *
     * @param status           the status of the answer
     * @param message          the answer, or empty for the proxy's error page for {@code status}
     * @param extraHeader      a header appended to the proxy's error page ({@code www-authenticate}), or null
     * @param tarpitMillis     how long to hold the connection before answering: 0 for not at all,
     *                         {@link #TARPIT_TIMEOUT} for the proxy's {@code timeout tarpit}
     * @param denied           whether it counts as a denied request
     * @param local            whether the proxy answered as asked ({@code return}, {@code redirect}: the log
     *                         says {@code LR}) rather than refused the request ({@code deny}, a bad URI: {@code PR})
     */
    record Respond(int status, Optional<ErrorResponse> message, String[] extraHeader, long tarpitMillis,
                   boolean denied, boolean local) implements Verdict {
        /** An answer that is local unless it denies. */
        public Respond(int status, Optional<ErrorResponse> message, String[] extraHeader, long tarpitMillis,
                       boolean denied) {
            this(status, message, extraHeader, tarpitMillis, denied, !denied);
        }

        /** Hold for {@code timeout tarpit} (else {@code timeout connect}), as HAProxy's tarpit does. */
        public static final long TARPIT_TIMEOUT = -1;

        /** Whether the client is held before the answer ({@code tarpit}; the log then says {@code PT}, else {@code PR}). */
        public boolean tarpit() {
            return tarpitMillis != 0;
        }
    }

    /**
     * {@code use-service}: a service of the proxy ({@code prometheus-exporter}) answers the request
     * instead of a server, and the exchange ends.
     */
    record Serve(String service) implements Verdict {}

    /** {@code reject} (TCP rules) and {@code silent-drop}: close the connection without a word. */
    record Reject() implements Verdict {}

    /**
     * {@code http-request wait-for-body}: the body did not come, and the exchange ends
     * (configuration.txt §4.3, "wait-for-body"): with a 408 when the rule's time ran out
     * ({@code timedOut}), with a 400 when the client aborted while the rule waited.
     */
    record BodyMissing(boolean timedOut) implements Verdict {}

    Verdict CONTINUE = new Continue();
    Verdict STOP = new Stop();
    Verdict REJECT = new Reject();
    Verdict BODY_TIMED_OUT = new BodyMissing(true);
    Verdict BODY_ABORTED = new BodyMissing(false);
}
