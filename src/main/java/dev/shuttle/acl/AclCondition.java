package dev.shuttle.acl;

import dev.shuttle.sample.Phase;
import dev.shuttle.sample.SampleContext;
import java.util.EnumSet;
import java.util.Set;

/**
 * A compiled {@code if <condition>} or {@code unless <condition>} of a rule (configuration.txt
 * §7.2): ACL terms, possibly negated with {@code !}, joined by implicit AND and by {@code ||}.
 */
public interface AclCondition {
    /** Whether the rule applies now ({@code unless} already folded in). */
    boolean matches(SampleContext context);

    /**
     * A condition's answer while content is still arriving (configuration.txt §4.2, "tcp-request
     * content": a rule whose result may still change waits for more data): PASS and FAIL are
     * certain, MISS means it failed with data that may change.
     */
    enum Outcome {
        PASS, FAIL, MISS;

        Outcome negate() {
            return this == PASS ? FAIL : this == FAIL ? PASS : MISS;
        }

        /** AND: a FAIL is certain, else a MISS stays one. */
        Outcome and(Outcome other) {
            return this == FAIL || other == FAIL ? FAIL : this == MISS || other == MISS ? MISS : PASS;
        }

        /** OR: a PASS is certain, else a MISS stays one. */
        Outcome or(Outcome other) {
            return this == PASS || other == PASS ? PASS : this == MISS || other == MISS ? MISS : FAIL;
        }
    }

    /**
     * {@link #matches} in three values, {@code unless} not folded in: MISS when the condition does
     * not hold and a fetch it read may answer otherwise once more data arrives
     * ({@link SampleContext#answerMayChange()}).
     */
    default Outcome test(SampleContext context) {
        return matches(context) ? Outcome.PASS : Outcome.FAIL;
    }

    /** Whether the rule applies when {@link #test} answers PASS (false for {@code unless}). */
    default boolean appliesOnPass() {
        return true;
    }

    /** Where every ACL of the condition can be evaluated. */
    Set<Phase> usableIn();

    /** The condition as written ({@code if METH_GET !local}), for messages. */
    String text();

    /** The condition of a rule written without {@code if}/{@code unless}: always true. */
    AclCondition ALWAYS = new AclCondition() {
        @Override
        public boolean matches(SampleContext context) {
            return true;
        }

        @Override
        public Set<Phase> usableIn() {
            return EnumSet.allOf(Phase.class);
        }

        @Override
        public String text() {
            return "";
        }
    };
}
