package dev.shuttle.lb;

import dev.shuttle.server.Server;
import dev.shuttle.server.Warmup;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * {@code balance random[(<draws>)]} (configuration.txt, "balance"; HAProxy's get_server_rnd()):
 * {@code draws} random points on the consistent-hash {@link HashRing} (2 by default, "the power
 * of two random choices"), and of the servers they reach, the one with the fewest requests in
 * flight for its weight. It is the default algorithm of HAProxy 3.x (proxy.c).
 *
 * <p>A draw passes over the servers that may not take the request now (full, or avoided by a
 * retry) to the next one on the ring, so that a request only queues when no server has room.
 * HAProxy instead sends a request whose best draw is full to the backend's queue, where the next
 * slot freed on any server serves it; Shuttle hands it a free slot at once rather than wait beside
 * one, which keeps the backend's rule that no request waits while a slot it could use is free.
 */
final class RandomDraws implements LoadBalancer {
    private final HashRing ring = new HashRing();
    /** Draws that may fall on ramping servers before one is taken anyway. */
    private static final int MAX_REDRAWS = 64;
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
        Server sole = ring.soleMember();
        if (sole != null) {
            // Every draw reaches it: the draws, their predicates and the comparison give it or nothing.
            return avoided.test(sole) || !eligible.test(sole) ? Optional.empty() : Optional.of(sole);
        }
        Predicate<Server> passedOver = avoided.or(eligible.negate());
        Server best = null;
        for (int draw = 0; draw < draws; draw++) {
            Server drawn = drawLocked(passedOver);
            if (drawn == null) {
                return Optional.empty(); // the walk went round the ring: no server has room
            }
            if (best == null || !loadsLess(best, drawn)) {
                best = drawn;
            }
        }
        return Optional.of(best);
    }

    /**
     * One random point of the ring and the first server from it that may take the request, or null
     * when none may. The ring holds every server at its full weight; a server ramping up after a
     * {@code slowstart} keeps a drawn point only with the share of its weight the ramp has reached,
     * else the point is drawn again, so that it is chosen in proportion to its weight now, as
     * HAProxy's ring, which it re-weighs at each step of the ramp, would choose it.
     */
    private Server drawLocked(Predicate<Server> passedOver) {
        Server drawn = null;
        for (int attempt = 0; attempt < MAX_REDRAWS; attempt++) {
            drawn = ring.serverOf(random.nextInt() & 0xffffffffL, passedOver);
            if (passedOver.test(drawn)) {
                return null;
            }
            long full = (long) drawn.weight() * Warmup.SCALE;
            long now = drawn.balancingWeight();
            if (now >= full || random.nextLong(full) < now) {
                return drawn;
            }
        }
        return drawn; // every point fell on ramping servers: take the last
    }

    /** Requests in flight per unit of weight (the ramp's share included), compared without dividing; a later draw wins a tie. */
    private static boolean loadsLess(Server a, Server b) {
        return a.currentConnections() * b.balancingWeight() < b.currentConnections() * a.balancingWeight();
    }

    @Override
    public void replanLocked() {
        stale = true;
    }
}
