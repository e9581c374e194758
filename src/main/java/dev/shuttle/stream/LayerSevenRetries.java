package dev.shuttle.stream;

import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.ProxyMode;
import dev.shuttle.config.RetryOn;
import dev.shuttle.config.RetryPolicy;
import dev.shuttle.mux.IncomingRequest;
import dev.shuttle.mux.ResponseArrival;
import dev.shuttle.sample.SampleContext;
import java.util.Optional;

/**
 * Whether the server's answer to a request (a status, or no valid response head) lets it be tried
 * again on a new connection: HAProxy's L7 retries (configuration.txt §4.2, "retry-on"; http_ana.c,
 * do_l7_retry()). Only where HAProxy allows one: an HTTP backend whose {@code retry-on} names a
 * condition beyond {@code conn-failure}, a stream without {@code http-request disable-l7-retry},
 * retries left ({@code retries} or {@code set-retries}), nothing sent to the client yet (no
 * interim response), and a request that can be sent again as it was. HAProxy replays a request
 * whose head and body were whole in its buffer when it first sent it; so does Shuttle: a request
 * without a body, or one whose {@code Content-Length} body was all in memory (within
 * {@code tune.bufsize}) at its first send, kept as a {@link dev.shuttle.mux.HeldBody}. A chunked
 * body, or one still arriving, is streamed and never retried.
 *
 * <p>A value per attempt, made on the exchange's thread.
 */
record LayerSevenRetries(RetryPolicy policy, boolean allowed) {
    static final LayerSevenRetries NONE = new LayerSevenRetries(RetryPolicy.DEFAULT, false);

    /**
     * @param bodyHeld    whether the request's body is kept whole for a replay (a request without one needs none)
     * @param retriesDone the stream's retries so far (connections and answers)
     * @param maxRetries  the stream's retries at most
     */
    static LayerSevenRetries of(ProxyConfig backend, IncomingRequest request, boolean bodyHeld, SampleContext context,
                                boolean interimSent, int retriesDone, int maxRetries) {
        RetryPolicy policy = backend.retryPolicy();
        boolean allowed = backend.mode() == ProxyMode.HTTP && policy.hasLayer7Retries()
                && !context.settings().layer7RetryDisabled() && !interimSent && (!request.hasBody() || bodyHeld)
                && retriesDone < maxRetries;
        return allowed ? new LayerSevenRetries(policy, true) : NONE;
    }

    /** The condition a final response's status is, when {@code retry-on} names it and a retry is allowed. */
    Optional<RetryOn> onStatus(int status) {
        if (!allowed || status < 401 || status > 504) {
            return Optional.empty();
        }
        return RetryOn.ofStatus(status).filter(policy::retries);
    }

    /**
     * The condition a missing response head is, when {@code retry-on} names it: no byte before the
     * close or a reset ({@code empty-response}), the server's timeout ({@code response-timeout}),
     * or bytes that are no valid response head ({@code junk-response}).
     */
    Optional<RetryOn> onMissingAnswer(ResponseArrival arrival) {
        if (!allowed) {
            return Optional.empty();
        }
        RetryOn condition = switch (arrival) {
            case ResponseArrival.Absent gone when gone.timedOut() -> RetryOn.RESPONSE_TIMEOUT;
            case ResponseArrival.Absent gone when gone.anyByte() -> RetryOn.JUNK_RESPONSE;
            case ResponseArrival.Absent gone -> RetryOn.EMPTY_RESPONSE;
            case ResponseArrival.Malformed malformed -> RetryOn.JUNK_RESPONSE;
            case ResponseArrival.Received received -> null;
        };
        return Optional.ofNullable(condition).filter(policy::retries);
    }
}
