package dev.shuttle.lb;

import dev.shuttle.server.Server;
import java.util.List;

/**
 * The table of {@code hash-type map-based} and of its round-robin fallback: one cell per unit of
 * effective weight of the usable servers, each server's cells spread out over the table
 * (HAProxy's lb_map.c, recalc_server_map(), whose cell order this follows exactly, since a key
 * reaches cell {@code hash % size}). Effective weights are the user weights divided by their
 * greatest common divisor over the backend's configured servers, so that weights 2, 4 and 6 make a
 * table of 6 cells, not 12.
 *
 * <p>Not thread-safe: built and read under the backend's lock.
 */
final class ServerMap {
    private final int weightDivisor;
    private Server[] cells = new Server[0];
    private int size;

    /** @param configuredWeights the weights of the backend's servers in the configuration */
    ServerMap(List<Integer> configuredWeights) {
        this.weightDivisor = gcd(configuredWeights);
    }

    /** HAProxy's wmult: the GCD of the non-zero weights, 1 when all are zero. */
    static int gcd(List<Integer> weights) {
        int divisor = 0;
        for (int weight : weights) {
            if (weight == 0) {
                continue;
            }
            int a = divisor == 0 ? weight : divisor;
            int b = divisor == 0 ? 0 : weight;
            while (b != 0) {
                int t = a % b;
                a = b;
                b = t;
            }
            divisor = a;
        }
        return divisor == 0 ? 1 : divisor;
    }

    /** A server's share of the table: its weight over the divisor, rounded up. */
    int effectiveWeight(Server server) {
        return (server.weight() + weightDivisor - 1) / weightDivisor;
    }

    /**
     * Fills the table from the usable servers of {@code servers}, in their order: at each cell,
     * every server gains its effective weight in score, the highest score (the first among equals
     * after rounding to (score + size) / size) takes the cell and pays the table's size.
     */
    void rebuild(List<Server> servers) {
        int total = 0;
        for (Server server : servers) {
            if (server.isUsable()) {
                total += effectiveWeight(server);
            }
        }
        size = total;
        if (cells.length < total) {
            cells = new Server[total];
        }
        int[] scores = new int[servers.size()];
        for (int cell = 0; cell < total; cell++) {
            int best = -1;
            int max = 0;
            for (int i = 0; i < servers.size(); i++) {
                Server server = servers.get(i);
                if (!server.isUsable()) {
                    continue;
                }
                if (total == 1) {
                    best = i; // a single cell: the first server, without dividing
                    break;
                }
                scores[i] += effectiveWeight(server);
                int rounded = (scores[i] + total) / total;
                if (best < 0 || rounded > max) {
                    max = rounded;
                    best = i;
                }
            }
            cells[cell] = servers.get(best);
            scores[best] -= total;
        }
    }

    /** The number of cells: the total effective weight; 0 when no server is usable. */
    int size() {
        return size;
    }

    Server cell(int index) {
        return cells[index];
    }

    /** The server of a key's hash (an unsigned 32-bit value): the cell {@code hash % size}. */
    Server serverOf(long hash) {
        return cells[(int) (hash % size)];
    }
}
