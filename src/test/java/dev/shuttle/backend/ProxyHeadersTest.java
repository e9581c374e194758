package dev.shuttle.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.ProxySending;
import dev.shuttle.config.ServerConfig;
import dev.shuttle.proxyproto.ProxyHeader;
import dev.shuttle.proxyproto.ProxyParser;
import dev.shuttle.proxyproto.ReceiverLimits;
import dev.shuttle.proxyproto.Tlv;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.VariableStore;
import dev.shuttle.server.ConnectionHash;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The header a send-proxy* server's connection starts with, from the client side of a stream. */
class ProxyHeadersTest {
    @TempDir
    Path dir;

    private ProxySending sending(String options) throws Exception {
        ProxyConfig backend = BackendFixture.backendConfig(dir, "server s1 127.0.0.1:80 " + options);
        ServerConfig server = backend.servers().getFirst();
        return server.proxySending();
    }

    private static SampleContext context(String source, int sourcePort, String destination, int destinationPort) {
        return new SampleContext(null, new InetSocketAddress(source, sourcePort),
                new InetSocketAddress(destination, destinationPort), "", VariableStore.local());
    }

    @Test
    void sendProxyIsAVersion1Line() throws Exception {
        assertEquals("PROXY TCP4 192.0.2.7 198.51.100.1 4321 80\r\n", new String(ProxyHeaders.encode(
                sending("send-proxy"), context("192.0.2.7", 4321, "198.51.100.1", 80)), StandardCharsets.US_ASCII));
        assertEquals("PROXY TCP6 2001:db8::9 ::ffff:127.0.0.1 1 2\r\n", new String(ProxyHeaders.encode(
                sending("send-proxy"), context("2001:db8::9", 1, "127.0.0.1", 2)), StandardCharsets.US_ASCII));
        SampleContext unix = new SampleContext(null, null, null, "", VariableStore.local());
        assertEquals("PROXY UNKNOWN\r\n", new String(ProxyHeaders.encode(sending("send-proxy"), unix),
                StandardCharsets.US_ASCII));
    }

    @Test
    void sendProxyV2WithTlvFormatsAndCrcAsHaproxySendsIt() throws Exception {
        ProxySending sending = sending("send-proxy-v2 proxy-v2-options crc32c,ssl set-proxy-v2-tlv-fmt(0xE1) hello "
                + "set-proxy-v2-tlv-fmt(0xE0) %[src] set-proxy-v2-tlv-fmt(0xE2) %[str()]");
        byte[] bytes = ProxyHeaders.encode(sending, context("127.0.0.1", 46416, "127.0.0.1", 19001));
        // HAProxy 3.5's bytes for the same configuration (captured; see ProxyParserTest).
        assertArrayEquals(HexFormat.of().parseHex("0d0a0d0a000d0a515549540a211100327f0000017f000001b5504a39"
                + "e1000568656c6c6fe000093132372e302e302e31e20000030004019289002000050000000000"), bytes);
    }

    @Test
    void aUnixClientGetsALocalHeaderWithItsTlvs() throws Exception {
        SampleContext unix = new SampleContext(null, null, null, "", VariableStore.local());
        ProxyHeader header = ProxyParser.parseWhole(ProxyHeaders.encode(sending("send-proxy-v2 "
                + "set-proxy-v2-tlv-fmt(0xE0) x"), unix), ReceiverLimits.SPEC).header();
        assertEquals(false, header.carriesClient());
        assertEquals("x", header.tlv(0xE0).orElseThrow().valueText());
        assertArrayEquals(HexFormat.of().parseHex("0d0a0d0a000d0a515549540a20000000"),
                ProxyHeaders.encode(sending("send-proxy-v2"), unix));
    }

    @Test
    void optionsAloneSendNothingAndV2WinsOverV1() throws Exception {
        assertEquals(0, sending("proxy-v2-options crc32c set-proxy-v2-tlv-fmt(0xE0) x").version());
        assertEquals(2, sending("send-proxy send-proxy-v2").version());
        assertEquals(0, sending("send-proxy no-send-proxy").version());
    }

    @Test
    void aReceivedAuthorityIsForwarded() throws Exception {
        SampleContext context = context("192.0.2.7", 1, "198.51.100.1", 2);
        ProxyHeader received = ProxyHeader.v2Local(List.of(Tlv.text(Tlv.AUTHORITY, "example.com")));
        context.receivedProxyHeader(received, null, null);
        ProxyHeader sent = ProxyParser.parseWhole(ProxyHeaders.encode(sending("send-proxy-v2 proxy-v2-options authority"),
                context), ReceiverLimits.SPEC).header();
        assertEquals("example.com", sent.tlv(Tlv.AUTHORITY).orElseThrow().valueText());
    }

    @Test
    void healthChecksSendTheirOwnAddressesInV1AndLocalInV2AsHaproxy35() throws Exception {
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", 43526);
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", 19100);
        assertEquals("PROXY TCP4 127.0.0.1 127.0.0.1 43526 19100\r\n", new String(ProxyHeaders.forHealthCheck(
                sending("send-proxy"), local, server), StandardCharsets.US_ASCII));
        // Captured from HAProxy 3.5's check of "send-proxy-v2 proxy-v2-options crc32c,ssl
        // set-proxy-v2-tlv-fmt(0xE0) %[src] set-proxy-v2-tlv-fmt(0xE1) x".
        assertArrayEquals(HexFormat.of().parseHex("0d0a0d0a000d0a515549540a20000016e00000e100017803000431c3229b"
                + "2000050000000000"), ProxyHeaders.forHealthCheck(sending("send-proxy-v2 proxy-v2-options crc32c,ssl "
                + "set-proxy-v2-tlv-fmt(0xE0) %[src] set-proxy-v2-tlv-fmt(0xE1) x"), local, server));
    }

    @Test
    void twoClientsNeverShareAPoolKey() throws Exception {
        ProxySending sending = sending("send-proxy-v2");
        long base = ConnectionHash.of(1, "127.0.0.1", 80);
        long first = ConnectionHash.withProxyHeader(base, ProxyHeaders.encode(sending, context("192.0.2.1", 1000, "10.0.0.1", 80)));
        long again = ConnectionHash.withProxyHeader(base, ProxyHeaders.encode(sending, context("192.0.2.1", 1000, "10.0.0.1", 80)));
        long other = ConnectionHash.withProxyHeader(base, ProxyHeaders.encode(sending, context("192.0.2.1", 1001, "10.0.0.1", 80)));
        assertEquals(first, again);
        assertNotEquals(first, other);
        assertNotEquals(base, first);
    }
}
