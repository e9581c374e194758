package dev.shuttle.rules;

import dev.shuttle.sample.SampleContext;
import java.util.List;

/**
 * The rules of one kind in one proxy ({@code http-request}, {@code http-response}...), in file
 * order, with the ones inherited from a defaults section first, as HAProxy runs them.
 */
public record RuleSet(List<Rule> rules) {
    public static final RuleSet EMPTY = new RuleSet(List.of());

    public RuleSet {
        rules = List.copyOf(rules);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** Runs the rules in order until one is final; returns that rule's verdict, or {@link Verdict#CONTINUE}. */
    public Verdict evaluate(SampleContext context) {
        for (Rule rule : rules) {
            if (!rule.condition().matches(context)) {
                continue;
            }
            Verdict verdict = rule.action().apply(context);
            if (!(verdict instanceof Verdict.Continue)) {
                if (rule.where() != null) {
                    context.lastRule(rule.where().file(), rule.where().line()); // last_rule_file, last_rule_line
                }
                return verdict;
            }
        }
        return Verdict.CONTINUE;
    }
}
