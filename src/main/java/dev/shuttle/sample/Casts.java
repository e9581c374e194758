package dev.shuttle.sample;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Converts a sample from one type to another as HAProxy's cast table does (configuration.txt §7.1
 * and §7.3.1: a converter's input is cast to the type it takes). Every cell below was checked
 * against haproxy 2.6 by feeding each type to converters taking BIN, STR, SINT and an address.
 * "ADDR" is the input of converters taking an address ({@link ConverterDefinition.Accepts#ADDRESS}).
 *
 * <pre>
 *   from \ to   BOOL  SINT  IPV4  IPV6  ADDR  STR   BIN   METH
 *   BOOL        =     0/1   -     -     -     0/1   8B    -
 *   SINT        !=0   =     low32 map   IPV4  dec   8B    -
 *   IPV4        -     u32   =     map   =     dot   4B    -
 *   IPV6        -     -     unmap =     =     text  16B   -
 *   STR         int   int   parse parse parse =     bytes meth
 *   BIN         -     -     -     -     -     ≤NUL  =     meth
 *   METH        -     -     -     -     -     name  name  =
 * </pre>
 *
 * "8B" is the integer as 8 big-endian bytes; "int" reads an optional sign and the leading digits
 * ({@code "12abc"} is 12, {@code "abc"} is 0, an empty string fails); "≤NUL" stops at the first
 * NUL byte; "map" makes an IPv4-mapped IPv6 address; "unmap" takes the IPv4 address back out of a
 * mapped, compatible or 6to4 IPv6 address, and fails for any other. A cast that the table allows
 * may still fail at run time (a string that is no address): the expression then has no value.
 */
public final class Casts {
    private Casts() {}

    /** Whether a value declared {@code from} may be given where {@code to} is expected (compile time). */
    public static boolean canCast(SampleType from, SampleType to) {
        if (from == to) {
            return true;
        }
        return switch (from) {
            case BOOL -> to == SampleType.SINT || to == SampleType.STR || to == SampleType.BIN;
            case SINT -> to != SampleType.METH;
            case IPV4 -> to != SampleType.BOOL && to != SampleType.METH;
            case IPV6 -> to != SampleType.BOOL && to != SampleType.SINT && to != SampleType.METH;
            case STR -> true;
            case BIN -> to == SampleType.STR || to == SampleType.METH;
            case METH -> to == SampleType.STR || to == SampleType.BIN;
        };
    }

    /** Whether a value declared {@code from} can be given to a converter (compile time). */
    public static boolean canFeed(SampleType from, ConverterDefinition converter) {
        return switch (converter.accepts()) {
            case CAST -> canCast(from, converter.inputType());
            case ADDRESS -> from.isAddress() || from == SampleType.SINT || from == SampleType.STR;
            case ANY -> true;
        };
    }

    /** The value a converter takes, cast as it declares; null when the value cannot be cast (run time). */
    public static Sample inputFor(Sample sample, ConverterDefinition converter) {
        return switch (converter.accepts()) {
            case CAST -> castOrNull(sample, converter.inputType());
            case ADDRESS -> toAddress(sample);
            case ANY -> sample;
        };
    }

    /** The sample as type {@code to}, or empty when it cannot be converted. */
    public static Optional<Sample> cast(Sample sample, SampleType to) {
        return Optional.ofNullable(castOrNull(sample, to));
    }

    /** The sample as type {@code to}, or null when it cannot be converted. */
    public static Sample castOrNull(Sample sample, SampleType to) {
        if (sample.type() == to) {
            return sample;
        }
        return switch (sample.type()) {
            case BOOL -> to == SampleType.SINT || to == SampleType.STR || to == SampleType.BIN
                    ? fromLong(sample.asBoolean() ? 1 : 0, to) : null;
            case SINT -> fromLong(sample.asLong(), to);
            case IPV4 -> fromIpv4(sample.asAddress().getAddress(), to);
            case IPV6 -> fromIpv6(sample.asAddress().getAddress(), to);
            case STR -> fromString(sample.asString(), to);
            case BIN -> fromBytes(sample.asBytes(), to);
            case METH -> to == SampleType.STR ? Sample.str(sample.asString())
                    : to == SampleType.BIN ? Sample.bin(sample.asString().getBytes(StandardCharsets.ISO_8859_1)) : null;
        };
    }

    /**
     * HAProxy's "address" input: an IPv4 or IPv6 address as it is, an integer as IPv4, a string as
     * IPv4 when it starts with one, else as IPv6; null otherwise.
     */
    public static Sample toAddress(Sample sample) {
        return switch (sample.type()) {
            case IPV4, IPV6 -> sample;
            case SINT -> castOrNull(sample, SampleType.IPV4);
            case STR -> {
                byte[] address = parseIpv4Prefix(sample.asString());
                if (address == null) {
                    address = parseIpv6(sample.asString());
                }
                yield address == null ? null : Sample.addressOf(address);
            }
            case BOOL, BIN, METH -> null;
        };
    }

    private static Sample fromLong(long value, SampleType to) {
        return switch (to) {
            case BOOL -> Sample.bool(value != 0);
            case SINT -> Sample.sint(value);
            case IPV4 -> Sample.addressOf(intToBytes((int) value));
            case IPV6 -> Sample.addressOf(mapped(intToBytes((int) value)));
            case STR -> Sample.str(Long.toString(value));
            case BIN -> Sample.bin(longToBytes(value));
            default -> null;
        };
    }

    private static Sample fromIpv4(byte[] address, SampleType to) {
        return switch (to) {
            case SINT -> Sample.sint(Integer.toUnsignedLong(bytesToInt(address, 0)));
            case IPV6 -> Sample.addressOf(mapped(address));
            case STR -> Sample.str(ipv4Text(address));
            case BIN -> Sample.bin(address);
            default -> null;
        };
    }

    private static Sample fromIpv6(byte[] address, SampleType to) {
        return switch (to) {
            case IPV4 -> {
                byte[] embedded = ipv6ToIpv4(address);
                yield embedded == null ? null : Sample.addressOf(embedded);
            }
            case STR -> Sample.str(ipv6Text(address));
            case BIN -> Sample.bin(address);
            default -> null;
        };
    }

    private static Sample fromString(String text, SampleType to) {
        return switch (to) {
            case BOOL -> text.isEmpty() ? null : Sample.bool(leadingInteger(text) != 0);
            case SINT -> text.isEmpty() ? null : Sample.sint(leadingInteger(text));
            case IPV4 -> {
                byte[] address = parseIpv4Prefix(text);
                yield address == null ? null : Sample.addressOf(address);
            }
            case IPV6 -> {
                byte[] address = parseIpv6(text);
                yield address == null ? null : Sample.addressOf(address);
            }
            case BIN -> Sample.bin(text.getBytes(StandardCharsets.ISO_8859_1));
            case METH -> Sample.method(text);
            default -> null;
        };
    }

    private static Sample fromBytes(byte[] bytes, SampleType to) {
        return switch (to) {
            case STR -> {
                int end = 0;
                while (end < bytes.length && bytes[end] != 0) {
                    end++;
                }
                yield Sample.str(new String(bytes, 0, end, StandardCharsets.ISO_8859_1));
            }
            case METH -> Sample.method(new String(bytes, StandardCharsets.ISO_8859_1));
            default -> null;
        };
    }

    /**
     * The STR to SINT cast: an optional sign, then decimal digits up to the first other character
     * ({@code "12abc"} → 12, {@code "abc"} → 0, {@code " 1"} → 0), saturating at the long range.
     */
    public static long leadingInteger(String text) {
        int i = 0;
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        long value = 0;
        for (; i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9'; i++) {
            int digit = text.charAt(i) - '0';
            if (value > (Long.MAX_VALUE - digit) / 10) {
                return negative ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    /**
     * An IPv4 address as the STR cast reads it: four dot-separated decimal octets (leading zeros
     * allowed), and whatever follows the fourth octet is ignored ({@code "1.2.3.4 x"} works, as in
     * haproxy 2.6); null when the text does not start with one.
     */
    public static byte[] parseIpv4Prefix(String text) {
        byte[] address = new byte[4];
        int i = 0;
        for (int octet = 0; octet < 4; octet++) {
            if (octet > 0) {
                if (i >= text.length() || text.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
            int start = i;
            int value = 0;
            while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9' && i - start < 4) {
                value = value * 10 + (text.charAt(i++) - '0');
            }
            if (i == start || value > 255) {
                return null;
            }
            address[octet] = (byte) value;
        }
        return address;
    }

    /**
     * An IPv4 address as {@code inet_pton} reads it (arguments such as {@code ipv4(1.2.3.4)}):
     * exactly four decimal octets, no leading zeros, nothing else; null otherwise.
     */
    public static byte[] parseIpv4(String text) {
        byte[] address = parseIpv4Prefix(text);
        if (address == null || text.length() != ipv4Text(address).length()) {
            return null;
        }
        return address;
    }

    /** An IPv6 address as {@code inet_pton} reads it (hex groups, {@code ::}, a trailing dotted quad); null otherwise. */
    public static byte[] parseIpv6(String text) {
        if (text.indexOf(':') < 0) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
                return null;
            }
        }
        try {
            // With a ':' and only hex digits, dots and colons, Java parses a literal: no DNS lookup.
            InetAddress parsed = InetAddress.getByName(text);
            return parsed instanceof Inet4Address ? mapped(parsed.getAddress()) : parsed.getAddress();
        } catch (UnknownHostException notAnAddress) {
            return null;
        }
    }

    /** {@code ::ffff:a.b.c.d}, the IPv4-mapped IPv6 form of an IPv4 address. */
    public static byte[] mapped(byte[] ipv4) {
        byte[] address = new byte[16];
        address[10] = (byte) 0xFF;
        address[11] = (byte) 0xFF;
        System.arraycopy(ipv4, 0, address, 12, 4);
        return address;
    }

    /**
     * The IPv4 address inside an IPv6 one, or null: RFC 4291 IPv4-mapped ({@code ::ffff:a.b.c.d})
     * and IPv4-compatible ({@code ::a.b.c.d}) addresses, and RFC 3056 6to4 ({@code 2002:AABB:CCDD::}).
     */
    public static byte[] ipv6ToIpv4(byte[] address) {
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= address[i] == 0;
        }
        boolean mapped = zeroPrefix && address[10] == (byte) 0xFF && address[11] == (byte) 0xFF;
        boolean compatible = zeroPrefix && address[10] == 0 && address[11] == 0;
        if (mapped || compatible) {
            return Arrays.copyOfRange(address, 12, 16);
        }
        if (address[0] == 0x20 && address[1] == 0x02) {
            return Arrays.copyOfRange(address, 2, 6);
        }
        return null;
    }

    public static String ipv4Text(byte[] address) {
        return (address[0] & 0xFF) + "." + (address[1] & 0xFF) + "." + (address[2] & 0xFF) + "." + (address[3] & 0xFF);
    }

    /**
     * An IPv6 address as {@code inet_ntop} writes it, which HAProxy's logs and headers show:
     * lower-case hex, the longest run of two or more zero groups as {@code ::}, and the last 32
     * bits as a dotted quad for IPv4-mapped and IPv4-compatible addresses ({@code ::ffff:1.2.3.4}).
     */
    public static String ipv6Text(byte[] address) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (address[2 * i] & 0xFF) << 8 | (address[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        if (bestLength < 2) {
            bestStart = -1;
        }
        boolean embeddedIpv4 = bestStart == 0 && (bestLength == 6 || bestLength == 5 && groups[5] == 0xFFFF);
        StringBuilder text = new StringBuilder(40);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append(i == 0 ? "::" : ":");
                i += bestLength - 1;
                continue;
            }
            if (embeddedIpv4 && i == 6) {
                text.append(ipv4Text(Arrays.copyOfRange(address, 12, 16)));
                break;
            }
            text.append(Integer.toHexString(groups[i]));
            if (i < 7) {
                text.append(':');
            }
        }
        return text.toString();
    }

    private static byte[] intToBytes(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    private static int bytesToInt(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) << 24 | (bytes[offset + 1] & 0xFF) << 16 | (bytes[offset + 2] & 0xFF) << 8
                | (bytes[offset + 3] & 0xFF);
    }

    private static byte[] longToBytes(long value) {
        byte[] bytes = new byte[8];
        for (int i = 7; i >= 0; i--) {
            bytes[i] = (byte) value;
            value >>>= 8;
        }
        return bytes;
    }
}
