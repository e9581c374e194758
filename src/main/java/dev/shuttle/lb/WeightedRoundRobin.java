package dev.shuttle.lb;

import dev.shuttle.server.Server;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code balance roundrobin}: each server gets turns in proportion to its weight (during a
 * {@code slowstart} ramp, the share it has reached), spread out rather than in bursts ("smooth"
 * weighted round robin: every pick adds each candidate's weight to its credit, takes the richest,
 * and charges it the total). A server that is not eligible for a while (full, draining) keeps its
 * credit and resumes its turns afterwards. ({@code static-rr} walks the map-based table instead:
 * {@link MapBasedHash}.)
 */
final class WeightedRoundRobin implements LoadBalancer {
    /** Each server's credit; a server gets one on its first pick after a re-plan, at 0. */
    private final Map<Server, Credit> credits = new IdentityHashMap<>();

    private static final class Credit {
        long value;
    }

    @Override
    public Optional<Server> pickLocked(List<Server> servers, Predicate<Server> eligible) {
        Server best = null;
        Credit bestCredit = null;
        long total = 0;
        for (Server server : servers) {
            if (!eligible.test(server)) {
                continue;
            }
            Credit credit = credits.computeIfAbsent(server, s -> new Credit());
            long weight = server.balancingWeight();
            credit.value += weight;
            total += weight;
            if (best == null || credit.value > bestCredit.value) {
                best = server;
                bestCredit = credit;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        bestCredit.value -= total;
        return Optional.of(best);
    }

    @Override
    public void replanLocked() {
        credits.clear();
    }
}
