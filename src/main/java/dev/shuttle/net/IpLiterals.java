package dev.shuttle.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Recognises and parses IPv4 literals without ever asking a resolver.
 *
 * <p>Only the dotted-quad form {@code a.b.c.d} (each part 0-255, as {@code inet_pton} accepts) is
 * taken as a literal; a string of digits and dots in any other shape is an invalid address, so that
 * a typo such as {@code 1.2.3.4.5} fails at once instead of becoming a DNS query.
 */
final class IpLiterals {
    private IpLiterals() {
    }

    /** True if {@code host} is made of digits and dots only: it can only be meant as an IPv4 literal. */
    static boolean looksLikeIpv4(String host) {
        return !host.isEmpty() && host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    /** Parses a dotted quad. */
    static InetAddress parseIpv4(String host) throws UnknownHostException {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            throw new UnknownHostException(host);
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || Integer.parseInt(parts[i]) > 255) {
                throw new UnknownHostException(host);
            }
            bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        return InetAddress.getByAddress(bytes);
    }
}
