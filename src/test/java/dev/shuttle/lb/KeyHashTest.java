package dev.shuttle.lb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.config.HashType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The hash functions of {@code hash-type}, against values HAProxy 3.5 itself gives for the same
 * bytes (its {@code sdbm}, {@code djb2}, {@code wt6} and {@code crc32} converters, which call the
 * same functions as the load balancer, with and without the avalanche argument).
 */
class KeyHashTest {
    private static long hash(HashType.Function function, boolean avalanche, String key) {
        return KeyHash.of(new HashType(false, function, avalanche), key.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void sdbmAsHaproxy() {
        assertEquals(97L, hash(HashType.Function.SDBM, false, "a"));
        assertEquals(684824882L, hash(HashType.Function.SDBM, false, "hello"));
        assertEquals(2718216582L, hash(HashType.Function.SDBM, false, "www.example.com"));
        assertEquals(2367138851L, hash(HashType.Function.SDBM, false, "The quick brown fox"));
    }

    @Test
    void djb2AsHaproxy() {
        assertEquals(177670L, hash(HashType.Function.DJB2, false, "a"));
        assertEquals(261238937L, hash(HashType.Function.DJB2, false, "hello"));
        assertEquals(2843247409L, hash(HashType.Function.DJB2, false, "www.example.com"));
        assertEquals(2546203896L, hash(HashType.Function.DJB2, false, "The quick brown fox"));
    }

    @Test
    void wt6AsHaproxy() {
        assertEquals(1900802597L, hash(HashType.Function.WT6, false, "a"));
        assertEquals(3538347703L, hash(HashType.Function.WT6, false, "hello"));
        assertEquals(612436471L, hash(HashType.Function.WT6, false, "www.example.com"));
        assertEquals(1623409869L, hash(HashType.Function.WT6, false, "The quick brown fox"));
    }

    @Test
    void crc32AsHaproxy() {
        assertEquals(3904355907L, hash(HashType.Function.CRC32, false, "a"));
        assertEquals(907060870L, hash(HashType.Function.CRC32, false, "hello"));
        assertEquals(785793723L, hash(HashType.Function.CRC32, false, "www.example.com"));
        assertEquals(3074782430L, hash(HashType.Function.CRC32, false, "The quick brown fox"));
    }

    @Test
    void avalancheAfterTheFunction() {
        assertEquals(1830748055L, hash(HashType.Function.SDBM, true, "a"));
        assertEquals(2061535398L, hash(HashType.Function.SDBM, true, "hello"));
        assertEquals(1242975261L, hash(HashType.Function.SDBM, true, "www.example.com"));
        assertEquals(1288200982L, hash(HashType.Function.CRC32, true, "a"));
        assertEquals(3902247103L, hash(HashType.Function.CRC32, true, "hello"));
        // full_hash() of 0, 1 and 2^32-1, as HAProxy's intops.h computes it
        assertEquals(2874071335L, KeyHash.avalanche(0));
        assertEquals(881230262L, KeyHash.avalanche(1));
        assertEquals(2120532354L, KeyHash.avalanche(0xffffffffL));
    }

    @Test
    void noneReadsTheKeyAsADecimalNumber() {
        assertEquals(12345L, hash(HashType.Function.NONE, false, "12345"));
        assertEquals(12L, hash(HashType.Function.NONE, false, "12abc"), "digits up to the first other byte");
        assertEquals(0L, hash(HashType.Function.NONE, false, "abc"));
        assertEquals(0xffffffffL, hash(HashType.Function.NONE, false, "-1"), "the low 32 bits of -1");
        assertEquals(1L << 32 & 0xffffffffL, hash(HashType.Function.NONE, false, "4294967296"));
        assertEquals(Long.MAX_VALUE & 0xffffffffL, hash(HashType.Function.NONE, false, "99999999999999999999999"),
                "saturated at LLONG_MAX");
        assertEquals(Long.MIN_VALUE & 0xffffffffL, hash(HashType.Function.NONE, false, "-99999999999999999999999"));
        assertEquals(KeyHash.avalanche(7), hash(HashType.Function.NONE, true, "7"));
    }
}
