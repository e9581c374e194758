package dev.shuttle.acl;

import dev.shuttle.sample.Phase;
import dev.shuttle.sample.SampleContext;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A parsed condition: OR of AND-groups of possibly negated ACLs, evaluated left to right and
 * stopping at the first group that holds (or the first term that fails within a group).
 *
 * @param unless whether the rule applies when the groups do not hold
 * @param groups the AND-groups; none at all means the groups never hold
 */
record CompiledCondition(boolean unless, List<List<Literal>> groups, String text) implements AclCondition {
    /** One term: an ACL, negated with {@code !} or not. */
    record Literal(Acl acl, boolean negated) {
        boolean holds(SampleContext context) {
            return acl.matches(context) != negated;
        }

        AclCondition.Outcome test(SampleContext context) {
            AclCondition.Outcome outcome = acl.test(context);
            return negated ? outcome.negate() : outcome;
        }
    }

    CompiledCondition {
        groups = groups.stream().map(List::copyOf).toList();
    }

    @Override
    public boolean matches(SampleContext context) {
        return anyGroupHolds(context) != unless;
    }

    private boolean anyGroupHolds(SampleContext context) {
        for (List<Literal> group : groups) {
            if (group.stream().allMatch(literal -> literal.holds(context))) {
                return true;
            }
        }
        return false;
    }

    /** The groups in three values, evaluated as HAProxy's acl_exec_cond() does; {@code unless} is left to the caller. */
    @Override
    public Outcome test(SampleContext context) {
        Outcome any = Outcome.FAIL;
        for (List<Literal> group : groups) {
            Outcome all = Outcome.PASS;
            for (Literal literal : group) {
                all = all.and(literal.test(context));
                if (all == Outcome.FAIL) {
                    break;
                }
            }
            any = any.or(all);
            if (any == Outcome.PASS) {
                break;
            }
        }
        return any;
    }

    @Override
    public boolean appliesOnPass() {
        return !unless;
    }

    @Override
    public Set<Phase> usableIn() {
        Set<Phase> phases = EnumSet.allOf(Phase.class);
        literals().forEach(literal -> phases.retainAll(literal.acl().usableIn()));
        return phases;
    }

    /** Every term, in the order written. */
    List<Literal> literals() {
        return groups.stream().flatMap(List::stream).toList();
    }
}
