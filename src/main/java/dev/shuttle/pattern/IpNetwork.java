package dev.shuttle.pattern;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * An address pattern (configuration.txt §7.1.6): an IPv4 or IPv6 network, kept as its address
 * bytes (4 or 16) and a mask of the same length, already applied to the address.
 *
 * <p>Families mix as the manual says: an IPv6 candidate matches an IPv4 pattern when it embeds
 * an IPv4 address as {@code ::ffff:a.b.c.d}, {@code ::a.b.c.d} or {@code 2002:AABB:CCDD::}; an
 * IPv4 candidate matches an IPv6 pattern as {@code ::ffff:a.b.c.d}.
 */
public record IpNetwork(byte[] network, byte[] mask, String text) implements MatchPattern {
    public IpNetwork {
        network = applyMask(network, mask);
        mask = mask.clone();
    }

    public boolean isIpv4() {
        return network.length == 4;
    }

    /** The number of leading one bits of the mask, or -1 when the mask has holes ({@code 255.0.255.0}). */
    public int prefixLength() {
        int bits = 0;
        boolean ended = false;
        for (byte b : mask) {
            for (int i = 7; i >= 0; i--) {
                boolean set = (b >> i & 1) == 1;
                if (set && ended) {
                    return -1;
                }
                if (set) {
                    bits++;
                } else {
                    ended = true;
                }
            }
        }
        return bits;
    }

    /** Whether {@code candidate} (4 or 16 bytes) is in this network, across families as described above. */
    public boolean matches(byte[] candidate) {
        byte[] sameFamily = candidate.length == network.length ? candidate
                : candidate.length == 4 ? mappedIpv6(candidate) : embeddedIpv4(candidate).orElse(null);
        return sameFamily != null && Arrays.equals(applyMask(sameFamily, mask), network);
    }

    /** The {@code ::ffff:a.b.c.d} form of an IPv4 address. */
    static byte[] mappedIpv6(byte[] ipv4) {
        byte[] ipv6 = new byte[16];
        ipv6[10] = (byte) 0xFF;
        ipv6[11] = (byte) 0xFF;
        System.arraycopy(ipv4, 0, ipv6, 12, 4);
        return ipv6;
    }

    /** The IPv4 address inside {@code ::ffff:a.b.c.d}, {@code ::a.b.c.d} or {@code 2002:AABB:CCDD::}. */
    static Optional<byte[]> embeddedIpv4(byte[] ipv6) {
        boolean zeroesThen = isZero(ipv6, 0, 10);
        if (zeroesThen && ipv6[10] == (byte) 0xFF && ipv6[11] == (byte) 0xFF || zeroesThen && ipv6[10] == 0 && ipv6[11] == 0) {
            return Optional.of(Arrays.copyOfRange(ipv6, 12, 16));
        }
        if (ipv6[0] == 0x20 && ipv6[1] == 0x02) {
            return Optional.of(Arrays.copyOfRange(ipv6, 2, 6));
        }
        return Optional.empty();
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    static byte[] applyMask(byte[] address, byte[] mask) {
        byte[] masked = new byte[address.length];
        for (int i = 0; i < address.length; i++) {
            masked[i] = (byte) (address[i] & mask[i]);
        }
        return masked;
    }

    static byte[] prefixMask(int bits, int length) {
        byte[] mask = new byte[length];
        for (int i = 0; i < length; i++) {
            int keep = Math.max(0, Math.min(8, bits - i * 8));
            mask[i] = (byte) (0xFF << (8 - keep));
        }
        return mask;
    }

    /**
     * An address literal as a sample is cast to one: a strict dotted quad, else an IPv6 literal
     * (kept as 16 bytes even when it embeds an IPv4 address, unlike {@link java.net.InetAddress}).
     */
    static Optional<byte[]> parseLiteral(String text) {
        Optional<byte[]> ipv4 = parseIpv4(text, true);
        return ipv4.isPresent() ? ipv4 : parseIpv6(text);
    }

    /**
     * An IPv4 address, {@code a.b.c.d}; when not {@code strict}, also the short forms of
     * configuration.txt §7.1.6, where the last number fills the remaining bytes: {@code 127.1}
     * is 127.0.0.1, {@code 10.12} is 10.0.0.12.
     */
    static Optional<byte[]> parseIpv4(String text, boolean strict) {
        String[] parts = text.split("\\.", -1);
        if (parts.length > 4 || strict && parts.length != 4) {
            return Optional.empty();
        }
        long[] numbers = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 10 || !parts[i].chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            numbers[i] = Long.parseLong(parts[i]);
            long limit = i == parts.length - 1 ? (1L << (8 * (4 - i))) - 1 : 255;
            if (numbers[i] > limit) {
                return Optional.empty();
            }
        }
        long value = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            value |= numbers[i] << (8 * (3 - i));
        }
        value |= numbers[parts.length - 1];
        return Optional.of(new byte[] {(byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value});
    }

    /** An IPv6 literal (RFC 4291 §2.2: hex groups, one {@code ::}, an optional dotted IPv4 tail). */
    static Optional<byte[]> parseIpv6(String text) {
        if (!text.contains(":")) {
            return Optional.empty();
        }
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return Optional.empty();
        }
        String head = gap >= 0 ? text.substring(0, gap) : text;
        String tail = gap >= 0 ? text.substring(gap + 2) : "";
        Optional<byte[]> headBytes = groups(head, gap < 0);
        Optional<byte[]> tailBytes = groups(tail, true);
        if (headBytes.isEmpty() || tailBytes.isEmpty()) {
            return Optional.empty();
        }
        int total = headBytes.get().length + tailBytes.get().length;
        if (gap < 0 ? total != 16 : total > 14) {
            return Optional.empty();
        }
        byte[] address = new byte[16];
        System.arraycopy(headBytes.get(), 0, address, 0, headBytes.get().length);
        System.arraycopy(tailBytes.get(), 0, address, 16 - tailBytes.get().length, tailBytes.get().length);
        return Optional.of(address);
    }

    /** Colon-separated hex groups, the last one possibly a dotted IPv4 address when {@code mayEndInIpv4}. */
    private static Optional<byte[]> groups(String text, boolean mayEndInIpv4) {
        if (text.isEmpty()) {
            return Optional.of(new byte[0]);
        }
        String[] groups = text.split(":", -1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < groups.length; i++) {
            String group = groups[i];
            if (i == groups.length - 1 && mayEndInIpv4 && group.contains(".")) {
                Optional<byte[]> ipv4 = parseIpv4(group, true);
                if (ipv4.isEmpty()) {
                    return Optional.empty();
                }
                bytes.writeBytes(ipv4.get());
                continue;
            }
            if (group.isEmpty() || group.length() > 4 || !group.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return Optional.empty();
            }
            int value = Integer.parseInt(group, 16);
            bytes.write(value >> 8);
            bytes.write(value);
        }
        return Optional.of(bytes.toByteArray());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpNetwork pattern && Arrays.equals(network, pattern.network)
                && Arrays.equals(mask, pattern.mask);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + Arrays.hashCode(mask);
    }
}
