package dev.shuttle.proxyproto;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * IP addresses between their text (a version 1 line, a log) and their bytes (a version 2 block),
 * without {@code java.net}: the codec never resolves a name. The parsers are strict, as the PROXY
 * receiver must be (proxy-protocol.txt §2.1: "the address must be ... in its canonical textual
 * representation" would be too strict for real senders, so leading zeros in IPv4 parts are
 * tolerated as HAProxy does; values over 255 or 65535 are not). The IPv6 text is glibc's {@code
 * inet_ntop}'s (RFC 5952: lower case, the longest run of two or more zero groups as {@code ::},
 * IPv4-mapped and IPv4-compatible addresses with a dotted tail), so that a version 1 line matches
 * HAProxy's byte for byte.
 */
public final class AddressText {
    private AddressText() {}

    /** The 4 bytes of a dotted quad: four decimal parts of 1 to 3 digits, each at most 255. */
    public static Optional<byte[]> parseIpv4(String text) {
        byte[] bytes = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                if (++digits > 3 || value > 255) {
                    return Optional.empty();
                }
            } else if (c == '.' && digits > 0 && part < 4) {
                bytes[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else {
                return Optional.empty();
            }
        }
        return part == 4 ? Optional.of(bytes) : Optional.empty();
    }

    /** The 16 bytes of an IPv6 address in any RFC 4291 §2.2 text form (with {@code ::}, with a dotted IPv4 tail). */
    public static Optional<byte[]> parseIpv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return Optional.empty();
        }
        int[] head = new int[8];
        int[] tail = new int[8];
        int headCount;
        int tailCount = 0;
        if (gap < 0) {
            headCount = groups(text, head, true);
            if (headCount != 8) {
                return Optional.empty();
            }
        } else {
            headCount = gap == 0 ? 0 : groups(text.substring(0, gap), head, false);
            String after = text.substring(gap + 2);
            tailCount = after.isEmpty() ? 0 : groups(after, tail, true);
            if (headCount < 0 || tailCount < 0 || headCount + tailCount > 7) {
                return Optional.empty();
            }
        }
        if (headCount < 0) {
            return Optional.empty();
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < headCount; i++) {
            bytes[2 * i] = (byte) (head[i] >> 8);
            bytes[2 * i + 1] = (byte) head[i];
        }
        for (int i = 0; i < tailCount; i++) {
            int at = 8 - tailCount + i;
            bytes[2 * at] = (byte) (tail[i] >> 8);
            bytes[2 * at + 1] = (byte) tail[i];
        }
        return Optional.of(bytes);
    }

    /**
     * Reads colon-separated hex groups into {@code out}; a dotted IPv4 tail (when allowed) counts as
     * two groups. Returns the number of groups, or -1 for a malformed text.
     */
    private static int groups(String text, int[] out, boolean ipv4TailAllowed) {
        String[] parts = text.split(":", -1);
        int count = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i == parts.length - 1 && ipv4TailAllowed && part.indexOf('.') >= 0) {
                Optional<byte[]> v4 = parseIpv4(part);
                if (v4.isEmpty() || count + 2 > out.length) {
                    return -1;
                }
                byte[] b = v4.get();
                out[count++] = (b[0] & 0xFF) << 8 | (b[1] & 0xFF);
                out[count++] = (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
                continue;
            }
            if (part.isEmpty() || part.length() > 4 || count >= out.length) {
                return -1;
            }
            int value = 0;
            for (int j = 0; j < part.length(); j++) {
                int digit = Character.digit(part.charAt(j), 16);
                if (digit < 0) {
                    return -1;
                }
                value = value << 4 | digit;
            }
            out[count++] = value;
        }
        return count;
    }

    /** The text of 4 (dotted quad) or 16 (IPv6) address bytes, or of a UNIX path (up to its first NUL). */
    public static String format(byte[] address) {
        return switch (address.length) {
            case 4 -> formatIpv4(address, 0);
            case 16 -> formatIpv6(address);
            default -> unixPath(address);
        };
    }

    private static String formatIpv4(byte[] b, int from) {
        return (b[from] & 0xFF) + "." + (b[from + 1] & 0xFF) + "." + (b[from + 2] & 0xFF) + "." + (b[from + 3] & 0xFF);
    }

    private static String formatIpv6(byte[] b) {
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = (b[2 * i] & 0xFF) << 8 | (b[2 * i + 1] & 0xFF);
        }
        int bestBase = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            if (words[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && words[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestBase = start;
                bestLength = i - start;
            }
        }
        if (bestLength < 2) {
            bestBase = -1;
        }
        StringBuilder text = new StringBuilder(40);
        for (int i = 0; i < 8; i++) {
            if (i == bestBase) {
                text.append(':');
                i += bestLength - 1;
                if (i == 7) {
                    text.append(':');
                }
                continue;
            }
            if (i > 0) {
                text.append(':');
            }
            // glibc writes ::a.b.c.d and ::ffff:a.b.c.d with a dotted tail.
            if (i == 6 && bestBase == 0 && (bestLength == 6 || (bestLength == 5 && words[5] == 0xFFFF))) {
                text.append(formatIpv4(b, 12));
                break;
            }
            text.append(Integer.toHexString(words[i]));
        }
        return text.toString();
    }

    private static String unixPath(byte[] path) {
        int end = 0;
        while (end < path.length && path[end] != 0) {
            end++;
        }
        return new String(path, 0, end, StandardCharsets.UTF_8);
    }

    /** {@code address} (4 bytes) as an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}, RFC 4291 §2.5.5.2). */
    public static byte[] mapped(byte[] ipv4) {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xFF;
        bytes[11] = (byte) 0xFF;
        System.arraycopy(ipv4, 0, bytes, 12, 4);
        return bytes;
    }
}
