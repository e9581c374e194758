package dev.shuttle.sample;

import static dev.shuttle.sample.SampleConvertersTest.bin;
import static dev.shuttle.sample.SampleConvertersTest.var;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Expected values were captured from haproxy 2.6, except le2dec (2.8+: the manual's examples). */
class BinaryConvertersTest {
    private final SampleConvertersTest.Harness h = new SampleConvertersTest.Harness(BinaryConverters::register);

    private String bytes(String inputHex, Object... args) {
        return HexFormat.of().withUpperCase().formatHex(h.run("bytes", bin(inputHex), args).orElseThrow().asBytes());
    }

    @Test
    void bytesSlicesAndGivesEmptyPastTheEnd() {
        assertEquals("0203", bytes("0102030405", "1", "2"));
        assertEquals("0405", bytes("0102030405", "3"));
        assertEquals("", bytes("0102030405", "5"));
        assertEquals("", bytes("0102030405", "6"));
        assertEquals("030405", bytes("0102030405", "2", "10"));
        assertEquals("0102030405", bytes("0102030405", "0", "5"));
    }

    @Test
    void bytesRefusesWhatHaproxy35RefusesAtLoad() {
        // HAProxy 3.5: "expects a non-negative integer" (offset), "expects a positive integer" (length).
        assertEquals("expects a non-negative integer", h.refused("bytes", "-1"));
        assertEquals("expects a positive integer", h.refused("bytes", "2", "0"));
        assertTrue(h.refused("bytes", "x").contains("expects an integer or a variable name"));
    }

    @Test
    void bytesTakesVariablesAndFailsWhenOneIsUnsetOrNegative() {
        h.set("txn.off", Sample.sint(1));
        h.set("txn.len", Sample.sint(3));
        assertEquals("020304", bytes("0102030405", "txn.off", "txn.len"));
        assertEquals("0203", bytes("0102030405", "txn.off", "2"));
        assertTrue(h.run("bytes", bin("0102"), "txn.unset").isEmpty());
        h.set("txn.neg", Sample.sint(-1));
        assertTrue(h.run("bytes", bin("0102"), "0", "txn.neg").isEmpty());
    }

    @Test
    void be2decAndLe2dec() {
        assertEquals("258:772:1286:7", h.text("be2dec", bin("01020304050607"), ":", 2L));
        assertEquals("258-772-1286", h.text("be2dec", bin("01020304050607"), "-", 2L, 1L));
        assertEquals("2587721286", h.text("be2dec", bin("01020304050607"), "", 2L, 1L));
        assertEquals("127.0.0.1", h.text("be2dec", bin("7f000001"), ".", 1L));
        assertEquals("18446744073709551615", h.text("be2dec", bin("ffffffffffffffff"), ".", 8L));
        assertEquals("18446744073709551615.255", h.text("be2dec", bin("ffffffffffffffffff"), ".", 8L));
        assertEquals("66051:263430:7", h.text("be2dec", bin("01020304050607"), ":", 3L));
        assertEquals("", h.text("be2dec", bin(""), ":", 3L));
        assertEquals("", h.text("be2dec", bin("01"), ":", 3L, 1L));
        assertEquals("513:1027:1541:7", h.text("le2dec", bin("01020304050607"), ":", 2L));
        assertEquals("513-1027-1541", h.text("le2dec", bin("01020304050607"), "-", 2L, 1L));
        assertEquals("51310271541", h.text("le2dec", bin("01020304050607"), "", 2L, 1L));
        assertEquals("127.0.0.1", h.text("le2dec", bin("7f000001"), ".", 1L));
        assertTrue(h.refused("be2dec", ":", 9L).contains("chunk_size"));
        assertTrue(h.refused("le2dec", ":", 0L).contains("chunk_size"));
    }

    @Test
    void be2hex() {
        assertEquals("01020304050607", h.text("be2hex", bin("01020304050607")));
        assertEquals("0102:0304:0506:07", h.text("be2hex", bin("01020304050607"), ":", 2L));
        assertEquals("0102--0304--0506", h.text("be2hex", bin("01020304050607"), "--", 2L, 1L));
        assertEquals("010203040506", h.text("be2hex", bin("0102030405060708"), "", 3L, 1L));
        assertEquals("", h.text("be2hex", bin("")));
        assertEquals("", h.text("be2hex", bin("0102030405"), ":", 9L, 1L));
        assertTrue(h.refused("be2hex", ":").contains("chunk_size needs to be positive"));
    }

    @Test
    void secureMemcmpComparesWithAVariable() {
        h.set("txn.s", Sample.str("hello"));
        assertEquals("1", h.text("secure_memcmp", Sample.str("hello"), var("txn.s")));
        assertEquals("0", h.text("secure_memcmp", Sample.str("hellp"), var("txn.s")));
        assertEquals("0", h.text("secure_memcmp", Sample.str("hell"), var("txn.s")));
        assertEquals("<none>", h.text("secure_memcmp", Sample.str("hello"), var("txn.missing")));
    }
}
