package dev.shuttle.http;

/**
 * Whether an element of a received {@code Forwarded} header (RFC 7239 §4) is well formed, as a proxy
 * appending its own element must know: it extends a header it can trust, and starts a new one
 * otherwise. The rules are HAProxy 3.x's reading of RFC 7239:
 *
 * <pre>
 *   forwarded-element = pair *( ";" pair )     ; each of for, by, host, proto at most once,
 *                                              ; names in lower case, no other parameter
 *   for / by   = node, quoted when it has a port or is an IPv6 address (§6)
 *   node       = nodename [ ":" node-port ]
 *   nodename   = IPv4address / "[" IPv6address "]" / "unknown" / obfnode
 *   obfnode    = "_" 1*( ALPHA / DIGIT / "." / "_" / "-" )
 *   node-port  = port (0-65535) / obfport       ; obfport like obfnode
 *   host       = a Host value (§5.3), quoted or not
 *   proto      = "http" / "https"                ; not quoted
 * </pre>
 */
public final class ForwardedSyntax {
    private ForwardedSyntax() {}

    /** Whether {@code element} (one comma-separated element, OWS trimmed) is well formed. */
    public static boolean isValidElement(String element) {
        if (element.isEmpty()) {
            return false;
        }
        boolean seenFor = false;
        boolean seenBy = false;
        boolean seenHost = false;
        boolean seenProto = false;
        for (String pair : element.split(";", -1)) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                return false;
            }
            String name = pair.substring(0, equals);
            String value = pair.substring(equals + 1);
            switch (name) {
                case "for" -> {
                    if (seenFor || !isNode(value)) {
                        return false;
                    }
                    seenFor = true;
                }
                case "by" -> {
                    if (seenBy || !isNode(value)) {
                        return false;
                    }
                    seenBy = true;
                }
                case "host" -> {
                    if (seenHost || !isHost(unquoted(value))) {
                        return false;
                    }
                    seenHost = true;
                }
                case "proto" -> {
                    if (seenProto || !(value.equals("http") || value.equals("https"))) {
                        return false;
                    }
                    seenProto = true;
                }
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    /** A node: unquoted only for an IPv4 address, "unknown" or an obfuscated name without port. */
    private static boolean isNode(String value) {
        boolean quoted = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"");
        String node = quoted ? value.substring(1, value.length() - 1) : value;
        String name = node;
        String port = null;
        if (node.startsWith("[")) {
            int close = node.indexOf(']');
            if (close < 0 || !quoted) {
                return false;
            }
            name = node.substring(0, close + 1);
            String rest = node.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    return false;
                }
                port = rest.substring(1);
            }
            if (!IpLiteral.isIpv6(name.substring(1, name.length() - 1))) {
                return false;
            }
        } else {
            int colon = node.indexOf(':');
            if (colon >= 0) {
                if (!quoted) {
                    return false;
                }
                name = node.substring(0, colon);
                port = node.substring(colon + 1);
            }
            if (!(IpLiteral.isIpv4(name) || name.equals("unknown") || isObfuscated(name))) {
                return false;
            }
        }
        return port == null || isPort(port) || isObfuscated(port);
    }

    private static boolean isPort(String port) {
        if (port.isEmpty() || port.length() > 5) {
            return false;
        }
        for (int i = 0; i < port.length(); i++) {
            if (port.charAt(i) < '0' || port.charAt(i) > '9') {
                return false;
            }
        }
        return Integer.parseInt(port) <= 65535;
    }

    /** RFC 7239 §6.3: obfnode / obfport = "_" 1*( ALPHA / DIGIT / "." / "_" / "-" ). */
    public static boolean isObfuscated(String text) {
        if (text.length() < 2 || text.charAt(0) != '_') {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 0x80) && c != '.' && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isHost(String host) {
        return !host.isEmpty() && !Authority.hasForbiddenChar(host);
    }

    private static String unquoted(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
