package dev.shuttle.http;

/** Whether a text is an IP address literal (RFC 3986 §3.2.2): text rules only, no resolver. */
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

    /**
     * An IPv6 address in text form, without brackets (RFC 4291 §2.2): eight groups of one to four
     * hex digits, a "::" standing for one or more groups of zeros once at most, the last 32 bits
     * possibly as a dotted quad.
     */
    public static boolean isIpv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        if (gap < 0) {
            return groups(text, true) == 8;
        }
        String head = text.substring(0, gap);
        String tail = text.substring(gap + 2);
        int before = head.isEmpty() ? 0 : groups(head, false);
        int after = tail.isEmpty() ? 0 : groups(tail, true);
        return before >= 0 && after >= 0 && before + after <= 7;
    }

    /** The number of 16-bit groups {@code part} writes (a final dotted quad counts two), or -1 if malformed. */
    private static int groups(String part, boolean mayEndWithIpv4) {
        String[] groups = part.split(":", -1);
        int count = 0;
        for (int i = 0; i < groups.length; i++) {
            String group = groups[i];
            if (i == groups.length - 1 && mayEndWithIpv4 && group.indexOf('.') >= 0) {
                if (!isIpv4(group)) {
                    return -1;
                }
                count += 2;
            } else if (group.isEmpty() || group.length() > 4 || !group.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return -1;
            } else {
                count++;
            }
        }
        return count;
    }
}
