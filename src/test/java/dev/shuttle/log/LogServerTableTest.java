package dev.shuttle.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A log backend's servers laid out by weight, in the cell order of HAProxy's map-based table. */
class LogServerTableTest {
    private static List<String> cells(Map<String, Integer> weights, List<String> order) {
        LogServerTable<String> table = new LogServerTable<>(order, weights::get);
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            cells.add(table.cell(i));
        }
        return cells;
    }

    @Test
    void equalWeightsListTheServersInOrder() {
        assertEquals(List.of("a", "b", "c"), cells(Map.of("a", 1, "b", 1, "c", 1), List.of("a", "b", "c")));
        // Weights are divided by their greatest common divisor: 5, 5, 5 is one cell each.
        assertEquals(List.of("a", "b", "c"), cells(Map.of("a", 5, "b", 5, "c", 5), List.of("a", "b", "c")));
    }

    @Test
    void eachServerHasItsWeightsShareSpreadOut() {
        // recalc_server_map()'s order: the first among equals, then the highest rounded score.
        assertEquals(List.of("a", "b", "b", "b"), cells(Map.of("a", 1, "b", 3), List.of("a", "b")));
        assertEquals(List.of("a", "a", "b", "a", "b"), cells(Map.of("a", 6, "b", 4), List.of("a", "b")));
    }

    @Test
    void aServerOfWeightZeroHasNoCell() {
        assertEquals(List.of("b"), cells(Map.of("a", 0, "b", 2), List.of("a", "b")));
        assertEquals(0, new LogServerTable<>(List.of("a"), name -> 0).size());
    }

    @Test
    void aCellIsReadModuloTheSizeAsAnUnsignedHash() {
        LogServerTable<String> table = new LogServerTable<>(List.of("a", "b"), name -> 1);
        assertEquals("b", table.cell(3));
        assertEquals("a", table.cell(0xffffffffL + 1));
    }
}
