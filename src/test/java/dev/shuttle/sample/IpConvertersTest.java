package dev.shuttle.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected values were captured from haproxy 2.6 ("%[str(addr),ipmask(...)]"). */
class IpConvertersTest {
    private final SampleConvertersTest.Harness h = new SampleConvertersTest.Harness(IpConverters::register);

    private String run(String address, Object... args) {
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
}
