package dev.shuttle.rules;

import dev.shuttle.acl.AclCondition;
import dev.shuttle.http.HeaderList;
import dev.shuttle.http.HttpVersion;
import dev.shuttle.sample.LogFormat;
import dev.shuttle.sample.SampleContext;

/**
 * {@code http-request early-hint <name> <fmt>}: a field of a {@code 103 Early Hints} response
 * (RFC 8297) sent to the client before the final one, e.g. {@code Link} fields that let a browser
 * preload what the page needs. As HAProxy does it: a run of early-hint rules makes one 103, which
 * leaves with the run's last rule; a rule with a condition starts a run of its own; an HTTP/1.0
 * client gets none (RFC 9110 §15.2: no 1xx to an HTTP/1.0 client).
 */
final class EarlyHintAction implements Action {
    private final String name;
    private final LogFormat value;
    /**
     * Whether the 103 leaves after this rule: false only when the next rule is an early-hint without
     * condition, which {@link #followedBy} says while the rules are loaded.
     */
    private boolean endsResponse = true;

    EarlyHintAction(String name, LogFormat value) {
        this.name = name;
        this.value = value;
    }

    @Override
    public void followedBy(Rule next) {
        endsResponse = !(next.action() instanceof EarlyHintAction) || next.condition() != AclCondition.ALWAYS;
    }

    @Override
    public Verdict apply(SampleContext context) {
        if (context.request().orElseThrow().version() == HttpVersion.HTTP_1_0) {
            return Verdict.CONTINUE;
        }
        HeaderList fields = context.earlyHints();
        fields.add(name, value.render(context));
        if (endsResponse) {
            context.sendEarlyHints();
        }
        return Verdict.CONTINUE;
    }
}
