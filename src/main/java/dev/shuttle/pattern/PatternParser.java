package dev.shuttle.pattern;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses one pattern for a match method, with HAProxy's messages for bad ones (checked against
 * haproxy 2.6).
 *
 * <p>Regular expressions are compiled by {@link java.util.regex.Pattern}, not PCRE. The common
 * syntax is the same; the differences a configuration may meet are: POSIX classes are written
 * {@code \p{Alpha}} (PCRE's {@code [[:alpha:]]} is read as a plain character set), PCRE-only
 * constructs (recursion {@code (?R)}, branch reset {@code (?|...)}, conditionals, {@code \K})
 * are refused, and the error text after {@code error=} is Java's description.
 */
public final class PatternParser {
    private PatternParser() {}

    /** Options in force for a pattern: {@code -i} and {@code -n} as they stood when it was read. */
    public record Options(boolean ignoreCase, boolean noDns) {
        public static final Options NONE = new Options(false, false);
    }

    public static MatchPattern parse(String text, MatchMethod method, Options options) throws AclException {
        return switch (method) {
            case INT, LEN -> integer(text);
            case IP -> network(text, options.noDns());
            case BIN -> bytes(text);
            case REG -> regex(text, options.ignoreCase());
            case STR, BEG, END, SUB, DIR, DOM -> new TextPattern(text, options.ignoreCase());
            case FOUND, BOOL -> throw new IllegalArgumentException(method + " takes no pattern");
        };
    }

    /** An integer or a range {@code min:max}, either bound omitted (configuration.txt §7.1.2). */
    public static IntRange integer(String text) throws AclException {
        int colon = text.indexOf(':');
        if (colon < 0) {
            long value = number(text).orElseThrow(() -> new AclException("'" + text + "' is not a number"));
            return new IntRange(value, value, text);
        }
        String low = text.substring(0, colon);
        String high = text.substring(colon + 1);
        Optional<Long> min = low.isEmpty() ? Optional.of(Long.MIN_VALUE) : number(low);
        Optional<Long> max = high.isEmpty() ? Optional.of(Long.MAX_VALUE) : number(high);
        if (min.isEmpty() || max.isEmpty() || min.get() > max.get()) {
            throw new AclException("'" + text + "' is not a valid number range");
        }
        return new IntRange(min.get(), max.get(), text);
    }

    /** A signed decimal integer, or empty for anything else (also read by the ACL flag {@code -u}). */
    public static Optional<Long> number(String text) {
        String digits = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * An IPv4 network ({@code a.b.c.d}, short forms, {@code /bits} or {@code /dotted-mask}, or a
     * host name resolved now unless {@code -n}) or an IPv6 one ({@code addr[/bits]}, never a name).
     */
    public static IpNetwork network(String text, boolean noDns) throws AclException {
        AclException invalid = new AclException("'" + text + "' is not a valid IPv4 or IPv6 address");
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        String maskText = slash < 0 ? null : text.substring(slash + 1);
        Optional<byte[]> ipv6 = host.contains(":") ? IpNetwork.parseIpv6(host) : Optional.empty();
        if (ipv6.isPresent()) {
            int bits = maskText == null ? 128 : bits(maskText, 128).orElseThrow(() -> invalid);
            return new IpNetwork(ipv6.get(), IpNetwork.prefixMask(bits, 16), text);
        }
        byte[] ipv4 = IpNetwork.parseIpv4(host, false).or(() -> noDns ? Optional.empty() : resolve(host))
                .orElseThrow(() -> invalid);
        byte[] mask = IpNetwork.prefixMask(32, 4);
        if (maskText != null) {
            mask = maskText.contains(".") ? IpNetwork.parseIpv4(maskText, true).orElseThrow(() -> invalid)
                    : IpNetwork.prefixMask(bits(maskText, 32).orElseThrow(() -> invalid), 4);
        }
        return new IpNetwork(ipv4, mask, text);
    }

    private static Optional<Integer> bits(String text, int max) {
        if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        int bits = Integer.parseInt(text);
        return bits <= max ? Optional.of(bits) : Optional.empty();
    }

    /** configuration.txt §7.1.6: a host name stands for its (first IPv4) address, resolved at load time. */
    private static Optional<byte[]> resolve(String host) {
        if (host.isEmpty() || host.contains(":")) {
            return Optional.empty();
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (address.getAddress().length == 4) {
                    return Optional.of(address.getAddress());
                }
            }
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Hex digits in an even number (configuration.txt §7.1.5). */
    public static BytesPattern bytes(String text) throws AclException {
        if (text.length() % 2 != 0) {
            throw new AclException("an even number of hex digit is expected");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                throw new AclException("an hex digit is expected (found '" + text.charAt(i) + "')");
            }
        }
        return new BytesPattern(HexFormat.of().parseHex(text), text);
    }

    public static RegexPattern regex(String text, boolean ignoreCase) throws AclException {
        try {
            return new RegexPattern(Pattern.compile(text, ignoreCase ? Pattern.CASE_INSENSITIVE : 0), text);
        } catch (PatternSyntaxException e) {
            throw new AclException("regex '" + text + "' is invalid (error=" + e.getDescription() + ", erroffset="
                    + Math.max(e.getIndex(), 0) + ")");
        }
    }
}
