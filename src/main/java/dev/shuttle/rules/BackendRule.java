package dev.shuttle.rules;

import dev.shuttle.acl.AclCondition;
import dev.shuttle.lang.SourceLocation;
import dev.shuttle.sample.LogFormat;
import dev.shuttle.sample.SampleContext;
import java.util.Optional;

/**
 * One {@code use_backend <backend> [if|unless <condition>]} line (configuration.txt, "use_backend"):
 * the backend is a name, or a log-format string such as {@code be_%[req.hdr(host)]} whose
 * rendering names it at run time.
 */
public record BackendRule(SourceLocation where, LogFormat backend, AclCondition condition) {
    /** The backend name this rule selects now, or empty when its condition does not hold. */
    public Optional<String> select(SampleContext context) {
        return condition.matches(context) ? Optional.of(backend.render(context)) : Optional.empty();
    }

    /** Whether the name is fixed, so that it can be checked when the configuration loads. */
    public boolean isStatic() {
        return backend.isConstant();
    }
}
