package dev.shuttle.proxyproto;

import static dev.shuttle.proxyproto.Bytes.ascii;
import static dev.shuttle.proxyproto.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shuttle.proxyproto.ProxyParseError.Code;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Headers written and read back, for each command, family, protocol and kind of TLV, one byte at a time. */
class ProxyEncoderTest {
    private static final ProxyAddresses V4 = ProxyAddresses.ip(hex("c0a80001"), 56324, hex("c0a8000b"), 443);
    private static final ProxyAddresses V6 = ProxyAddresses.ip(hex("20010db8000000000000000000000001"), 1,
            hex("20010db8000000000000000000000002"), 65535);

    private static ProxyHeader roundTrip(ProxyHeader header, ReceiverLimits limits) throws ProxyParseError {
        byte[] bytes = ProxyEncoder.encode(header);
        ProxyParser.Parsed.Complete parsed = ProxyParserTest.parse(bytes, limits);
        assertEquals(bytes.length, parsed.length());
        assertEquals(header, parsed.header());
        assertArrayEquals(bytes, ProxyEncoder.encode(parsed.header()));
        return parsed.header();
    }

    @Test
    void v1Lines() throws ProxyParseError {
        assertArrayEquals(ascii("PROXY TCP4 192.168.0.1 192.168.0.11 56324 443\r\n"),
                ProxyEncoder.encode(ProxyHeader.v1(V4)));
        assertArrayEquals(ascii("PROXY TCP6 2001:db8::1 2001:db8::2 1 65535\r\n"), ProxyEncoder.encode(ProxyHeader.v1(V6)));
        assertArrayEquals(ascii("PROXY UNKNOWN\r\n"), ProxyEncoder.encode(ProxyHeader.v1Unknown()));
        roundTrip(ProxyHeader.v1(V4), ReceiverLimits.haproxy(16384));
        roundTrip(ProxyHeader.v1(V6), ReceiverLimits.haproxy(16384));
        roundTrip(ProxyHeader.v1Unknown(), ReceiverLimits.haproxy(16384));
    }

    @Test
    void v2EveryCommandFamilyAndProtocol() throws ProxyParseError {
        byte[] path = new byte[108];
        path[0] = '/';
        ProxyAddresses unix = new ProxyAddresses(path, path, 0, 0);
        List<Tlv> one = List.of(Tlv.text(0xE0, "x"));
        for (TransportProtocol protocol : TransportProtocol.values()) {
            for (ProxyAddresses addresses : List.of(V4, V6, unix)) {
                roundTrip(new ProxyHeader(2, ProxyCommand.PROXY, addresses.family(), protocol, Optional.of(addresses),
                        one), ReceiverLimits.SPEC);
            }
            roundTrip(new ProxyHeader(2, ProxyCommand.PROXY, AddressFamily.UNSPEC, protocol, Optional.empty(), one),
                    ReceiverLimits.SPEC);
        }
        roundTrip(ProxyHeader.v2Local(List.of()), ReceiverLimits.haproxy(16384));
        roundTrip(ProxyHeader.v2Local(one), ReceiverLimits.haproxy(16384));
        roundTrip(ProxyHeader.v2(V4, one), ReceiverLimits.haproxy(16384));
        roundTrip(ProxyHeader.v2(V6, one), ReceiverLimits.haproxy(16384));
    }

    @Test
    void v2EveryKindOfTlv() throws ProxyParseError {
        SslTlv ssl = new SslTlv(SslTlv.CLIENT_SSL | SslTlv.CLIENT_CERT_CONN, 0, List.of(
                Tlv.text(Tlv.SSL_VERSION, "TLSv1.3"), Tlv.text(Tlv.SSL_CN, "client"),
                Tlv.text(Tlv.SSL_CIPHER, "TLS_AES_128_GCM_SHA256"), Tlv.text(Tlv.SSL_SIG_ALG, "RSA-SHA256"),
                Tlv.text(Tlv.SSL_KEY_ALG, "RSA2048")));
        List<Tlv> tlvs = List.of(Tlv.text(Tlv.ALPN, "h2"), Tlv.text(Tlv.AUTHORITY, "example.com"),
                new Tlv(Tlv.NOOP, new byte[7]), Tlv.text(Tlv.UNIQUE_ID, "id-1"), ssl.toTlv(),
                Tlv.text(Tlv.NETNS, "blue"), new Tlv(0xE0, new byte[0]), new Tlv(0xF7, hex("00ff")));
        ProxyHeader back = roundTrip(ProxyHeader.v2(V4, tlvs), ReceiverLimits.haproxy(16384));
        assertEquals(ssl, SslTlv.parse(back.tlv(Tlv.SSL).orElseThrow()));
        assertEquals("client", SslTlv.parse(back.tlv(Tlv.SSL).orElseThrow()).sub(Tlv.SSL_CN).orElseThrow().valueText());
    }

    @Test
    void crc32cIsComputedAndChecked() throws ProxyParseError {
        byte[] bytes = ProxyEncoder.encode(ProxyHeader.v2(V4, List.of(new Tlv(Tlv.CRC32C, new byte[4]))));
        ProxyParserTest.parse(bytes);
        int crcType = 16 + 12;
        for (int i = 16; i < bytes.length; i++) {
            if (i == crcType) {
                continue; // 0x03 damaged to 0x02 is a valid authority TLV of 4 bytes, and no checksum
            }
            byte[] damaged = bytes.clone();
            damaged[i] ^= 0x01;
            ProxyParseError error = assertThrows(ProxyParseError.class,
                    () -> ProxyParser.parseWhole(damaged, ReceiverLimits.SPEC), "damage at " + i);
            assertEquals(Code.PRX_BAD_HDR, error.code());
        }
    }

    @Test
    void aHeaderNear64KiB() throws ProxyParseError {
        List<Tlv> tlvs = new ArrayList<>();
        int room = 0xFFFF - 12;
        while (room > 0) {
            int length = Math.min(room - Tlv.HEADER_LENGTH, 4000);
            tlvs.add(new Tlv(0xE0 + tlvs.size() % 16, new byte[length]));
            room -= length + Tlv.HEADER_LENGTH;
        }
        byte[] bytes = ProxyEncoder.encode(ProxyHeader.v2(V4, tlvs));
        assertEquals(16 + 0xFFFF, bytes.length);
        roundTrip(ProxyHeader.v2(V4, tlvs), ReceiverLimits.SPEC);
        List<Tlv> tooMany = new ArrayList<>(tlvs);
        tooMany.add(new Tlv(0xE0, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> ProxyEncoder.encode(ProxyHeader.v2(V4, tooMany)));
        assertEquals(Code.PRX_TRUNCATED, assertThrows(ProxyParseError.class,
                () -> ProxyParser.parseWhole(bytes, ReceiverLimits.haproxy(16384))).code());
    }

    @Test
    void sslSubTlvsMayNotOverrunTheirParent() {
        assertEquals(Code.PRX_BAD_HDR, assertThrows(ProxyParseError.class,
                () -> SslTlv.parse(new Tlv(Tlv.SSL, hex("07 00000000 22 0009 414141")))).code());
        assertEquals(Code.PRX_BAD_HDR, assertThrows(ProxyParseError.class,
                () -> SslTlv.parse(new Tlv(Tlv.SSL, hex("0700")))).code());
    }

    @Test
    void tlvNamesOfFcPpTlv() {
        assertEquals(Tlv.SSL_CN, Tlv.typeOf("SSL_CN").orElseThrow());
        assertEquals(Tlv.CRC32C, Tlv.typeOf("crc32").orElseThrow());
        assertEquals(0x20, Tlv.typeOf("0x20").orElseThrow());
        assertEquals(32, Tlv.typeOf("32").orElseThrow());
        assertEquals(true, Tlv.typeOf("256").isEmpty());
        assertEquals(true, Tlv.typeOf("BOGUS").isEmpty());
    }

    @Test
    void crc32cOfHaproxysHeader() {
        byte[] sent = hex("0d0a0d0a000d0a515549540a 2111 0032 7f000001 7f000001 b550 4a39"
                + " e1 0005 68656c6c6f e0 0009 3132372e302e302e31 e2 0000 03 0004 01928900 20 0005 00 00000000");
        assertEquals(0x01928900, Crc32c.of(sent, 0, sent.length, 16 + 12 + 8 + 12 + 3 + 3));
    }
}
