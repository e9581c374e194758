package dev.shuttle.http;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Whether a text is an IP address literal (RFC 3986 §3.2.2), without ever asking a resolver. */
public final class IpLiteral {
    private IpLiteral() {}

    /** A dotted quad, each part 0-255 without more than three digits. */
    public static boolean isIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /** An IPv6 address in text form (no brackets). A text with a ':' is never resolved by the JDK. */
    public static boolean isIpv6(String text) {
        if (text.indexOf(':') < 0 || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return false;
        }
        try {
            // An IPv4-mapped address ("::ffff:1.2.3.4") comes back as an Inet4Address: still an IPv6 text.
            InetAddress.getByName(text);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
