package dev.shuttle.lb;

import dev.shuttle.server.Server;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code balance leastconn}: the server with the fewest connections for its weight; among equals,
 * the one after the last pick, so that idle servers share new connections in turn.
 */
final class LeastConnections implements LoadBalancer {
    private final int serverCount;
    private int lastPicked = -1;

    LeastConnections(int serverCount) {
        this.serverCount = serverCount;
    }

    @Override
    public Optional<Server> pickLocked(List<Server> servers, Predicate<Server> eligible) {
        if (servers.isEmpty()) {
            return Optional.empty();
        }
        int best = -1;
        for (int step = 1; step <= serverCount; step++) {
            int i = Math.floorMod(lastPicked + step, serverCount);
            Server candidate = servers.get(i);
            if (eligible.test(candidate) && (best < 0 || loadsLess(candidate, servers.get(best)))) {
                best = i;
            }
        }
        if (best < 0) {
            return Optional.empty();
        }
        lastPicked = best;
        return Optional.of(servers.get(best));
    }

    /** Compares connections per unit of weight without dividing: a/wa < b/wb iff a*wb < b*wa. */
    private static boolean loadsLess(Server a, Server b) {
        long left = (long) a.currentConnections() * b.config().weight();
        long right = (long) b.currentConnections() * a.config().weight();
        return left < right;
    }
}
