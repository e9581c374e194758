package dev.shuttle.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/**
 * {@link HostResolver}'s IPv4 literals: a dotted quad is parsed without a resolver, and any other
 * string of digits and dots is refused at once instead of becoming a DNS query.
 */
class HostResolverTest {

    @Test
    void parsesDottedQuads() throws UnknownHostException {
        assertArrayEquals(new byte[] {1, 2, 3, 4}, HostResolver.resolve("1.2.3.4", Address.Family.ANY).getAddress());
        assertArrayEquals(new byte[] {0, 0, 0, 0}, HostResolver.resolve("0.0.0.0", Address.Family.IPV4).getAddress());
        assertArrayEquals(new byte[] {(byte) 255, (byte) 255, (byte) 255, (byte) 255},
                HostResolver.resolve("255.255.255.255", Address.Family.ANY).getAddress());
        assertArrayEquals(new byte[] {127, 0, 10, 1}, HostResolver.resolve("127.000.010.01", Address.Family.ANY).getAddress());
    }

    @Test
    void refusesOtherShapesOfDigitsAndDots() {
        for (String bad : new String[] {"1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.999", "1..2.3", ".1.2.3",
                "1.2.3.4.", "1234.1.1.1", "0001.2.3.4", "1.2.3.", "...", "."}) {
            assertThrows(UnknownHostException.class, () -> HostResolver.resolve(bad, Address.Family.ANY), bad);
        }
    }

    @Test
    void refusesAnIpv4LiteralWhereIpv6IsForced() {
        assertThrows(UnknownHostException.class, () -> HostResolver.resolve("1.2.3.4", Address.Family.IPV6));
    }
}
