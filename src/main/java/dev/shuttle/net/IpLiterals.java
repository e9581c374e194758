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
        if (host.isEmpty()) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses a dotted quad: four parts of one to three digits, each at most 255. Read in place, as
     * it runs at every connect to a server named by its address.
     */
    static InetAddress parseIpv4(String host) throws UnknownHostException {
        byte[] bytes = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= host.length(); i++) {
            char c = i < host.length() ? host.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || part == 4) {
                    throw new UnknownHostException(host);
                }
                bytes[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9' && digits < 3) {
                value = value * 10 + (c - '0');
                digits++;
                if (value > 255) {
                    throw new UnknownHostException(host);
                }
            } else {
                throw new UnknownHostException(host);
            }
        }
        if (part != 4) {
            throw new UnknownHostException(host);
        }
        return InetAddress.getByAddress(bytes);
    }
}
