package dev.shuttle.proxyproto;

import static dev.shuttle.proxyproto.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Address text both ways; the IPv6 forms are glibc inet_ntop's, which HAProxy's version 1 lines use. */
class AddressTextTest {
    @Test
    void ipv4() {
        assertArrayEquals(hex("01020304"), AddressText.parseIpv4("1.2.3.4").orElseThrow());
        assertArrayEquals(hex("ffffffff"), AddressText.parseIpv4("255.255.255.255").orElseThrow());
        for (String bad : new String[] {"", "1.2.3", "1.2.3.4.5", "1.2.3.256", "1..2.3", "1.2.3.4.", "a.b.c.d",
            "1.2.3.0004", " 1.2.3.4"}) {
            assertTrue(AddressText.parseIpv4(bad).isEmpty(), bad);
        }
        assertEquals("10.0.0.255", AddressText.format(hex("0a0000ff")));
    }

    @Test
    void ipv6Parsing() {
        assertArrayEquals(hex("00000000000000000000000000000001"), AddressText.parseIpv6("::1").orElseThrow());
        assertArrayEquals(new byte[16], AddressText.parseIpv6("::").orElseThrow());
        assertArrayEquals(hex("20010db8000000000000000000000002"), AddressText.parseIpv6("2001:DB8::2").orElseThrow());
        assertArrayEquals(hex("00010002000300040005000600070000"), AddressText.parseIpv6("1:2:3:4:5:6:7::").orElseThrow());
        assertArrayEquals(hex("00000000000000000000ffff01020304"), AddressText.parseIpv6("::ffff:1.2.3.4").orElseThrow());
        assertArrayEquals(hex("00010002000300040005000601020304"), AddressText.parseIpv6("1:2:3:4:5:6:1.2.3.4").orElseThrow());
        for (String bad : new String[] {"", ":", ":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::",
            "g::", "1.2.3.4", "::1.2.3", "1:2:3:4:5:6:7:8::", ":1::"}) {
            assertTrue(AddressText.parseIpv6(bad).isEmpty(), bad);
        }
    }

    @Test
    void ipv6FormattingAsInetNtop() {
        assertEquals("::", AddressText.format(new byte[16]));
        assertEquals("::1", AddressText.format(hex("00000000000000000000000000000001")));
        assertEquals("2001:db8::2", AddressText.format(hex("20010db8000000000000000000000002")));
        assertEquals("2001:db8:0:1:0:0:0:1".replace(":0:0:0:", "::"),
                AddressText.format(hex("20010db8000000010000000000000001")));
        assertEquals("1:0:2::3", AddressText.format(hex("00010000000200000000000000000003")));
        assertEquals("1::", AddressText.format(hex("00010000000000000000000000000000")));
        assertEquals("::ffff:1.2.3.4", AddressText.format(hex("00000000000000000000ffff01020304")));
        assertEquals("::1.2.3.4", AddressText.format(hex("00000000000000000000000001020304")));
        assertEquals("1:2:3:4:5:6:7:8", AddressText.format(hex("00010002000300040005000600070008")));
        assertEquals("::ffff:1.2.3.4", AddressText.format(AddressText.mapped(hex("01020304"))));
    }
}
