package dev.shuttle.session;

import dev.shuttle.rules.RuleKind;
import dev.shuttle.sample.Phase;

/**
 * The stage after the handshakes (PROXY header, TLS): the frontend's {@code tcp-request session}
 * rules (configuration.txt §4.2, "tcp-request session"). A {@code reject} closes the connection and
 * counts it as denied.
 */
final class SessionRules implements ConnectionStage {
    @Override
    public Outcome run(Session session, ClientConnection connection) {
        return RuleStage.evaluate(session, connection, Phase.SESSION, RuleKind.TCP_REQUEST_SESSION);
    }
}
