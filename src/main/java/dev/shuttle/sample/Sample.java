package dev.shuttle.sample;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * One value produced by a fetch or a converter: a type and its value. Immutable.
 *
 * <p>Representation by type: BOOL → {@link Boolean}, SINT → {@link Long}, IPV4/IPV6 →
 * {@link InetAddress} (IPV6 always an {@link Inet6Address}, IPv4-mapped ones included; build
 * them with {@link #addressOf}), STR and METH → {@link String} (one char per byte, ISO-8859-1), BIN →
 * {@code byte[]} (never modified after construction).
 */
public record Sample(SampleType type, Object value) {
    public static Sample bool(boolean value) {
        return new Sample(SampleType.BOOL, value);
    }

    public static Sample sint(long value) {
        return new Sample(SampleType.SINT, value);
    }

    public static Sample str(String value) {
        return new Sample(SampleType.STR, value);
    }

    public static Sample bin(byte[] value) {
        return new Sample(SampleType.BIN, value);
    }

    public static Sample method(String value) {
        return new Sample(SampleType.METH, value);
    }

    /** An address sample, IPV4 or IPV6 by the address's own family. */
    public static Sample address(InetAddress address) {
        return new Sample(address.getAddress().length == 4 ? SampleType.IPV4 : SampleType.IPV6, address);
    }

    public boolean asBoolean() {
        return (Boolean) value;
    }

    public long asLong() {
        return (Long) value;
    }

    public String asString() {
        return (String) value;
    }

    public byte[] asBytes() {
        return (byte[]) value;
    }

    public InetAddress asAddress() {
        return (InetAddress) value;
    }

    /** The text form HAProxy gives any sample when it must be a string (logs, headers). */
    public String toText() {
        return switch (type) {
            case BOOL -> asBoolean() ? "1" : "0";
            case SINT -> Long.toString(asLong());
            case IPV4 -> asAddress().getHostAddress();
            case IPV6 -> Casts.ipv6Text(asAddress().getAddress());
            case STR, METH -> asString();
            case BIN -> new String(asBytes(), StandardCharsets.ISO_8859_1);
        };
    }

    /**
     * Builds an address from 4 or 16 raw bytes. Sixteen bytes always give an IPV6 sample, even an
     * IPv4-mapped one ({@code ::ffff:1.2.3.4}), which {@link InetAddress#getByAddress(byte[])}
     * would silently turn into IPv4.
     */
    public static Sample addressOf(byte[] raw) {
        try {
            if (raw.length == 16) {
                return new Sample(SampleType.IPV6, Inet6Address.getByAddress(null, raw, -1));
            }
            return address(InetAddress.getByAddress(raw));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + raw.length + " bytes");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Sample sample && sample.type == type
                && (value instanceof byte[] bytes ? Arrays.equals(bytes, (byte[]) sample.value) : value.equals(sample.value));
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + (value instanceof byte[] bytes ? Arrays.hashCode(bytes) : value.hashCode());
    }

    @Override
    public String toString() {
        return type.name().toLowerCase(Locale.ROOT) + "(" + toText() + ")";
    }
}
