package dev.shuttle.http;

import java.util.Map;

/**
 * The reason phrases HAProxy writes in the replies it composes itself ({@code http-error ... string},
 * {@code errorloc}), which are not always {@link StatusReasons}'s: observed on haproxy 2.6, e.g.
 * {@code 413 Request Entity Too Large}, {@code 502 Bad Gateway or Proxy Error}. The built-in pages
 * carry their own, different, phrases in their text (see {@link BuiltinErrors}).
 */
public final class ErrorReasons {
    private static final Map<Integer, String> HAPROXY = Map.ofEntries(
            Map.entry(200, "OK"), Map.entry(302, "Found"), Map.entry(303, "See Other"),
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
            Map.entry(407, "Proxy Authentication Required"), Map.entry(408, "Request Time-out"),
            Map.entry(410, "Gone"), Map.entry(413, "Request Entity Too Large"), Map.entry(425, "Too Early"),
            Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"),
            Map.entry(501, "Not Implemented"), Map.entry(502, "Bad Gateway or Proxy Error"),
            Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Time-out"));

    private ErrorReasons() {}

    public static String of(int status) {
        String reason = HAPROXY.get(status);
        return reason != null ? reason : StatusReasons.of(status);
    }
}
