package dev.shuttle.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {
    @ParameterizedTest
    @ValueSource(strings = {"::1", "::", "2001:db8::1", "fe80::1:2:3:4", "1:2:3:4:5:6:7:8", "::ffff:1.2.3.4",
            "1::", "1:2:3:4:5:6:1.2.3.4", "ABCD::ef"})
    void ipv6(String text) {
        assertTrue(IpLiteral.isIpv6(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":", ":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", "g::1", "1.2.3.4", "1:2:3:4:5:6:7",
            "::1.2.3", "1:2:3:4:5:6:7:1.2.3.4", "[::1]"})
    void notIpv6(String text) {
        assertFalse(IpLiteral.isIpv6(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3.4", "0.0.0.0", "255.255.255.255"})
    void ipv4(String text) {
        assertTrue(IpLiteral.isIpv4(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3", "256.1.1.1", "1.2.3.4.5", "a.b.c.d", "1..2.3", "0001.2.3.4"})
    void notIpv4(String text) {
        assertFalse(IpLiteral.isIpv4(text), text);
    }
}
