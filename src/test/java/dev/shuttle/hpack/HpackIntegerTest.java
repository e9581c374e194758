package dev.shuttle.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 7541 §5.1 and the examples of Appendix C.1. */
class HpackIntegerTest {
    @Test
    void tenInAFiveBitPrefixFitsTheFirstOctet() throws HpackException {
        assertEncoding(5, 10, "0a"); // C.1.1
    }

    @Test
    void thirteenThirtySevenInAFiveBitPrefixTakesThreeOctets() throws HpackException {
        assertEncoding(5, 1337, "1f9a0a"); // C.1.2
    }

    @Test
    void fortyTwoAtAnOctetBoundary() throws HpackException {
        assertEncoding(8, 42, "2a"); // C.1.3
    }

    @Test
    void theFlagsAboveThePrefixAreKeptAndIgnoredOnRead() throws HpackException {
        BlockBuffer out = new BlockBuffer();
        HpackInteger.encode(out, 6, 0x40, 63);
        assertEquals("7f00", Hex.of(out));
        assertEquals(63, HpackInteger.decode(new BlockReader(out.array(), 0, out.length()), 6));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 30, 31, 32, 126, 127, 128, 255, 16_383, 16_384, 1 << 20, Integer.MAX_VALUE})
    void everyValueSurvivesTheRoundTrip(int value) throws HpackException {
        for (int prefix = 1; prefix <= 8; prefix++) {
            BlockBuffer out = new BlockBuffer();
            HpackInteger.encode(out, prefix, 0, value);
            assertEquals(value, HpackInteger.decode(new BlockReader(out.array(), 0, out.length()), prefix));
        }
    }

    @Test
    void aValuePastThirtyOneBitsIsRefused() {
        byte[] huge = Hex.bytes("1fffffffff7f");
        assertThrows(HpackException.class, () -> HpackInteger.decode(new BlockReader(huge, 0, huge.length), 5));
    }

    @Test
    void anIntegerCutShortIsRefused() {
        byte[] cut = Hex.bytes("1f9a");
        assertThrows(HpackException.class, () -> HpackInteger.decode(new BlockReader(cut, 0, cut.length), 5));
    }

    private static void assertEncoding(int prefix, int value, String hex) throws HpackException {
        BlockBuffer out = new BlockBuffer();
        HpackInteger.encode(out, prefix, 0, value);
        assertEquals(hex, Hex.of(out));
        byte[] bytes = Hex.bytes(hex);
        assertEquals(value, HpackInteger.decode(new BlockReader(bytes, 0, bytes.length), prefix));
    }
}
