package dev.shuttle.main;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When the old generation is due a full collection: several times what the last one left alive, above a floor. */
class HeapTrimmerTest {
    private static final long MIB = 1L << 20;

    @Test
    void aSmallHeapIsLeftAlone() {
        assertFalse(HeapTrimmer.due(40 * MIB, 0), "below the floor, before any full collection");
        assertFalse(HeapTrimmer.due(40 * MIB, 5 * MIB), "below the floor, even at eight times the live set");
    }

    @Test
    void garbageSeveralTimesTheLiveSetIsCollected() {
        assertTrue(HeapTrimmer.due(49 * MIB, 0), "past the floor before any full collection");
        assertFalse(HeapTrimmer.due(55 * MIB, 20 * MIB), "under three times the live set");
        assertTrue(HeapTrimmer.due(61 * MIB, 20 * MIB), "over three times the live set");
    }

    @Test
    void aLargeLiveSetRaisesTheBar() {
        assertFalse(HeapTrimmer.due(800 * MIB, 300 * MIB));
        assertTrue(HeapTrimmer.due(901 * MIB, 300 * MIB));
    }
}
