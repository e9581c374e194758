package dev.shuttle.lb;

import dev.shuttle.server.Server;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A hashing {@code balance} with {@code hash-type consistent}: the key's hash picks the nearest
 * server on the {@link HashRing}, passing over the server a retry avoids and, with {@code
 * hash-balance-factor}, the servers that already carry more than their share; a request without
 * a key takes the next server round the ring that has room (HAProxy's chash_get_server_hash() and
 * chash_get_next_server()). A hashed request whose server is full waits for that server.
 */
final class ConsistentHash implements LoadBalancer {
    private final HashRing ring = new HashRing();
    /** {@code hash-balance-factor}; 0 for none. */
    private final int balanceFactor;
    private List<Server> builtFrom;
    private boolean stale = true;

    ConsistentHash(int balanceFactor) {
        this.balanceFactor = balanceFactor;
    }

    @Override
    public Optional<Server> pickLocked(List<Server> servers, Predicate<Server> eligible) {
        return pickLocked(servers, eligible, server -> false, NO_KEY);
    }

    @Override
    public Optional<Server> pickLocked(List<Server> servers, Predicate<Server> eligible, Predicate<Server> avoided,
                                      long key) {
        refresh(servers);
        if (ring.isEmpty()) {
            return Optional.empty();
        }
        if (key == NO_KEY) {
            return Optional.ofNullable(ring.nextServer(eligible));
        }
        return keyedServerLocked(servers, avoided, key).filter(server -> server.isUsable() && !server.isFull());
    }

    @Override
    public Optional<Server> keyedServerLocked(List<Server> servers, Predicate<Server> avoided, long key) {
        refresh(servers);
        if (key == NO_KEY || ring.isEmpty()) {
            return Optional.empty();
        }
        Predicate<Server> skip = avoided;
        if (balanceFactor > 0) {
            long served = inFlight(servers);
            skip = skip.or(server -> !ring.withinFactor(server, served, balanceFactor));
        }
        return Optional.of(ring.serverOf(key, skip));
    }

    /** Requests in flight on the servers (HAProxy's px->served); a loop, run only with a balance factor. */
    private static long inFlight(List<Server> servers) {
        long served = 0;
        for (Server server : servers) {
            served += server.currentConnections();
        }
        return served;
    }

    private void refresh(List<Server> servers) {
        if (stale || servers != builtFrom) {
            ring.rebuild(servers);
            builtFrom = servers;
            stale = false;
        }
    }

    @Override
    public void replanLocked() {
        stale = true;
    }
}
