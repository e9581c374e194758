package dev.shuttle.lb;

import dev.shuttle.server.Server;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code balance roundrobin} and {@code static-rr}: each server gets turns in proportion to its
 * weight, spread out rather than in bursts ("smooth" weighted round robin: every pick adds each
 * candidate's weight to its credit, takes the richest, and charges it the total).
 */
final class WeightedRoundRobin implements LoadBalancer {
    private final long[] credit;

    WeightedRoundRobin(int serverCount) {
        this.credit = new long[serverCount];
    }

    @Override
    public Optional<Server> pickLocked(List<Server> servers, Predicate<Server> eligible) {
        int best = -1;
        long total = 0;
        for (int i = 0; i < servers.size(); i++) {
            Server server = servers.get(i);
            if (!eligible.test(server)) {
                continue;
            }
            int weight = server.config().weight();
            credit[i] += weight;
            total += weight;
            if (best < 0 || credit[i] > credit[best]) {
                best = i;
            }
        }
        if (best < 0) {
            return Optional.empty();
        }
        credit[best] -= total;
        return Optional.of(servers.get(best));
    }
}
