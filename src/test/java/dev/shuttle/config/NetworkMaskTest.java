package dev.shuttle.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.lang.ConfigException;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class NetworkMaskTest {
    @Test
    void prefixAndDottedMasksMatchTheSameNetwork() throws Exception {
        for (String text : new String[] {"10.1.0.0/16", "10.1.2.3/255.255.0.0"}) {
            NetworkMask mask = NetworkMask.parse(text);
            assertTrue(mask.matches(InetAddress.getByName("10.1.200.7")), text);
            assertFalse(mask.matches(InetAddress.getByName("10.2.0.1")), text);
        }
    }

    @Test
    void aBareAddressIsAHostRoute() throws Exception {
        NetworkMask mask = NetworkMask.parse("127.0.0.1");
        assertTrue(mask.matches(InetAddress.getByName("127.0.0.1")));
        assertFalse(mask.matches(InetAddress.getByName("127.0.0.2")));
    }

    @Test
    void ipv6NetworksDoNotMatchIpv4Addresses() throws Exception {
        NetworkMask mask = NetworkMask.parse("::/0");
        assertTrue(mask.matches(InetAddress.getByName("2001:db8::1")));
        assertFalse(mask.matches(InetAddress.getByName("127.0.0.1")));
    }

    @Test
    void badNetworksAreRefused() {
        for (String text : new String[] {"", "host.example", "10.0.0.0/33", "10.0.0.0/255.0.255.0", "10.0.0.0/x"}) {
            assertThrows(ConfigException.class, () -> NetworkMask.parse(text), text);
        }
    }
}
