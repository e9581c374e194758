package dev.shuttle.acl;

import dev.shuttle.sample.Phase;
import dev.shuttle.sample.SampleContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A named ACL: every {@code acl <name> ...} line of a proxy with that name, OR-ed together
 * (configuration.txt §7.1: a line "creates a new ACL or completes an existing one").
 *
 * <p>Like HAProxy, a line that comes after a rule using the ACL still completes it for that rule,
 * so an ACL grows while its proxy is parsed; it is never changed once loading is over, which is
 * what makes it safe to read from every connection's thread afterwards.
 */
public final class Acl {
    private final String name;
    private final List<AclTerm> terms = new ArrayList<>();

    /** @param name the ACL's name; empty for an anonymous ACL */
    Acl(String name) {
        this.name = name;
    }

    static Acl anonymous(AclTerm term) {
        Acl acl = new Acl("");
        acl.add(term);
        return acl;
    }

    void add(AclTerm term) {
        terms.add(term);
    }

    public String name() {
        return name;
    }

    public boolean isAnonymous() {
        return name.isEmpty();
    }

    public List<AclTerm> terms() {
        return Collections.unmodifiableList(terms);
    }

    public boolean matches(SampleContext context) {
        for (AclTerm term : terms) {
            if (term.matches(context)) {
                return true;
            }
        }
        return false;
    }

    /** {@link #matches} in three values: PASS if a line passes, else MISS if one may pass later. */
    public AclCondition.Outcome test(SampleContext context) {
        AclCondition.Outcome outcome = AclCondition.Outcome.FAIL;
        for (AclTerm term : terms) {
            outcome = outcome.or(term.test(context));
            if (outcome == AclCondition.Outcome.PASS) {
                break;
            }
        }
        return outcome;
    }

    /** Where at least one of its lines can be evaluated. */
    public Set<Phase> usableIn() {
        Set<Phase> phases = EnumSet.noneOf(Phase.class);
        terms.forEach(term -> phases.addAll(term.usableIn()));
        return phases;
    }

    @Override
    public String toString() {
        return isAnonymous() ? "{ " + terms.getFirst().text() + " }" : name;
    }
}
