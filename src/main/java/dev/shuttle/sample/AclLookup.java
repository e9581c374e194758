package dev.shuttle.sample;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * The named ACLs an expression may refer to with {@code acl(<name>)} (configuration.txt §7.3.2):
 * those declared so far in the proxy, and the predefined ones (§7.4). Resolved when the expression
 * compiles, as HAProxy resolves them ("ACL 'x' not found" otherwise).
 */
@FunctionalInterface
public interface AclLookup {
    AclLookup NONE = name -> Optional.empty();

    /** The ACL named {@code name}, as a test of a stream; empty when there is none. */
    Optional<Predicate<SampleContext>> find(String name) throws SampleCompileException;

    /** One argument of {@code acl()}: an ACL, negated with '!' or not. */
    record Reference(String name, boolean negated, Predicate<SampleContext> acl) {
        boolean holds(SampleContext context) {
            return acl.test(context) != negated;
        }
    }
}
