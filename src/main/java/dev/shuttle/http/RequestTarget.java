package dev.shuttle.http;

import java.util.Locale;

/**
 * A request-target split into its parts (RFC 9112 §3.2). Absent parts are null; the query
 * excludes its '?'.
 *
 * <pre>
 *   request-target = origin-form      ; /path?query
 *                  / absolute-form    ; scheme://authority/path?query
 *                  / authority-form   ; host:port, CONNECT only
 *                  / asterisk-form    ; *
 * </pre>
 */
public record RequestTarget(Form form, String scheme, String authority, String path, String query) {

    /** The four shapes of RFC 9112 §3.2. */
    public enum Form { ORIGIN, ABSOLUTE, AUTHORITY, ASTERISK }

    /** HAProxy's known methods: '*' goes with OPTIONS or a method it does not know (RFC 9112 §3.2.4). */
    private static final java.util.Set<String> KNOWN_METHODS =
            java.util.Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "TRACE", "CONNECT");

    /**
     * Splits a target already checked for forbidden bytes, refusing a form its method cannot take,
     * as HAProxy 3.x does: asterisk-form only with OPTIONS or an unknown method (RFC 9112 §3.2.4),
     * authority-form only with CONNECT and CONNECT only with it (RFC 9112 §3.2.3), and an
     * absolute-form is "scheme://" then the authority (RFC 9112 §3.2.2 with RFC 3986 §3).
     *
     * @param method   the request's method
     * @param position where the target starts in the parsed buffer, for error positions
     */
    public static RequestTarget parse(String target, String method, int position) throws RequestTargetException {
        boolean connect = method.equals("CONNECT");
        if (target.equals("*")) {
            if (KNOWN_METHODS.contains(method)) {
                throw new RequestTargetException("asterisk-form with " + method, position);
            }
            return new RequestTarget(Form.ASTERISK, null, null, null, null);
        }
        if (target.startsWith("/")) {
            if (connect) {
                // RFC 9110 §9.3.6: CONNECT names a host and port.
                throw new RequestTargetException("origin-form with CONNECT", position);
            }
            return originForm(target);
        }
        int colon = schemeEnd(target);
        boolean absolute = colon > 0 && target.startsWith("//", colon + 1);
        if (connect) {
            if (absolute || !isAuthority(target)) {
                throw new RequestTargetException("CONNECT without an authority-form target", position);
            }
            return new RequestTarget(Form.AUTHORITY, null, target, null, null);
        }
        if (!absolute) {
            throw new RequestTargetException("invalid request target", position);
        }
        return absoluteForm(target, colon);
    }

    private static RequestTarget originForm(String target) {
        int question = target.indexOf('?');
        return question < 0
                ? new RequestTarget(Form.ORIGIN, null, null, target, null)
                : new RequestTarget(Form.ORIGIN, null, null, target.substring(0, question), target.substring(question + 1));
    }

    /** RFC 3986 §3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), then ':'. Returns the colon's index. */
    private static int schemeEnd(String target) {
        if (target.isEmpty() || !isAlpha(target.charAt(0))) {
            return -1;
        }
        for (int i = 1; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == ':') {
                return i;
            }
            if (!isAlpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
                return -1;
            }
        }
        return -1;
    }

    /**
     * RFC 3986 §3: after "scheme://" comes the authority, which ends at the first '/', '?' or '#'.
     * (HAProxy 2.6 ended it at '/' only; we follow the RFC, as 3.x does.)
     */
    private static RequestTarget absoluteForm(String target, int colon) {
        String scheme = target.substring(0, colon);
        String rest = target.substring(colon + 3);
        int end = 0;
        while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0) {
            end++;
        }
        String authority = rest.substring(0, end);
        rest = rest.substring(end);
        int question = rest.indexOf('?');
        String path = question < 0 ? rest : rest.substring(0, question);
        String query = question < 0 ? null : rest.substring(question + 1);
        return new RequestTarget(Form.ABSOLUTE, scheme, authority, path, query);
    }

    /** The authority without its userinfo (RFC 3986 §3.2.1): the host and port; null if there is none. */
    public String hostAndPort() {
        return authority == null ? null : authority.substring(authority.lastIndexOf('@') + 1);
    }

    /** RFC 9112 §3.2.3: authority-form = uri-host ":" port, the port being digits (an IPv6 host is bracketed). */
    private static boolean isAuthority(String target) {
        int colon = target.lastIndexOf(':');
        if (colon <= 0 || colon == target.length() - 1 || target.contains("/")) {
            return false;
        }
        for (int i = colon + 1; i < target.length(); i++) {
            if (!Character.isDigit(target.charAt(i))) {
                return false;
            }
        }
        String host = target.substring(0, colon);
        return !host.startsWith("[") || host.endsWith("]");
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /**
     * The authority as compared with the Host header: without userinfo, lower case, without the
     * scheme's default port (HAProxy takes {@code http://a:80/} with {@code Host: a} and
     * {@code http://a/} with {@code Host: a:80} as matching). Null if there is none to compare; an
     * absolute-form's empty authority ({@code http:///x}) is compared, and differs from any Host.
     */
    public String hostForComparison() {
        if (authority == null || (authority.isEmpty() && form != Form.ABSOLUTE)) {
            return null;
        }
        return normalizeHost(hostAndPort(), scheme);
    }

    /** A Host value as compared with a target's authority (see {@link #hostForComparison()}). */
    public static String normalizeHost(String host, String scheme) {
        String lower = host.toLowerCase(Locale.ROOT);
        String defaultPort = scheme == null ? null
                : scheme.equalsIgnoreCase("http") ? ":80"
                : scheme.equalsIgnoreCase("https") ? ":443" : null;
        if (defaultPort != null && lower.endsWith(defaultPort)) {
            return lower.substring(0, lower.length() - defaultPort.length());
        }
        return lower;
    }
}
