package dev.shuttle.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected values were captured from haproxy 2.6 ("%[str(addr),ipmask(...)]"). */
class IpConvertersTest {
    private final SampleConvertersTest.Harness h = new SampleConvertersTest.Harness(IpConverters::register);

    /** Masks as written in the configuration: "24", "255.255.0.0", "ffff:ffff::". */
    private String run(String address, Object... masks) {
        Object[] args = new Object[masks.length];
        for (int i = 0; i < masks.length; i++) {
            args[i] = ArgumentParser.mask(String.valueOf(masks[i]), i == 0 ? 4 : 16);
        }
        return h.text("ipmask", Sample.str(address), args);
    }

    @Test
    void masksIpv4() {
        assertEquals("192.168.1.0", run("192.168.1.77", 24));
        assertEquals("192.168.0.0", run("192.168.1.77", 16));
        assertEquals("0.0.0.0", run("192.168.1.77", 0));
        assertEquals("192.168.1.77", run("192.168.1.77", 32));
        assertEquals("192.168.1.64", run("192.168.1.77", 26));
    }

    @Test
    void masksIpv6OnlyWithAMask6() {
        assertEquals("<none>", run("2001:db8:1:2::5", 24));
        assertEquals("2001:db8:1:2::", run("2001:db8:1:2::5", 24, 64));
        assertEquals("2001:db8::", run("2001:db8:1:2::5", 24, 32));
        assertEquals("10.1.0.0", run("::ffff:10.1.2.3", 16, 64), "a mapped address is masked as IPv4");
    }

    @Test
    void masksWrittenAsAddressesApplyBitByBit() {
        // haproxy 2.6, each.
        assertEquals("2001:db8::", run("2001:db8:abcd::1", 24, "ffff:ffff::"));
        assertEquals("2001::1", run("2001:db8:abcd::1", 24, "ffff::ffff"));
        assertEquals("2001:d00::", run("2001:db8:abcd::1", 24, "ffff:ff00::"));
        assertEquals("::", run("2001:db8:abcd::1", 24, "::"));
        assertEquals("2001:db8:abcd:1200::", run("2001:db8:abcd:1234::1", 24, "ffff:ffff:ffff:ff00::"));
        assertEquals("1.0.3.0", run("1.2.3.4", "255.0.255.0"));
        assertEquals("192.168.0.0", run("192.168.37.5", "255.255.0.0"));
    }
}
