package dev.shuttle.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * HAProxy's built-in error pages, the statuses it can generate itself (configuration.txt,
 * "errorfile"): the only ones {@code errorfile}, {@code errorloc} and {@code http-error} accept.
 *
 * <p>The texts are part of the wire behaviour Shuttle reproduces, captured from haproxy 2.6 (see
 * {@code src/test/resources/http/haproxy-2.6-errors/}). Each is written as HAProxy keeps it, with
 * {@code Content-length} spelled so: that form goes out verbatim when the H1 connection answers
 * before any exchange (400, 408), while within an exchange the same message is sent with
 * lower-cased names and the connection header last (see {@link ErrorResponse}). Only 400 and 408
 * carry {@code Connection: close}. Quirks kept on purpose: 407 says "Unauthorized", 501's text
 * starts with a dot.
 */
public final class BuiltinErrors {
    /** Every status HAProxy generates itself, in order. */
    public static final Set<Integer> STATUSES = Set.of(200, 400, 401, 403, 404, 405, 407, 408, 410, 413, 414, 421,
            422, 425, 429, 431, 500, 501, 502, 503, 504);

    private static final Map<Integer, ErrorResponse> PAGES = new TreeMap<>();

    static {
        page(200, "OK", false, "Service ready.");
        page(400, "Bad request", true, "Your browser sent an invalid request.");
        page(401, "Unauthorized", false, "You need a valid user and password to access this content.");
        page(403, "Forbidden", false, "Request forbidden by administrative rules.");
        page(404, "Not Found", false, "The resource could not be found.");
        page(405, "Method Not Allowed", false,
                "A request was made of a resource using a request method not supported by that resource");
        page(407, "Unauthorized", false, "You need a valid user and password to access this content.");
        page(408, "Request Time-out", true, "Your browser didn't send a complete request in time.");
        page(410, "Gone", false, "The resource is no longer available and will not be available again.");
        page(413, "Payload Too Large", false, "The request entity exceeds the maximum allowed.");
        // 414, 421 and 431 arrived in HAProxy 3.x (texts of 3.5): a request line or header fields
        // longer than a buffer are answered 414 and 431 there, where 2.6 answered 400.
        page(414, "URI Too Long", false, "The URI provided was too long for the server to process.");
        page(421, "Misdirected Request", false, "Request sent to a non-authoritative server.");
        // Sent by the H1 layer for a Transfer-Encoding it cannot process.
        page(422, "Unprocessable Content", false, "The server cannot process the contained instructions.");
        page(425, "Too Early", false, "Your browser sent early data.");
        page(429, "Too Many Requests", false, "You have sent too many requests in a given amount of time.");
        page(431, "Request Header Fields Too Large", false, "Request Header Fields Too Large.");
        page(500, "Internal Server Error", false, "An internal server error occurred.");
        page(501, "Not Implemented", false,
                ".The server does not support the functionality required to fulfill the request.");
        page(502, "Bad Gateway", false, "The server returned an invalid or incomplete response.");
        page(503, "Service Unavailable", false, "No server is available to handle this request.");
        page(504, "Gateway Time-out", false, "The server didn't respond in time.");
    }

    private BuiltinErrors() {}

    /** Whether HAProxy can generate {@code status} itself, and so accepts a custom message for it. */
    public static boolean isHandled(int status) {
        return STATUSES.contains(status);
    }

    /** The built-in page for a status HAProxy generates, or empty. */
    public static Optional<ErrorResponse> page(int status) {
        return Optional.ofNullable(PAGES.get(status));
    }

    /**
     * The built-in page for {@code status}; a status HAProxy never generates has none, and gets the
     * 500 page, as HAProxy falls back to its internal-error message.
     */
    public static ErrorResponse forStatus(int status) {
        return PAGES.getOrDefault(status, PAGES.get(500));
    }

    private static void page(int status, String reason, boolean close, String text) {
        String body = "<html><body><h1>" + status + " " + reason + "</h1>\n" + text + "\n</body></html>\n";
        String head = "HTTP/1.1 " + status + " " + reason + "\r\n"
                + "Content-length: " + body.length() + "\r\n"
                + "Cache-Control: no-cache\r\n"
                + (close ? "Connection: close\r\n" : "")
                + "Content-Type: text/html\r\n"
                + "\r\n";
        try {
            PAGES.put(status, ErrorFileParser.parse((head + body).getBytes(StandardCharsets.ISO_8859_1), 16384));
        } catch (ErrorFileException e) {
            throw new ExceptionInInitializerError("built-in page " + status + ": " + e.getMessage());
        }
    }
}
