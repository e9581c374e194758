package dev.shuttle.stream;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.HttpConnectionMode;
import dev.shuttle.mux.ServerStream;
import dev.shuttle.rules.Verdict;

/** What the analysis of a request decided ({@link RequestAnalysis}). */
sealed interface RequestDecision {
    /** A rule (or {@code monitor-uri}) answers: the proxy replies and no server is involved. */
    record Answer(Verdict.Respond reply) implements RequestDecision {}

    /** A rule rejected the request: the connection closes without a word. */
    record Reject() implements RequestDecision {}

    /** The proxy cannot go on: it answers its error page for {@code status}. */
    record Refuse(int status, TerminationState state) implements RequestDecision {}

    /**
     * The request goes to {@code backend}.
     *
     * @param mode             the connection mode of the frontend and backend together
     * @param closeServerAfter the server connection is not reused after this exchange
     * @param announcement     what the request head tells the server about that
     * @param persistence      what the exchange learns about its persistence ({@code force-persist}, cookies)
     */
    record Forward(Backend backend, HttpConnectionMode mode, boolean closeServerAfter,
                   ServerStream.Announcement announcement, PersistenceState persistence) implements RequestDecision {
        /** A request that no persistence line applies to. */
        Forward(Backend backend, HttpConnectionMode mode, boolean closeServerAfter,
                ServerStream.Announcement announcement) {
            this(backend, mode, closeServerAfter, announcement, PersistenceState.withoutRules(backend));
        }
    }

    RequestDecision REJECT = new Reject();
}
