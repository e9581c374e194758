package dev.shuttle.sample;

import java.util.Optional;

/**
 * Reads one element of a {@code Forwarded} header (RFC 7239 §4) the way HAProxy 3.5 does for its
 * {@code rfc7239_*} converters (configuration.txt §7.3.1): the parameters {@code for}, {@code by},
 * {@code host} and {@code proto}, each at most once, separated by {@code ;}. HAProxy's reading is
 * narrower than the RFC's, and the converters answer as it does:
 *
 * <pre>
 *   element   = param *( ";" param )       ; names in lower case, no other name, no ","
 *   for / by  = node, or DQUOTE node DQUOTE ; a port or an IPv6 address only when quoted
 *   node      = nodename [ ":" nodeport ]
 *   nodename  = IPv4 / "[" IPv6 "]" / "unknown" / "_" 1*obfchar
 *   nodeport  = 1-65535 / "_" 1*obfchar     ; obfchar = ALPHA / DIGIT / "." / "-" / "_"
 *   host      = 1*( ALPHA / DIGIT / "." ) or, quoted, an IPv6 literal, then ":" port when quoted
 *   proto     = "http" / "https"            ; never quoted
 * </pre>
 *
 * Once all four parameters are read, whatever follows is not looked at. {@code
 * http.ForwardedSyntax} checks received elements for {@code option forwarded} with the RFC's
 * character set; this class keeps HAProxy's converter answers (a host with a '-' is refused).
 */
final class ForwardedParameters {
    private ForwardedParameters() {}

    /** What a node's name is. */
    enum NameKind { IP, UNKNOWN, OBFUSCATED }

    /**
     * A node ({@code for} or {@code by}): its name (an address of 4 or 16 bytes, "unknown", or
     * an obfuscated name without its '_'), its port (-1 when absent, or the obfuscated port
     * without its '_'), and how many characters of the input it took.
     */
    record Node(NameKind kind, byte[] address, String obfuscatedName, int port, String obfuscatedPort, int length) {}

    /** The parameters of a valid element; a null field was not in it; {@code forNode}/{@code byNode} unquoted. */
    record Element(String proto, String host, String forNode, String byNode) {}

    /** The element's parameters, or empty when HAProxy 3.5 would not trust it. */
    static Optional<Element> parse(String header) {
        String proto = null;
        String host = null;
        String forNode = null;
        String byNode = null;
        int at = 0;
        boolean first = true;
        while (at < header.length() && (proto == null || host == null || forNode == null || byNode == null)) {
            if (!first) {
                if (header.charAt(at) != ';') {
                    return Optional.empty();
                }
                at++;
            }
            first = false;
            String rest = header.substring(at);
            int valueStart;
            String value;
            if (forNode == null && rest.length() > 4 && rest.startsWith("for=")
                    || byNode == null && rest.length() > 3 && rest.startsWith("by=")) {
                boolean isFor = rest.startsWith("for=");
                valueStart = at + (isFor ? 4 : 3);
                boolean quoted = valueStart < header.length() && header.charAt(valueStart) == '"';
                int start = quoted ? valueStart + 1 : valueStart;
                Optional<Node> node = node(header.substring(start), quoted);
                if (node.isEmpty()) {
                    return Optional.empty();
                }
                value = header.substring(start, start + node.get().length());
                at = closeQuote(header, start + node.get().length(), quoted);
                if (isFor) {
                    forNode = value;
                } else {
                    byNode = value;
                }
            } else if (host == null && rest.length() > 5 && rest.startsWith("host=")) {
                valueStart = at + 5;
                boolean quoted = valueStart < header.length() && header.charAt(valueStart) == '"';
                int start = quoted ? valueStart + 1 : valueStart;
                int length = hostLength(header.substring(start), quoted);
                if (length < 0) {
                    return Optional.empty();
                }
                host = header.substring(start, start + length);
                at = closeQuote(header, start + length, quoted);
            } else if (proto == null && rest.length() > 6 && rest.startsWith("proto=")) {
                // Only "http" and "https", unquoted; "httpx" leaves "x" to fail as the next separator.
                if (!rest.startsWith("http", 6)) {
                    return Optional.empty();
                }
                boolean secure = rest.length() > 10 && rest.charAt(10) == 's';
                proto = secure ? "https" : "http";
                at += secure ? 11 : 10;
            } else {
                return Optional.empty();
            }
            if (at < 0) {
                return Optional.empty();
            }
        }
        return Optional.of(new Element(proto, host, forNode, byNode));
    }

    /** Where parsing goes on after a value ending at {@code end}: past its closing quote, or -1 without one. */
    private static int closeQuote(String header, int end, boolean quoted) {
        if (!quoted) {
            return end;
        }
        return end < header.length() && header.charAt(end) == '"' ? end + 1 : -1;
    }

    /** RFC 7239 §6: a node at the start of {@code input} (ports and IPv6 only when quoted), or empty. */
    static Optional<Node> node(String input, boolean quoted) {
        if (input.isEmpty()) {
            return Optional.empty();
        }
        NameKind kind;
        byte[] address = null;
        String obfuscatedName = null;
        int at;
        char c = input.charAt(0);
        if (c == '_') {
            int length = obfuscatedLength(input, 1);
            if (length == 0) {
                return Optional.empty();
            }
            kind = NameKind.OBFUSCATED;
            obfuscatedName = input.substring(1, 1 + length);
            at = 1 + length;
        } else if (c == 'u') {
            if (!input.startsWith("unknown")) {
                return Optional.empty();
            }
            kind = NameKind.UNKNOWN;
            at = 7;
        } else if (quoted && c == '[') {
            int close = ipv6End(input);
            if (close < 0) {
                return Optional.empty();
            }
            address = Casts.parseIpv6(input.substring(1, close));
            kind = NameKind.IP;
            at = close + 1;
        } else {
            int end = 0;
            while (end < input.length() && end < 15 && (isDigit(input.charAt(end)) || input.charAt(end) == '.')) {
                end++;
            }
            address = Casts.parseIpv4(input.substring(0, end));
            kind = NameKind.IP;
            at = end;
        }
        if (kind == NameKind.IP && address == null) {
            return Optional.empty();
        }
        int port = -1;
        String obfuscatedPort = null;
        if (at < input.length() && input.charAt(at) == ':') {
            if (!quoted || at + 1 >= input.length()) {
                return Optional.empty();
            }
            at++;
            if (input.charAt(at) == '_') {
                int length = obfuscatedLength(input, at + 1);
                if (length == 0) {
                    return Optional.empty();
                }
                obfuscatedPort = input.substring(at + 1, at + 1 + length);
                at += 1 + length;
            } else {
                int length = portLength(input, at);
                if (length == 0) {
                    return Optional.empty();
                }
                port = Integer.parseInt(input.substring(at, at + length));
                at += length;
            }
        }
        return Optional.of(new Node(kind, address, obfuscatedName, port, obfuscatedPort, at));
    }

    /** The position of the ']' closing an IPv6 literal that starts {@code input}, or -1. */
    private static int ipv6End(String input) {
        int at = 1;
        while (at < input.length() && at - 1 < 45 && (isAsciiAlphanumeric(input.charAt(at)) || input.charAt(at) == ':')) {
            at++;
        }
        return at < input.length() && input.charAt(at) == ']' ? at : -1;
    }

    /** A host: letters, digits and dots (or, quoted, an IPv6 literal), then a port when quoted; -1 when invalid. */
    private static int hostLength(String input, boolean quoted) {
        if (input.isEmpty()) {
            return -1;
        }
        int at = 0;
        if (quoted && input.charAt(0) == '[') {
            int close = ipv6End(input);
            if (close < 0 || Casts.parseIpv6(input.substring(1, close)) == null) {
                return -1;
            }
            at = close + 1;
        } else {
            while (at < input.length() && (isAsciiAlphanumeric(input.charAt(at)) || input.charAt(at) == '.')) {
                at++;
            }
        }
        if (at >= input.length() || input.charAt(at) != ':') {
            return at;
        }
        if (!quoted) {
            return -1;
        }
        int length = portLength(input, at + 1);
        return length == 0 ? -1 : at + 1 + length;
    }

    /** How many digits of a port (1 to 65535) start at {@code from}; 0 when there is no valid port. */
    private static int portLength(String input, int from) {
        int value = 0;
        int at = from;
        while (at < input.length() && isDigit(input.charAt(at))) {
            value = value * 10 + input.charAt(at) - '0';
            if (value > 65535) {
                return 0;
            }
            at++;
        }
        return value == 0 ? 0 : at - from;
    }

    /** How many obfuscated-identifier characters (RFC 7239 §6.3) start at {@code from}. */
    static int obfuscatedLength(String input, int from) {
        int at = from;
        while (at < input.length() && (isAsciiAlphanumeric(input.charAt(at)) || input.charAt(at) == '.'
                || input.charAt(at) == '-' || input.charAt(at) == '_')) {
            at++;
        }
        return at - from;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiAlphanumeric(char c) {
        return isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
