package dev.shuttle.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** C's atol()/atoi() reading as HAProxy's parser relies on it, and the unclamped atoll(). */
class CNumbersTest {
    @Test
    void atolReadsTheLeadingDigitsAndClampsToAnInt() {
        assertEquals(12, CNumbers.atol(" 12abc"));
        assertEquals(0, CNumbers.atol("x"));
        assertEquals(-7, CNumbers.atol("-7"));
        assertEquals(Integer.MAX_VALUE, CNumbers.atol("4294967296"));
    }

    @Test
    void atollKeepsValuesPastAnIntAndSaturatesAtALong() {
        assertEquals(4_294_967_296L, CNumbers.atoll("4294967296"));
        assertEquals(2_147_483_648L, CNumbers.atoll("+2147483648 "));
        assertEquals(-5, CNumbers.atoll("-5x"));
        assertEquals(Long.MAX_VALUE, CNumbers.atoll("99999999999999999999999"));
        assertEquals(0, CNumbers.atoll(""));
    }
}
