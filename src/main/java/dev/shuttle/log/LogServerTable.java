package dev.shuttle.log;

import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The servers of a log backend laid out by weight: one cell per unit of effective weight (the
 * weights divided by their greatest common divisor), each server's cells spread over the table in
 * the order of HAProxy's map-based table (lb_map.c, recalc_server_map(): at each cell every server
 * gains its weight in score, the highest score rounded to {@code (score + size) / size} takes the
 * cell, the first among equals, and pays the table's size). {@code balance log-hash} reads the cell
 * of a hash as 3.5's map_get_server_hash() does; round robin walks the cells in turn and random
 * draws one, so that each server gets its weight's share. A server of weight 0 has no cell.
 *
 * <p>Immutable once built: read by any thread without a lock.
 */
final class LogServerTable<T> {
    private final Object[] cells;

    LogServerTable(List<T> servers, ToIntFunction<T> weightOf) {
        int divisor = 0;
        for (T server : servers) {
            divisor = gcd(divisor, weightOf.applyAsInt(server));
        }
        int[] weights = new int[servers.size()];
        int total = 0;
        for (int i = 0; i < servers.size(); i++) {
            weights[i] = divisor == 0 ? 0 : weightOf.applyAsInt(servers.get(i)) / divisor;
            total += weights[i];
        }
        cells = new Object[total];
        int[] scores = new int[servers.size()];
        for (int cell = 0; cell < total; cell++) {
            int best = -1;
            int max = 0;
            for (int i = 0; i < servers.size(); i++) {
                if (weights[i] == 0) {
                    continue;
                }
                scores[i] += weights[i];
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

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** The number of cells: 0 when no server has a weight. */
    int size() {
        return cells.length;
    }

    /** The server of cell {@code index} modulo the size (an unsigned hash, a turn, a draw). */
    @SuppressWarnings("unchecked")
    T cell(long index) {
        return (T) cells[(int) Long.remainderUnsigned(index, cells.length)];
    }
}
