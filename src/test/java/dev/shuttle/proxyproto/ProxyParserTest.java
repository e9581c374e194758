package dev.shuttle.proxyproto;

import static dev.shuttle.proxyproto.Bytes.ascii;
import static dev.shuttle.proxyproto.Bytes.concat;
import static dev.shuttle.proxyproto.Bytes.hex;
import static dev.shuttle.proxyproto.Bytes.tlv;
import static dev.shuttle.proxyproto.Bytes.v2;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.shuttle.proxyproto.ProxyParseError.Code;
import dev.shuttle.proxyproto.ProxyParser.Parsed;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The parser over the spec's examples (proxy-protocol.txt §2.1, §2.2) and every refusal, each also
 * fed one byte at a time: every prefix of a good header must ask for more, never decide early, and
 * a bad one must be refused with the same code however it is cut.
 */
class ProxyParserTest {
    private static final ReceiverLimits HAPROXY = ReceiverLimits.haproxy(16384);
    private static final byte[] INET_BLOCK = hex("7f000001 7f000002 04d2 0050");

    /** Parses {@code bytes} whole and one byte at a time; both must agree. */
    static Parsed.Complete parse(byte[] bytes, ReceiverLimits limits) throws ProxyParseError {
        Parsed.Complete whole = ProxyParser.parseWhole(bytes, limits);
        for (int n = 0; n < whole.length(); n++) {
            Parsed prefix = ProxyParser.parse(bytes, 0, n, limits);
            Parsed.NeedMore more = assertInstanceOf(Parsed.NeedMore.class, prefix, "prefix of " + n + " bytes");
            assertTrue(more.atLeast() > n && more.atLeast() <= whole.length(),
                    "asks for " + more.atLeast() + " after " + n + " of " + whole.length());
        }
        return whole;
    }

    static Parsed.Complete parse(byte[] bytes) throws ProxyParseError {
        return parse(bytes, HAPROXY);
    }

    /**
     * {@code bytes} are refused with {@code code} once whole, and no prefix of them is ever taken for
     * a header; a prefix is refused with the same code, except that bytes that start no header are
     * {@code PRX_TRUNCATED} while fewer than 16 (HAProxy 3.5's verdict for so few).
     */
    static void refused(Code code, byte[] bytes, ReceiverLimits limits) {
        ProxyParseError error = assertThrows(ProxyParseError.class, () -> ProxyParser.parse(bytes, 0, bytes.length, limits));
        assertEquals(code, error.code(), error.getMessage());
        for (int n = 0; n < bytes.length; n++) {
            try {
                if (ProxyParser.parse(bytes, 0, n, limits) instanceof Parsed.Complete) {
                    fail("a prefix of " + n + " bytes was taken for a header");
                }
            } catch (ProxyParseError early) {
                Code expected = code == Code.PRX_NOT_HDR && n < 16 ? Code.PRX_TRUNCATED : code;
                assertEquals(expected, early.code(), "refused early with another code at " + n);
            }
        }
    }

    static void refused(Code code, byte[] bytes) {
        refused(code, bytes, HAPROXY);
    }

    @Test
    void specExampleTcp4() throws ProxyParseError {
        byte[] line = ascii("PROXY TCP4 192.168.0.1 192.168.0.11 56324 443\r\nGET / HTTP/1.1\r\n");
        Parsed.Complete parsed = parse(line);
        assertEquals(47, parsed.length());
        ProxyHeader header = parsed.header();
        assertEquals(1, header.version());
        assertEquals(AddressFamily.INET, header.family());
        ProxyAddresses a = header.addresses().orElseThrow();
        assertEquals("192.168.0.1", a.sourceText());
        assertEquals("192.168.0.11", a.destinationText());
        assertEquals(56324, a.sourcePort());
        assertEquals(443, a.destinationPort());
        assertTrue(header.carriesClient());
    }

    @Test
    void specWorstCasesTcp4AndTcp6() throws ProxyParseError {
        assertEquals(56, parse(ascii("PROXY TCP4 255.255.255.255 255.255.255.255 65535 65535\r\n")).length());
        String full = "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff";
        Parsed.Complete six = parse(ascii("PROXY TCP6 " + full + " " + full + " 65535 65535\r\n"));
        assertEquals(104, six.length());
        assertEquals(AddressFamily.INET6, six.header().family());
        assertEquals(full, six.header().addresses().orElseThrow().sourceText());
    }

    @Test
    void specUnknownKeepsTheSocketsAddresses() throws ProxyParseError {
        Parsed.Complete unknown = parse(ascii("PROXY UNKNOWN\r\n"));
        assertEquals(15, unknown.length());
        assertFalse(unknown.header().carriesClient());
        assertEquals(AddressFamily.UNSPEC, unknown.header().family());
    }

    @Test
    void specUnknownWithAddressesIsIgnoredBySpecButRefusedByHaproxy() throws ProxyParseError {
        String full = "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff";
        byte[] line = ascii("PROXY UNKNOWN " + full + " " + full + " 65535 65535\r\n");
        assertEquals(107, line.length);
        assertFalse(parse(line, ReceiverLimits.SPEC).header().carriesClient());
        refused(Code.PRX_BAD_PROTO, line);
    }

    @Test
    void tcp6Forms() throws ProxyParseError {
        ProxyAddresses a = parse(ascii("PROXY TCP6 ::1 2001:db8::2 1 80\r\n")).header().addresses().orElseThrow();
        assertEquals("::1", a.sourceText());
        assertEquals("2001:db8::2", a.destinationText());
        ProxyAddresses mapped = parse(ascii("PROXY TCP6 ::ffff:1.2.3.4 ::2 1 2\r\n")).header().addresses().orElseThrow();
        assertArrayEquals(hex("00000000000000000000ffff01020304"), mapped.source());
    }

    @Test
    void tcp4LeadingZerosAndPortZeroAreAccepted() throws ProxyParseError {
        ProxyAddresses a = parse(ascii("PROXY TCP4 01.2.3.4 5.6.7.8 0 01\r\n")).header().addresses().orElseThrow();
        assertEquals("1.2.3.4", a.sourceText());
        assertEquals(0, a.sourcePort());
        assertEquals(1, a.destinationPort());
    }

    @Test
    void v1Refusals() {
        refused(Code.PRX_BAD_PROTO, ascii("PROXY UDP4 1.2.3.4 5.6.7.8 1 2\r\n"));
        refused(Code.PRX_BAD_PROTO, ascii("PROXY UNKNOWN foo\r\n"));
        refused(Code.PRX_BAD_PROTO, ascii("PROXY TCP4\r\n"));
        refused(Code.PRX_BAD_HDR, ascii("PROXY TCP4 1.2.3.4 5.6.7.8 1111\r\n"));
        refused(Code.PRX_BAD_HDR, ascii("PROXY TCP4  1.2.3.4 5.6.7.8 1 2\r\n"));
        refused(Code.PRX_BAD_HDR, ascii("PROXY TCP4 1.2.3.4 5.6.7.8 1 2 \r\n"));
        refused(Code.PRX_BAD_HDR, ascii("PROXY TCP4 1.2.3.400 5.6.7.8 1 2\r\n"));
        refused(Code.PRX_BAD_HDR, ascii("PROXY TCP4 1.2.3 5.6.7.8 1 2\r\n"));
        refused(Code.PRX_BAD_HDR, ascii("PROXY TCP4 ::1 ::1 1 2\r\n"));
        refused(Code.PRX_BAD_HDR, ascii("PROXY TCP6 1.2.3.4 2001:db8::2 1 80\r\n"));
        refused(Code.PRX_BAD_HDR, ascii("PROXY TCP6 1::2::3 ::2 1 80\r\n"));
        refused(Code.PRX_BAD_HDR, ascii("PROXY TCP4 1.2.3.4 5.6.7.8 70000 2\r\n"));
        refused(Code.PRX_BAD_HDR, ascii("PROXY TCP4 1.2.3.4 5.6.7.8 1x 2\r\n"));
        refused(Code.PRX_BAD_HDR, ascii("PROXY TCP4 1.2.3.4 5.6.7.8 1 2\n"));
    }

    @Test
    void v1LineWithoutCrlfIn107BytesIsRefused() {
        byte[] line = ascii("PROXY TCP6 " + "1".repeat(120) + "\r\n");
        refused(Code.PRX_BAD_HDR, line);
        ProxyParseError error = assertThrows(ProxyParseError.class, () -> ProxyParser.parse(line, 0, 107, HAPROXY));
        assertEquals(Code.PRX_BAD_HDR, error.code());
    }

    @Test
    void notAHeader() {
        refused(Code.PRX_NOT_HDR, ascii("GET / HTTP/1.1\r\n\r\n"));
        refused(Code.PRX_NOT_HDR, ascii("PROXYTCP4 1.2.3.4 5.6.7.8 1 2\r\n"));
        refused(Code.PRX_NOT_HDR, hex("16030100 fa010000 f60303aa bbccddee"));
        refused(Code.PRX_NOT_HDR, hex("0d0a0d0a000d0a51554954ff21110000"));
        // A v2 signature with another version (3) is not a header we know.
        refused(Code.PRX_NOT_HDR, v2(0x31, 0x11, INET_BLOCK));
        refused(Code.PRX_NOT_HDR, v2(0x11, 0x11, INET_BLOCK));
    }

    /** HAProxy 3.5 (conn_recv_proxy, and live) calls fewer than 16 bytes that start no header truncated. */
    @Test
    void fewerThan16BytesThatStartNoHeaderAreTruncated() {
        refused(Code.PRX_TRUNCATED, ascii("GARBAGE\r\n\r\n"));
        refused(Code.PRX_TRUNCATED, ascii("G"));
        refused(Code.PRX_TRUNCATED, ascii("PROXYTCP4"));
        refused(Code.PRX_TRUNCATED, hex("0d0a0d0a000d0a51554954ff"));
        refused(Code.PRX_TRUNCATED, hex("16030100"));
        refused(Code.PRX_TRUNCATED, hex("0d0a0d0a000d0a515549540a31"));
        refused(Code.PRX_NOT_HDR, ascii("GARBAGE GARBAGE\r"));
        refused(Code.PRX_TRUNCATED, hex("0d0a0d0a000d0a515549540a311100"));
        refused(Code.PRX_NOT_HDR, hex("0d0a0d0a000d0a515549540a3111000c"));
    }

    /** A protocol word that can be none of TCP4, TCP6, UNKNOWN is refused from 9 bytes on, without its CRLF. */
    @Test
    void unknownProtocolIsRefusedBeforeTheLineEnds() throws ProxyParseError {
        ProxyParseError error = assertThrows(ProxyParseError.class,
                () -> ProxyParser.parse(ascii("PROXY FOO"), 0, 9, HAPROXY));
        assertEquals(Code.PRX_BAD_PROTO, error.code());
        assertInstanceOf(Parsed.NeedMore.class, ProxyParser.parse(ascii("PROXY FO"), 0, 8, HAPROXY));
        assertInstanceOf(Parsed.NeedMore.class, ProxyParser.parse(ascii("PROXY UNKNOWN"), 0, 13, HAPROXY));
        assertInstanceOf(Parsed.NeedMore.class, ProxyParser.parse(ascii("PROXY TCP6 ::1"), 0, 14, HAPROXY));
        refused(Code.PRX_BAD_PROTO, ascii("PROXY TCP4\r\n"));
        refused(Code.PRX_BAD_PROTO, ascii("PROXY UNKNOWN x\r\n"));
        assertInstanceOf(Parsed.Complete.class, ProxyParser.parse(ascii("PROXY UNKNOWN x\r\n"), 0, 17,
                ReceiverLimits.SPEC));
    }

    @Test
    void truncatedInputOnlyAsksForMore() throws ProxyParseError {
        assertEquals(new Parsed.NeedMore(1), ProxyParser.parse(new byte[0], 0, 0, HAPROXY));
        assertInstanceOf(Parsed.NeedMore.class, ProxyParser.parse(ascii("PROX"), 0, 4, HAPROXY));
        assertThrows(ProxyParseError.class, () -> ProxyParser.parseWhole(ascii("PROX"), HAPROXY));
        assertEquals(Code.PRX_TRUNCATED, assertThrows(ProxyParseError.class,
                () -> ProxyParser.parseWhole(ascii("PROXY TCP4 1.2.3.4"), HAPROXY)).code());
    }

    @Test
    void v2ProxyInet() throws ProxyParseError {
        byte[] block = v2(0x21, 0x11, INET_BLOCK);
        Parsed.Complete parsed = parse(concat(block, ascii("GET /")));
        assertEquals(28, parsed.length());
        ProxyHeader header = parsed.header();
        assertEquals(2, header.version());
        assertEquals(ProxyCommand.PROXY, header.command());
        assertEquals(TransportProtocol.STREAM, header.transport());
        ProxyAddresses a = header.addresses().orElseThrow();
        assertEquals("127.0.0.1", a.sourceText());
        assertEquals("127.0.0.2", a.destinationText());
        assertEquals(1234, a.sourcePort());
        assertEquals(80, a.destinationPort());
        assertEquals(List.of(), header.tlvs());
    }

    @Test
    void v2ProxyInet6() throws ProxyParseError {
        byte[] body = hex("20010db8000000000000000000000001 20010db8000000000000000000000002 0001 01bb");
        ProxyAddresses a = parse(v2(0x21, 0x21, body)).header().addresses().orElseThrow();
        assertEquals("2001:db8::1", a.sourceText());
        assertEquals("2001:db8::2", a.destinationText());
        assertEquals(443, a.destinationPort());
    }

    @Test
    void v2LocalHasTlvsRightAfterTheFixedPart() throws ProxyParseError {
        ProxyHeader header = parse(v2(0x20, 0x00, tlv(0xE0, 3))).header();
        assertEquals(ProxyCommand.LOCAL, header.command());
        assertFalse(header.carriesClient());
        assertEquals("AAA", header.tlv(0xE0).orElseThrow().valueText());
        assertFalse(parse(v2(0x20, 0x00, new byte[0])).header().carriesClient());
        // HAProxy 3.5 reads a LOCAL header's address block as TLVs, which then overrun it.
        refused(Code.PRX_BAD_HDR, v2(0x20, 0x11, INET_BLOCK));
    }

    @Test
    void v2OtherFamiliesBySpecAndRefusedByHaproxy() throws ProxyParseError {
        byte[] unixBlock = new byte[216];
        unixBlock[0] = '/';
        unixBlock[1] = 'a';
        unixBlock[108] = '/';
        unixBlock[109] = 'b';
        for (int familyProtocol : new int[] {0x31, 0x32}) {
            ProxyHeader header = parse(v2(0x21, familyProtocol, concat(unixBlock, tlv(0xE0, 1))),
                    ReceiverLimits.SPEC).header();
            assertEquals(AddressFamily.UNIX, header.family());
            assertEquals("/a", header.addresses().orElseThrow().sourceText());
            assertEquals("/b", header.addresses().orElseThrow().destinationText());
            assertEquals(1, header.tlvs().size());
            refused(Code.PRX_BAD_HDR, v2(0x21, familyProtocol, unixBlock));
        }
        ProxyHeader datagram = parse(v2(0x21, 0x12, INET_BLOCK), ReceiverLimits.SPEC).header();
        assertEquals(TransportProtocol.DGRAM, datagram.transport());
        refused(Code.PRX_BAD_HDR, v2(0x21, 0x12, INET_BLOCK));
        ProxyHeader unspec = parse(v2(0x21, 0x00, tlv(0xE0, 2)), ReceiverLimits.SPEC).header();
        assertFalse(unspec.carriesClient());
        assertEquals(1, unspec.tlvs().size());
        refused(Code.PRX_BAD_HDR, v2(0x21, 0x00, new byte[0]));
        refused(Code.PRX_BAD_HDR, v2(0x21, 0x41, INET_BLOCK), ReceiverLimits.SPEC);
        refused(Code.PRX_BAD_HDR, v2(0x21, 0x13, INET_BLOCK), ReceiverLimits.SPEC);
    }

    @Test
    void v2Refusals() {
        refused(Code.PRX_BAD_HDR, v2(0x22, 0x11, INET_BLOCK));
        refused(Code.PRX_BAD_HDR, v2(0x2F, 0x11, INET_BLOCK));
        refused(Code.PRX_BAD_HDR, v2(0x21, 0x11, hex("7f000001")));
        refused(Code.PRX_BAD_HDR, v2(0x21, 0x21, INET_BLOCK));
        refused(Code.PRX_BAD_HDR, v2(0x21, 0x11, concat(INET_BLOCK, hex("e0 0009 414141"))));
        refused(Code.PRX_BAD_HDR, v2(0x21, 0x11, concat(INET_BLOCK, hex("e000"))));
        refused(Code.PRX_BAD_HDR, v2(0x21, 0x11, concat(INET_BLOCK, tlv(Tlv.AUTHORITY, 256))));
        refused(Code.PRX_BAD_HDR, v2(0x21, 0x11, concat(INET_BLOCK, tlv(Tlv.UNIQUE_ID, 129))));
        refused(Code.PRX_BAD_HDR, v2(0x21, 0x11, concat(INET_BLOCK, tlv(0xE0, 1025))));
        refused(Code.PRX_BAD_HDR, v2(0x21, 0x11, concat(INET_BLOCK, hex("03 0004 deadbeef"))));
        refused(Code.PRX_BAD_HDR, v2(0x21, 0x11, concat(INET_BLOCK, hex("03 0003 deadbe"))));
    }

    @Test
    void v2LimitsAtTheirEdges() throws ProxyParseError {
        assertEquals(255, parse(v2(0x21, 0x11, concat(INET_BLOCK, tlv(Tlv.AUTHORITY, 255)))).header()
                .tlv(Tlv.AUTHORITY).orElseThrow().length());
        assertEquals(128, parse(v2(0x21, 0x11, concat(INET_BLOCK, tlv(Tlv.UNIQUE_ID, 128)))).header()
                .tlv(Tlv.UNIQUE_ID).orElseThrow().length());
        assertEquals(1024, parse(v2(0x21, 0x11, concat(INET_BLOCK, tlv(0xE0, 1024)))).header()
                .tlv(0xE0).orElseThrow().length());
    }

    @Test
    void v2LongerThanTheBufferIsTruncated() {
        byte[] block = v2(0x21, 0x11, concat(INET_BLOCK, tlv(0xE0, 1000)));
        ProxyParseError error = assertThrows(ProxyParseError.class,
                () -> ProxyParser.parse(block, 0, 16, ReceiverLimits.haproxy(1000)));
        assertEquals(Code.PRX_TRUNCATED, error.code());
    }

    @Test
    void v2DuplicateTlvsKeepTheirOrder() throws ProxyParseError {
        ProxyHeader header = parse(v2(0x21, 0x11, concat(INET_BLOCK, tlv(0xE0, 0), tlv(0xE1, 1), tlv(0xE0, 2))))
                .header();
        assertEquals(0, header.tlv(0xE0).orElseThrow().length());
        assertEquals(List.of(0, 2), header.tlvsOf(0xE0).stream().map(Tlv::length).toList());
    }

    @Test
    void v2GoldenBytesFromHaproxy35() throws ProxyParseError {
        // What HAProxy 3.5 sent for send-proxy-v2, proxy-v2-options crc32c,ssl and three
        // set-proxy-v2-tlv-fmt (0xE1 "hello", 0xE0 "%[src]", 0xE2 empty), over plain TCP.
        byte[] sent = hex("0d0a0d0a000d0a515549540a 2111 0032 7f000001 7f000001 b550 4a39"
                + " e1 0005 68656c6c6f e0 0009 3132372e302e302e31 e2 0000 03 0004 01928900 20 0005 00 00000000");
        ProxyHeader header = parse(sent).header();
        assertEquals(List.of(0xE1, 0xE0, 0xE2, Tlv.CRC32C, Tlv.SSL), header.tlvs().stream().map(Tlv::type).toList());
        assertEquals("127.0.0.1", header.tlv(0xE0).orElseThrow().valueText());
        assertArrayEquals(sent, ProxyEncoder.encode(header));
    }
}
