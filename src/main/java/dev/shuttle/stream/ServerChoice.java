package dev.shuttle.stream;

import dev.shuttle.backend.Backend;
import dev.shuttle.rules.ServerRule;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.server.Server;
import java.util.Optional;

/**
 * The {@code use-server} rules of a backend (configuration.txt §4.2): the first rule whose
 * condition holds and that names a server of the backend that is up chooses it, whatever its
 * weight (a server with {@code weight 0} is reached by rules only); a rule naming a server that is
 * down or unknown is skipped, and the load balancer chooses when none applies.
 */
final class ServerChoice {
    private ServerChoice() {}

    static Optional<Server> forced(Backend backend, SampleContext context) {
        return forced(backend, context, false);
    }

    /**
     * As {@link #forced(Backend, SampleContext)}, but with {@code mayReachDown} ({@code option persist}
     * or a {@code force-persist} line) a rule's server is chosen even when it is down.
     */
    static Optional<Server> forced(Backend backend, SampleContext context, boolean mayReachDown) {
        for (ServerRule rule : backend.config().rules().serverRules()) {
            Optional<Server> server = rule.select(context).flatMap(backend::server);
            if (server.isPresent() && (mayReachDown || server.get().isUp())) {
                return server;
            }
        }
        return Optional.empty();
    }
}
