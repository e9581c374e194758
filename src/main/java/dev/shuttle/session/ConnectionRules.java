package dev.shuttle.session;

import dev.shuttle.rules.RuleKind;
import dev.shuttle.sample.Phase;

/**
 * The first stage: the frontend's {@code tcp-request connection} rules, right after {@code accept}
 * and before anything is read (configuration.txt §4.2, "tcp-request connection"). A {@code reject}
 * closes the connection at once and counts it as denied.
 */
final class ConnectionRules implements ConnectionStage {
    @Override
    public Outcome run(Session session, ClientConnection connection) {
        return RuleStage.evaluate(session, connection, Phase.CONNECTION, RuleKind.TCP_REQUEST_CONNECTION);
    }
}
