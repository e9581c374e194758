package dev.shuttle.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The SOCKS4 CONNECT request and reply bytes, as HAProxy 3.5 sends and reads them (checked live). */
class Socks4Test {
    @Test
    void theRequestIsVersionCommandPortAddressAndHaproxysUserId() throws Exception {
        // What HAProxy 3.5 sent for 127.0.0.1:9 in vtc/checks/socks4_check.vtc:
        // \x04\x01\x00\t\x7f\x00\x00\x01HAProxy\x00
        byte[] expected = {4, 1, 0, 9, 127, 0, 0, 1, 'H', 'A', 'P', 'r', 'o', 'x', 'y', 0};
        assertArrayEquals(expected, Socks4.connectRequest(
                new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 9)));
    }

    @Test
    void thePortAndAddressAreInNetworkOrder() throws Exception {
        byte[] request = Socks4.connectRequest(new InetSocketAddress(InetAddress.getByName("192.168.10.254"), 8443));
        assertEquals(0x20, request[2] & 0xFF);
        assertEquals(0xFB, request[3] & 0xFF);
        assertArrayEquals(new byte[] {(byte) 192, (byte) 168, 10, (byte) 254}, java.util.Arrays.copyOfRange(request, 4, 8));
    }

    @Test
    void anIpv6DestinationGoesAsZeroAsHaproxySendsIt() throws Exception {
        byte[] request = Socks4.connectRequest(new InetSocketAddress(InetAddress.getByName("::1"), 80));
        assertArrayEquals(new byte[4], java.util.Arrays.copyOfRange(request, 4, 8));
    }

    @Test
    void onlyTheReplyCodeIsRead() {
        assertEquals(Socks4.GRANTED, Socks4.replyCode(new byte[] {0, 0x5A, 0, 0, 0, 0, 0, 0}));
        assertEquals(0x5A, Socks4.replyCode(new byte[] {4, 0x5A, 1, 2, 3, 4, 5, 6}));
        assertEquals(0x5B, Socks4.replyCode(new byte[] {0, 0x5B, 0, 0, 0, 0, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> Socks4.replyCode(new byte[] {0, 0x5A}));
    }
}
