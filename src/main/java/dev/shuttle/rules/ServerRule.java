package dev.shuttle.rules;

import dev.shuttle.acl.AclCondition;
import dev.shuttle.lang.SourceLocation;
import dev.shuttle.sample.LogFormat;
import dev.shuttle.sample.SampleContext;
import java.util.Optional;

/**
 * One {@code use-server <server> if|unless <condition>} line of a backend (configuration.txt §4.2,
 * "use-server"): the server is a name, or a log-format string naming it at run time. The first
 * rule that applies and names a usable server wins; a server that is down is skipped.
 */
public record ServerRule(SourceLocation where, LogFormat server, AclCondition condition) {
    /** The server name this rule selects now, or empty when its condition does not hold. */
    public Optional<String> select(SampleContext context) {
        return condition.matches(context) ? Optional.of(server.render(context)) : Optional.empty();
    }
}
