package dev.shuttle.rules;

import dev.shuttle.sample.SampleContext;
import java.util.List;
import java.util.Optional;

/**
 * The rules of one kind in one proxy ({@code http-request}, {@code http-response}...), in file
 * order, with the ones inherited from a defaults section first, as HAProxy runs them.
 */
public record RuleSet(List<Rule> rules) {
    public static final RuleSet EMPTY = new RuleSet(List.of());

    /** The answer to a rewrite that failed in strict mode: the proxy's 500 page. */
    private static final Verdict REWRITE_FAILED = new Verdict.Respond(500, Optional.empty(), null, 0, false, false);

    public RuleSet {
        rules = List.copyOf(rules);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /**
     * Runs the rules in order until one is final; returns that rule's verdict, or {@link
     * Verdict#CONTINUE}. A rewrite that fails while the set's strict mode is on ({@link
     * StrictMode}: on at the start of each evaluation) ends it with a 500 instead, as HAProxy's
     * internal error (the log says {@code PR}).
     */
    public Verdict evaluate(SampleContext context) {
        boolean strict = true;
        for (Rule rule : rules) {
            if (!rule.condition().matches(context)) {
                continue;
            }
            if (rule.action() instanceof StrictMode mode) {
                strict = mode.on();
                continue;
            }
            int failuresBefore = context.rewriteFailures().total();
            if (rule.where() != null) {
                context.runningRule(rule.where().file(), rule.where().line()); // for waiting_entity
            }
            Verdict verdict = rule.action().apply(context);
            if (strict && context.rewriteFailures().total() > failuresBefore) {
                context.rewriteFailures().endedExchange();
                verdict = REWRITE_FAILED;
            }
            if (!(verdict instanceof Verdict.Continue)) {
                // 3.5 notes no last entity for a rule whose wait the client aborted (http_ana.c).
                if (rule.where() != null && !verdict.equals(Verdict.BODY_ABORTED)) {
                    context.lastRule(rule.where().file(), rule.where().line()); // last_rule_file, last_rule_line
                }
                return verdict;
            }
        }
        return Verdict.CONTINUE;
    }
}
