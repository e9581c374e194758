package dev.shuttle.lb;

import dev.shuttle.server.Server;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * {@code balance random[(<draws>)]} (configuration.txt, "balance"; HAProxy's get_server_rnd()):
 * {@code draws} random points on the consistent-hash {@link HashRing} (2 by default, "the power
 * of two random choices"), and of the servers they reach, the one with the fewest requests in
 * flight for its weight. When that server is full, the request waits for any server.
 */
final class RandomDraws implements LoadBalancer {
    private final HashRing ring = new HashRing();
    private final int draws;
    // Guarded by: the backend's lock, as every balancer's state
    private final SplittableRandom random = new SplittableRandom();
    private List<Server> builtFrom;
    private boolean stale = true;

    RandomDraws(int draws) {
        this.draws = Math.max(1, draws);
    }

    @Override
    public Optional<Server> pickLocked(List<Server> servers, Predicate<Server> eligible) {
        return pickLocked(servers, eligible, server -> false, NO_KEY);
    }

    @Override
    public Optional<Server> pickLocked(List<Server> servers, Predicate<Server> eligible, Predicate<Server> avoided,
                                      long key) {
        if (stale || servers != builtFrom) {
            ring.rebuild(servers);
            builtFrom = servers;
            stale = false;
        }
        if (ring.isEmpty()) {
            return Optional.empty();
        }
        Server best = null;
        for (int draw = 0; draw < draws; draw++) {
            Server drawn = ring.serverOf(random.nextInt() & 0xffffffffL, avoided);
            if (best == null || !loadsLess(best, drawn)) {
                best = drawn;
            }
        }
        return eligible.test(best) ? Optional.of(best) : Optional.empty();
    }

    /** Requests in flight per unit of weight, compared without dividing; a later draw wins a tie. */
    private static boolean loadsLess(Server a, Server b) {
        return (long) a.currentConnections() * b.weight() < (long) b.currentConnections() * a.weight();
    }

    @Override
    public void replanLocked() {
        stale = true;
    }
}
