package dev.shuttle.lb;

import dev.shuttle.server.Server;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A hashing {@code balance} with {@code hash-type map-based} (the default): the key's hash modulo
 * the total weight picks a cell of the {@link ServerMap}; a request without a key takes the next
 * cell in turn whose server has room (HAProxy's map_get_server_hash() and map_get_server_rr()).
 * A hashed request whose server is full waits for that server; the server it retried on is not
 * avoided, since the key still names it (HAProxy ignores the server to avoid here too).
 */
final class MapBasedHash implements LoadBalancer {
    private final ServerMap map;
    /** The list the table was built from, and whether a change since calls for a new one. */
    private List<Server> builtFrom;
    private boolean stale = true;
    /** The next cell the round robin looks at. */
    private int nextCell;

    MapBasedHash(List<Integer> configuredWeights) {
        this.map = new ServerMap(configuredWeights);
    }

    @Override
    public Optional<Server> pickLocked(List<Server> servers, Predicate<Server> eligible) {
        return pickLocked(servers, eligible, server -> false, NO_KEY);
    }

    @Override
    public Optional<Server> pickLocked(List<Server> servers, Predicate<Server> eligible, Predicate<Server> avoided,
                                      long key) {
        refresh(servers);
        int size = map.size();
        if (size == 0) {
            return Optional.empty();
        }
        if (key != NO_KEY) {
            return keyedServerLocked(servers, avoided, key).filter(server -> server.isUsable() && !server.isFull());
        }
        if (nextCell < 0 || nextCell >= size) {
            nextCell = 0;
        }
        int cell = nextCell;
        do {
            Server server = map.cell(cell++);
            if (eligible.test(server)) {
                // Kept unwrapped, as HAProxy's rr_idx: after the last cell it is the size, which a
                // larger table after a change continues from rather than from its first cell.
                nextCell = cell;
                return Optional.of(server);
            }
            if (cell == size) {
                cell = 0;
            }
        } while (cell != nextCell);
        return Optional.empty();
    }

    @Override
    public Optional<Server> keyedServerLocked(List<Server> servers, Predicate<Server> avoided, long key) {
        refresh(servers);
        return key == NO_KEY || map.size() == 0 ? Optional.empty() : Optional.of(map.serverOf(key));
    }

    private void refresh(List<Server> servers) {
        if (stale || servers != builtFrom) {
            map.rebuild(servers);
            builtFrom = servers;
            stale = false;
        }
    }

    @Override
    public void replanLocked() {
        stale = true; // the round robin's place is kept, as HAProxy keeps rr_idx
    }
}
