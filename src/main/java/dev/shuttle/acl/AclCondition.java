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
