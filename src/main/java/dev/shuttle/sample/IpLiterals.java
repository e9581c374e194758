package dev.shuttle.sample;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Strict text-to-address parsers for the fetches that read an address out of HTTP text
 * ({@code req.hdr_ip}, {@code url_ip}). Never resolves names, unlike {@link InetAddress#getByName},
 * and never accepts the BSD short forms ({@code 1.2.3}) that the JDK takes.
 */
final class IpLiterals {
    private IpLiterals() {}

    /**
     * {@code hdr_ip}'s reading of a header value (configuration.txt §7.3.6, RFC 7239 node names
     * without brackets): a bare IPv6 address, or an IPv4 address optionally followed by ':' and
     * a decimal port from 0 to 65535, which is dropped. Checked on haproxy 2.6: {@code [::1]},
     * {@code 1.2.3.4:65536}, {@code 1.2.3.4:} and {@code fe80::1%eth0} give nothing;
     * {@code ::1:80} is the IPv6 address ::1:80; IPv4 parts may have leading zeros.
     */
    static Optional<InetAddress> headerAddress(String text) {
        if (text.indexOf(':') >= 0) {
            Optional<InetAddress> ipv6 = ipv6(text);
            if (ipv6.isPresent()) {
                return ipv6;
            }
            int colon = text.indexOf(':');
            if (!isPort(text.substring(colon + 1))) {
                return Optional.empty();
            }
            text = text.substring(0, colon);
        }
        return ipv4(text, false);
    }

    private static boolean isPort(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        return Integer.parseInt(text) <= 65535;
    }

    /**
     * A dotted-quad IPv4 address: four decimal parts of at least one digit each, each at most
     * 255. {@code strictZeros} refuses leading zeros, as inet_pton does inside an IPv6 address.
     */
    static Optional<InetAddress> ipv4(String text, boolean strictZeros) {
        byte[] bytes = ipv4Bytes(text, strictZeros);
        return bytes == null ? Optional.empty() : Optional.of(address(bytes));
    }

    private static byte[] ipv4Bytes(String text, boolean strictZeros) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (strictZeros && part.length() > 1 && part.charAt(0) == '0')) {
                return null;
            }
            String digits = part.replaceFirst("^0+(?=.)", "");
            if (digits.length() > 3 || Integer.parseInt(digits) > 255) {
                return null;
            }
            bytes[i] = (byte) Integer.parseInt(digits);
        }
        return bytes;
    }

    /**
     * An IPv6 address in RFC 4291 §2.2 text form: eight groups of 1 to 4 hex digits, one "::"
     * standing for one or more zero groups, and optionally a dotted IPv4 address as the last
     * 32 bits. No brackets, no zone.
     */
    static Optional<InetAddress> ipv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return Optional.empty();
        }
        int[] head = groups(gap < 0 ? text : text.substring(0, gap), gap < 0);
        int[] tail = gap < 0 ? new int[0] : groups(text.substring(gap + 2), true);
        if (head == null || tail == null) {
            return Optional.empty();
        }
        int total = head.length + tail.length;
        if (gap < 0 ? total != 8 : total > 7) {
            return Optional.empty();
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < head.length; i++) {
            putGroup(bytes, i, head[i]);
        }
        for (int i = 0; i < tail.length; i++) {
            putGroup(bytes, 8 - tail.length + i, tail[i]);
        }
        return Optional.of(address(bytes));
    }

    /** The 16-bit groups of one side of "::"; the last may be a dotted IPv4 address (two groups). */
    private static int[] groups(String text, boolean lastSide) {
        if (text.isEmpty()) {
            return new int[0];
        }
        String[] parts = text.split(":", -1);
        boolean embeddedIpv4 = lastSide && parts[parts.length - 1].indexOf('.') >= 0;
        int[] groups = new int[parts.length + (embeddedIpv4 ? 1 : 0)];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (embeddedIpv4 && i == parts.length - 1) {
                byte[] ipv4 = ipv4Bytes(part, true);
                if (ipv4 == null) {
                    return null;
                }
                groups[i] = (ipv4[0] & 0xFF) << 8 | (ipv4[1] & 0xFF);
                groups[i + 1] = (ipv4[2] & 0xFF) << 8 | (ipv4[3] & 0xFF);
            } else if (part.isEmpty() || part.length() > 4 || !part.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return null;
            } else {
                groups[i] = Integer.parseInt(part, 16);
            }
        }
        return groups;
    }

    private static void putGroup(byte[] bytes, int group, int value) {
        bytes[2 * group] = (byte) (value >> 8);
        bytes[2 * group + 1] = (byte) value;
    }

    /**
     * An address of the family of its bytes. A 16-byte IPv4-mapped address stays IPv6, as in
     * haproxy ({@code ::ffff:1.2.3.4} is an IPV6 sample), where the JDK's
     * {@link InetAddress#getByAddress(byte[])} would turn it into IPv4.
     */
    static InetAddress address(byte[] bytes) {
        try {
            return bytes.length == 16 ? Inet6Address.getByAddress(null, bytes, -1) : InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + bytes.length + " bytes", e);
        }
    }
}
