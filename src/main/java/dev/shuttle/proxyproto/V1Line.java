package dev.shuttle.proxyproto;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The version 1 header: one US-ASCII line (proxy-protocol.txt §2.1).
 *
 * <pre>
 *   "PROXY" SP ( "TCP4" | "TCP6" ) SP src-ip SP dst-ip SP src-port SP dst-port CRLF
 *   "PROXY" SP "UNKNOWN" CRLF
 * </pre>
 *
 * Single spaces only; ports are decimal numbers 0 to 65535; addresses are IPv4 dotted quads for
 * TCP4 and IPv6 text for TCP6. The whole line, CRLF included, is at most 107 bytes (§2.1: "a
 * receiver may reject an incomplete line which does not contain the CRLF sequence in the first 107
 * characters"). The spec has the receiver ignore what follows {@code UNKNOWN}; HAProxy 3.5 accepts
 * the word alone ({@link ReceiverLimits#bareUnknown()}). Any other protocol is {@code PRX_BAD_PROTO}.
 */
final class V1Line {
    static final byte[] PREFIX = "PROXY ".getBytes(StandardCharsets.US_ASCII);
    /** §2.1: the longest line, "PROXY TCP6 " and two full IPv6 addresses and ports, with CRLF. */
    static final int MAX_LENGTH = 107;

    /**
     * From this many bytes on ("PROXY " and three more) a protocol word that can be none of the known
     * ones is refused at once, before its line ends, as HAProxy 3.5 does ("PROXY FOO" is logged
     * "Received an unhandled protocol in the PROXY protocol header" without waiting for a CRLF).
     */
    static final int SHORTEST_CHECKED = 9;
    private static final byte[][] PROTOCOLS = {ascii("TCP4 "), ascii("TCP6 "), ascii("UNKNOWN\r\n")};
    private static final byte[] UNKNOWN_WITH_MORE = ascii("UNKNOWN ");

    private V1Line() {}

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Whether the {@code length} bytes after "PROXY " may still start a protocol this receiver knows. */
    private static boolean protocolMayFollow(byte[] bytes, int offset, int length, ReceiverLimits limits) {
        for (byte[] protocol : PROTOCOLS) {
            if (ProxyParser.startsLike(bytes, offset, length, protocol)) {
                return true;
            }
        }
        return !limits.bareUnknown() && ProxyParser.startsLike(bytes, offset, length, UNKNOWN_WITH_MORE);
    }

    static ProxyParser.Parsed parse(byte[] bytes, int offset, int length, ReceiverLimits limits) throws ProxyParseError {
        if (!ProxyParser.startsLike(bytes, offset, length, PREFIX)) {
            throw ProxyParser.notAHeader(length, "not \"PROXY \"");
        }
        if (length >= SHORTEST_CHECKED && !protocolMayFollow(bytes, offset + PREFIX.length, length - PREFIX.length,
                limits)) {
            throw new ProxyParseError(ProxyParseError.Code.PRX_BAD_PROTO, "protocol not TCP4, TCP6 or UNKNOWN");
        }
        int scan = Math.min(length, MAX_LENGTH);
        int lineFeed = -1;
        for (int i = 0; i < scan; i++) {
            if (bytes[offset + i] == '\n') {
                lineFeed = i;
                break;
            }
        }
        if (lineFeed < 0) {
            if (length >= MAX_LENGTH) {
                throw new ProxyParseError(ProxyParseError.Code.PRX_BAD_HDR, "no CRLF in the first 107 bytes");
            }
            return new ProxyParser.Parsed.NeedMore(length + 1);
        }
        if (lineFeed < PREFIX.length || bytes[offset + lineFeed - 1] != '\r') {
            throw new ProxyParseError(ProxyParseError.Code.PRX_BAD_HDR, "LF without CR");
        }
        String rest = new String(bytes, offset + PREFIX.length, lineFeed - 1 - PREFIX.length,
                StandardCharsets.ISO_8859_1);
        ProxyHeader header;
        if (rest.equals("UNKNOWN") || (!limits.bareUnknown() && rest.startsWith("UNKNOWN "))) {
            header = ProxyHeader.v1Unknown();
        } else if (rest.startsWith("TCP4 ")) {
            header = ProxyHeader.v1(addresses(rest.substring(5), false));
        } else if (rest.startsWith("TCP6 ")) {
            header = ProxyHeader.v1(addresses(rest.substring(5), true));
        } else {
            throw new ProxyParseError(ProxyParseError.Code.PRX_BAD_PROTO, "protocol not TCP4, TCP6 or UNKNOWN");
        }
        return new ProxyParser.Parsed.Complete(header, lineFeed + 1);
    }

    private static ProxyAddresses addresses(String fields, boolean ipv6) throws ProxyParseError {
        String[] parts = fields.split(" ", -1);
        if (parts.length != 4) {
            throw bad("expected source, destination and two ports separated by single spaces");
        }
        byte[] source = ip(parts[0], ipv6);
        byte[] destination = ip(parts[1], ipv6);
        return ProxyAddresses.ip(source, port(parts[2]), destination, port(parts[3]));
    }

    private static byte[] ip(String text, boolean ipv6) throws ProxyParseError {
        Optional<byte[]> bytes = ipv6 ? AddressText.parseIpv6(text) : AddressText.parseIpv4(text);
        return bytes.orElseThrow(() -> bad("not an " + (ipv6 ? "IPv6" : "IPv4") + " address"));
    }

    private static int port(String text) throws ProxyParseError {
        if (text.isEmpty() || text.length() > 5) {
            throw bad("bad port");
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw bad("bad port");
            }
            value = value * 10 + (c - '0');
        }
        if (value > 0xFFFF) {
            throw bad("port over 65535");
        }
        return value;
    }

    private static ProxyParseError bad(String reason) {
        return new ProxyParseError(ProxyParseError.Code.PRX_BAD_HDR, reason);
    }

    /** The line for {@code header}: TCP4, TCP6 or UNKNOWN. */
    static byte[] encode(ProxyHeader header) {
        if (header.addresses().isEmpty()) {
            return "PROXY UNKNOWN\r\n".getBytes(StandardCharsets.US_ASCII);
        }
        ProxyAddresses a = header.addresses().get();
        String line = "PROXY " + (a.family() == AddressFamily.INET ? "TCP4 " : "TCP6 ") + a.sourceText() + " "
                + a.destinationText() + " " + a.sourcePort() + " " + a.destinationPort() + "\r\n";
        return line.getBytes(StandardCharsets.US_ASCII);
    }
}
