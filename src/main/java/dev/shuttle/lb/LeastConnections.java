package dev.shuttle.lb;

import dev.shuttle.server.Server;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code balance leastconn}: the server with the fewest connections for its weight; among equals,
 * the one after the last pick, so that idle servers share new connections in turn. Weights and
 * connection counts are read at each pick (weights as a {@code slowstart} ramp leaves them), so a
 * weight change needs no other re-plan than a new start of the turns.
 */
final class LeastConnections implements LoadBalancer {
    /** The server picked last, where the next turn starts looking; null at the start. */
    private Server lastPicked;

    @Override
    public Optional<Server> pickLocked(List<Server> servers, Predicate<Server> eligible) {
        int count = servers.size();
        if (count == 0) {
            return Optional.empty();
        }
        int start = lastPicked == null ? -1 : servers.indexOf(lastPicked); // -1 too when it left the list
        Server best = null;
        for (int step = 1; step <= count; step++) {
            Server candidate = servers.get(Math.floorMod(start + step, count));
            if (eligible.test(candidate) && (best == null || loadsLess(candidate, best))) {
                best = candidate;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        lastPicked = best;
        return Optional.of(best);
    }

    @Override
    public void replanLocked() {
        lastPicked = null;
    }

    /** Compares connections per unit of weight without dividing: a/wa < b/wb iff a*wb < b*wa. */
    private static boolean loadsLess(Server a, Server b) {
        long left = a.currentConnections() * b.balancingWeight();
        long right = b.currentConnections() * a.balancingWeight();
        return left < right;
    }
}
