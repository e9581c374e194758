package dev.shuttle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The ages {@code show sess} prints: at most two non-zero units, the largest first. */
class HumanTimeTest {
    @Test
    void agesKeepTheirTwoLargestUnits() {
        assertEquals("0s", HumanTime.seconds(0));
        assertEquals("0s", HumanTime.seconds(-3));
        assertEquals("42s", HumanTime.seconds(42));
        assertEquals("3m5s", HumanTime.seconds(185));
        assertEquals("1h", HumanTime.seconds(3600));
        assertEquals("1h1s", HumanTime.seconds(3601));
        assertEquals("2h10m", HumanTime.seconds(2 * 3600 + 10 * 60 + 7));
        assertEquals("4d3h", HumanTime.seconds(4 * 86400 + 3 * 3600 + 59));
    }
}
