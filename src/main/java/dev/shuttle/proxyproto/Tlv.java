package dev.shuttle.proxyproto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * One Type-Length-Value vector of a version 2 header (proxy-protocol.txt §2.2): any type 0 to 255,
 * any value up to 65535 bytes (the header's length bounds them all together). Stored generically:
 * the types the spec names (§2.2.1 to §2.2.7) are only constants here.
 *
 * <pre>
 *   0                   1                   2
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 ...
 *  +---------------+-------------------------------+---------------
 *  |     type      |      length (network order)   |  value ...
 *  +---------------+-------------------------------+---------------
 * </pre>
 */
public record Tlv(int type, byte[] value) {
    public static final int ALPN = 0x01;
    public static final int AUTHORITY = 0x02;
    public static final int CRC32C = 0x03;
    public static final int NOOP = 0x04;
    public static final int UNIQUE_ID = 0x05;
    public static final int SSL = 0x20;
    public static final int SSL_VERSION = 0x21;
    public static final int SSL_CN = 0x22;
    public static final int SSL_CIPHER = 0x23;
    public static final int SSL_SIG_ALG = 0x24;
    public static final int SSL_KEY_ALG = 0x25;
    public static final int SSL_GROUP = 0x26;
    public static final int SSL_SIG_SCHEME = 0x27;
    public static final int SSL_CLIENT_CERT = 0x28;
    public static final int NETNS = 0x30;

    /** The bytes a TLV's type and length take before its value. */
    public static final int HEADER_LENGTH = 3;

    /** The symbolic names {@code fc_pp_tlv} accepts (configuration.txt, "fc_pp_tlv"). */
    private static final Map<String, Integer> NAMES = Map.ofEntries(Map.entry("ALPN", ALPN),
            Map.entry("AUTHORITY", AUTHORITY), Map.entry("CRC32", CRC32C), Map.entry("NETNS", NETNS),
            Map.entry("NOOP", NOOP), Map.entry("SSL", SSL), Map.entry("SSL_CIPHER", SSL_CIPHER),
            Map.entry("SSL_CN", SSL_CN), Map.entry("SSL_KEY_ALG", SSL_KEY_ALG), Map.entry("SSL_SIG_ALG", SSL_SIG_ALG),
            Map.entry("SSL_VERSION", SSL_VERSION), Map.entry("UNIQUE_ID", UNIQUE_ID));

    public Tlv {
        if (type < 0 || type > 0xFF) {
            throw new IllegalArgumentException("TLV type out of range: " + type);
        }
        if (value.length > 0xFFFF) {
            throw new IllegalArgumentException("TLV value longer than 65535 bytes");
        }
        value = value.clone();
    }

    /** A TLV whose value is a text, in UTF-8. */
    public static Tlv text(int type, String value) {
        return new Tlv(type, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public int length() {
        return value.length;
    }

    /** The value read as text (UTF-8; the spec's US-ASCII strings are a subset). */
    public String valueText() {
        return new String(value, StandardCharsets.UTF_8);
    }

    /** How many bytes the TLV takes on the wire. */
    public int encodedLength() {
        return HEADER_LENGTH + value.length;
    }

    /**
     * The type of an {@code fc_pp_tlv} argument: a number 0 to 255 (decimal, or hex with {@code 0x})
     * or one of the manual's names, in any case; empty when it is neither.
     */
    public static OptionalInt typeOf(String argument) {
        Integer named = NAMES.get(argument.toUpperCase(Locale.ROOT));
        if (named != null) {
            return OptionalInt.of(named);
        }
        try {
            int number = argument.startsWith("0x") || argument.startsWith("0X")
                    ? Integer.parseInt(argument.substring(2), 16) : Integer.parseInt(argument);
            return number >= 0 && number <= 0xFF ? OptionalInt.of(number) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Tlv that && type == that.type && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Tlv[0x" + Integer.toHexString(type) + ", " + value.length + " bytes]";
    }
}
