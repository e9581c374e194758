package dev.shuttle.sample;

import dev.shuttle.http.HeaderList;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds cookies in {@code Cookie} (request) and {@code Set-Cookie} (response) headers the way the
 * {@code req.cook*} and {@code res.cook*} fetches of haproxy 2.6 find them (configuration.txt
 * §7.3.6; every rule below was observed on haproxy 2.6):
 * <ul>
 * <li>each header field is first split at commas outside quotes, like {@code hdr()}, even
 *     {@code Set-Cookie} (so {@code Expires=Wed, 21 Oct 2015} ends a cookie at the comma);</li>
 * <li>an element no longer than the searched name plus '=' is skipped, so a lone
 *     {@code a=} is not found by {@code cook(a)} (but {@code b=2; a=} is), and a lone
 *     {@code =} is not counted by {@code cook_cnt()};</li>
 * <li>an element is cut at ';' outside double quotes ({@code a="x;y"} is one cookie whose value
 *     keeps its quotes); each piece needs an '=' to be a cookie; name and value lose their
 *     surrounding spaces and tabs; names starting with '$' (RFC 2109 attributes) are ignored;</li>
 * <li>names are compared with case;</li>
 * <li>in a {@code Set-Cookie} element only the first cookie counts when a name is searched (the
 *     rest are attributes such as {@code Path}); without a name, every piece counts, as
 *     {@code res.cook_cnt()} and the ACL form of {@code res.cook} show.</li>
 * </ul>
 */
final class CookieParser {
    private CookieParser() {}

    /** One cookie: its name and value, both trimmed. */
    record Cookie(String name, String value) {}

    /** The header that carries the cookies of a message. */
    static String headerName(boolean response) {
        return response ? "Set-Cookie" : "Cookie";
    }

    /**
     * The cookies named {@code name} (any cookie when it is empty or null), in order.
     *
     * @param response whether the headers are a response's ({@code Set-Cookie})
     */
    static List<Cookie> find(HeaderList headers, boolean response, String name) {
        String wanted = name == null ? "" : name;
        return scan(headers, response, wanted, response && !wanted.isEmpty());
    }

    /**
     * {@code req.cook_names}/{@code res.cook_names} (HAProxy 2.9, not in 2.6): the cookie names
     * in order, only the cookie itself (not its attributes) of each {@code Set-Cookie} element.
     */
    static List<String> names(HeaderList headers, boolean response) {
        return scan(headers, response, "", response).stream().map(Cookie::name).toList();
    }

    private static List<Cookie> scan(HeaderList headers, boolean response, String wanted, boolean firstOnly) {
        List<Cookie> found = new ArrayList<>();
        for (String element : HttpHeaderValues.values(headers, headerName(response), true)) {
            if (element.length() <= wanted.length() + 1) {
                continue;
            }
            for (String piece : HttpHeaderValues.elements(element, ';')) {
                int equals = piece.indexOf('=');
                if (equals < 0) {
                    continue;
                }
                Cookie cookie = new Cookie(HttpHeaderValues.trim(piece.substring(0, equals)),
                        HttpHeaderValues.trim(piece.substring(equals + 1)));
                if (cookie.name().startsWith("$")) {
                    continue;
                }
                if (wanted.isEmpty() || cookie.name().equals(wanted)) {
                    found.add(cookie);
                }
                if (firstOnly) {
                    break;
                }
            }
        }
        return found;
    }

    /** The values of the cookies named {@code name} (any cookie when empty or null). */
    static List<String> values(HeaderList headers, boolean response, String name) {
        return find(headers, response, name).stream().map(Cookie::value).toList();
    }

    /**
     * The value a sample context gets: the last cookie of that name, or the first cookie of all
     * when no name is given (configuration.txt §7.3.6, {@code req.cook}).
     */
    static List<String> pick(List<String> values, String name, boolean allValues) {
        if (allValues || values.isEmpty()) {
            return values;
        }
        boolean anyName = name == null || name.isEmpty();
        return List.of(values.get(anyName ? 0 : values.size() - 1));
    }
}
