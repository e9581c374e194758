package dev.shuttle.acl;

import dev.shuttle.pattern.MatchInputs;
import dev.shuttle.pattern.MatchMethod;
import dev.shuttle.pattern.LivePatterns;
import dev.shuttle.pattern.PatternSet;
import dev.shuttle.sample.Phase;
import dev.shuttle.sample.Sample;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.SampleExpression;
import java.util.List;
import java.util.Set;

/**
 * One {@code acl} line (or one anonymous {@code { ... }} ACL): a sample expression, a match
 * method and its patterns. It matches when any value of the expression matches any pattern
 * (configuration.txt §7.1: a multi-valued fetch such as {@code hdr(x)} is tried value by value).
 *
 * @param keyword    the fetch keyword as written ({@code hdr_beg}), for messages
 * @param expression the compiled criterion, ACL declination already resolved ({@code hdr(host)})
 * @param patterns   the patterns, kept up to date with the runtime API; null for {@code found} and
 *                   {@code bool}, which take none
 * @param text       the line as written after the ACL name, for messages and the runtime API
 */
public record AclTerm(String keyword, SampleExpression expression, MatchMethod method, LivePatterns patterns,
                      String text) {
    public boolean matches(SampleContext context) {
        List<Sample> values = expression.evaluateAll(context);
        switch (method) {
            case FOUND -> {
                return !values.isEmpty();
            }
            case BOOL -> {
                // configuration.txt §7.1.1: zero or false does not match, any other value does.
                return values.stream().anyMatch(value -> MatchInputs.integer(value).orElse(0L) != 0);
            }
            default -> {
                PatternSet now = patterns.current(); // one read: a runtime update lands between requests
                for (Sample value : values) {
                    if (now.lookup(value).isPresent()) {
                        return true;
                    }
                }
                return false;
            }
        }
    }

    /** {@link #matches}, MISS when it does not match and a fetch said its answer may change. */
    public AclCondition.Outcome test(SampleContext context) {
        context.takeAnswerMayChange();
        if (matches(context)) {
            return AclCondition.Outcome.PASS;
        }
        return context.takeAnswerMayChange() ? AclCondition.Outcome.MISS : AclCondition.Outcome.FAIL;
    }

    public Set<Phase> usableIn() {
        return expression.usableIn();
    }
}
