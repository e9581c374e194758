package dev.shuttle.lb;

import dev.shuttle.server.Server;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code balance first}: the first server in declaration order that still has a free slot, so
 * that the others can be stopped when traffic is low (configuration.txt, "balance first").
 * Stateless: it follows the backend's current list as it is.
 */
final class FirstAvailable implements LoadBalancer {
    @Override
    public Optional<Server> pickLocked(List<Server> servers, Predicate<Server> eligible) {
        for (Server server : servers) {
            if (eligible.test(server)) {
                return Optional.of(server);
            }
        }
        return Optional.empty();
    }

    @Override
    public void replanLocked() {
        // nothing planned
    }
}
