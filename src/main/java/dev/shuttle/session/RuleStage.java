package dev.shuttle.session;

import dev.shuttle.rules.RuleKind;
import dev.shuttle.rules.Verdict;
import dev.shuttle.sample.Phase;
import dev.shuttle.stats.TrafficCounters;

/** What the two rule stages share: run one rule set of the frontend in its phase; a reject ends the connection. */
final class RuleStage {
    private RuleStage() {}

    static ConnectionStage.Outcome evaluate(Session session, ClientConnection connection, Phase phase, RuleKind kind) {
        session.context().phase(phase);
        Verdict verdict = session.frontend().config().rules().of(kind).evaluate(session.context());
        if (verdict instanceof Verdict.Reject) {
            TrafficCounters listener = session.listenerCounters();
            if (phase == Phase.CONNECTION) {
                session.frontend().counters().connectionDenied(); // dcon
                if (listener != null) {
                    listener.connectionDenied();
                }
            } else {
                session.frontend().counters().sessionDenied(); // dses
                if (listener != null) {
                    listener.sessionDenied();
                }
            }
            return ConnectionStage.Outcome.ENDED;
        }
        return new ConnectionStage.Outcome.Proceed(connection);
    }
}
