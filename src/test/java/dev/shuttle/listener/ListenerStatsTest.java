package dev.shuttle.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import org.junit.jupiter.api.Test;

/** {@link ListenerStats}: a listener's row identity, status and counting, as 3.5 reports them. */
class ListenerStatsTest {
    @Test
    void anUnnamedListenerIsSockAndItsId() {
        assertEquals("sock-8", new ListenerStats(8, "", 0, "").name());
        assertEquals("first", new ListenerStats(7, "first", 0, "").name());
    }

    @Test
    void itIsFullWhileItsMaxconnIsReached() {
        ListenerStats stats = new ListenerStats(1, "", 2, "");
        stats.accepted();
        stats.served();
        assertEquals("OPEN", stats.status());
        stats.accepted();
        stats.served();
        assertEquals("FULL", stats.status());
        assertEquals(2, stats.currentConnections());
        assertEquals(2, stats.counters().sessions());
        assertEquals(2, stats.counters().connections());
        assertEquals(2, stats.counters().sessionsMax());
        stats.ended();
        assertEquals("OPEN", stats.status());
        assertEquals(2, stats.counters().sessionsMax(), "the maximum stays");
    }

    @Test
    void withoutMaxconnItIsAlwaysOpen() {
        ListenerStats stats = new ListenerStats(1, "", 0, "");
        for (int i = 0; i < 5; i++) {
            stats.served();
        }
        assertEquals("OPEN", stats.status());
    }

    @Test
    void addressesAndProtocolsAreWrittenAs35WritesThem() throws Exception {
        InetSocketAddress v4 = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8080);
        InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("::1"), 443);
        UnixDomainSocketAddress unix = UnixDomainSocketAddress.of("/run/x.sock");
        assertEquals("127.0.0.1:8080", ListenerStats.addressText(v4));
        assertEquals("[::1]:443", ListenerStats.addressText(v6));
        assertEquals("unix", ListenerStats.addressText(unix));
        assertEquals("tcpv4", ListenerStats.protocolName(v4, "127.0.0.1:8080"));
        assertEquals("tcpv6", ListenerStats.protocolName(v6, "[::1]:443"));
        assertEquals("unix_stream", ListenerStats.protocolName(unix, "/run/x.sock"));
        assertEquals("abns_stream", ListenerStats.protocolName(UnixDomainSocketAddress.of(""), "abns@foo"));
        assertEquals("abnsz_stream", ListenerStats.protocolName(UnixDomainSocketAddress.of(""), "abnsz@foo"));
    }
}
