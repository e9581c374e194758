package dev.shuttle.stream;

import dev.shuttle.config.PersistenceCookie;
import dev.shuttle.config.PersistenceCookie.Mode;
import dev.shuttle.http.HeaderList;
import dev.shuttle.http.ResponseHead;
import dev.shuttle.server.Server;
import java.util.Optional;

/**
 * The response side of cookie persistence (configuration.txt §4.2, "cookie"), after the
 * {@code http-response} rules as in HAProxy: the server's own {@code Set-Cookie} of the
 * persistence cookie is kept ({@code preserve}), removed (insert mode, or {@code indirect} on a
 * direct access), rewritten ({@code rewrite}: the server's value) or prefixed ({@code prefix}:
 * {@code SRV~}); then, in insert mode, the proxy adds its own cookie when the client did not come
 * with the right one or its dates need refreshing, and {@code nocache} marks a cacheable response
 * {@code Cache-control: private}.
 */
final class SetCookiePersistence {
    /** How a server without a {@code cookie} value ends a client's persistence. */
    private static final String REMOVAL = "=; Expires=Thu, 01-Jan-1970 00:00:01 GMT; path=/";

    private SetCookiePersistence() {}

    static void onResponse(String method, ResponseHead head, PersistenceCookie cookie, Server server,
                           PersistenceState state, long now) {
        HeaderList headers = head.headers();
        boolean direct = state.direct(server);
        boolean serverSetOurs = false;
        for (int i = 0; i < headers.size(); i++) {
            HeaderList.Field field = headers.get(i);
            if (!field.hasName("set-cookie")) {
                continue;
            }
            String value = stripSpacesAroundEqual(field.value());
            int equal = value.indexOf('=');
            int semicolon = value.indexOf(';');
            if (equal < 0 || semicolon >= 0 && semicolon < equal) {
                continue; // no cookie on this line
            }
            int start = 0;
            while (start < equal && CookiePersistence.isSpace(value.charAt(start))) {
                start++;
            }
            int valueEnd = CookiePersistence.valueEnd(value, equal + 1, value.length());
            while (valueEnd > equal + 1 && CookiePersistence.isSpace(value.charAt(valueEnd - 1))) {
                valueEnd--;
            }
            if (valueEnd == equal) {
                continue;
            }
            if (!value.equals(field.value())) {
                headers.replace(i, field.name(), value);
            }
            if (state.ignored || !value.substring(start, equal).equals(cookie.name())) {
                continue;
            }
            serverSetOurs = true;
            state.server = PersistenceState.ServerCookie.PASSED;
            Optional<String> serverCookie = server.cookie();
            if (cookie.preserve()) {
                continue;
            }
            if (cookie.mode() == Mode.INSERT || direct && cookie.indirect()) {
                headers.remove(i--);
                state.server = PersistenceState.ServerCookie.DELETED;
            } else if (serverCookie.isPresent() && cookie.mode() == Mode.REWRITE) {
                headers.replace(i, field.name(), value.substring(0, equal + 1) + serverCookie.get()
                        + value.substring(valueEnd));
                state.server = PersistenceState.ServerCookie.REWRITTEN;
            } else if (serverCookie.isPresent() && cookie.mode() == Mode.PREFIX) {
                headers.replace(i, field.name(), value.substring(0, equal + 1) + serverCookie.get() + "~"
                        + value.substring(equal + 1));
                state.server = PersistenceState.ServerCookie.REWRITTEN;
            }
        }
        if (needsInsertion(method, cookie, serverSetOurs, direct, state, now)) {
            insert(headers, cookie, server, state, direct, now);
            if (cookie.noCache() && ResponseCacheability.cacheable(method, head)) {
                headers.add("Cache-control", "private");
            }
        }
    }

    /**
     * HAProxy inserts when the request did not come straight to this server, or when the cookie's
     * dates must be written, refreshed or dropped; never when the server set the cookie under
     * {@code preserve}, outside POST under {@code postonly}, or when persistence is ignored.
     */
    private static boolean needsInsertion(String method, PersistenceCookie cookie, boolean serverSetOurs,
                                          boolean direct, PersistenceState state, long now) {
        if (cookie.mode() != Mode.INSERT || serverSetOurs && cookie.preserve() || state.ignored) {
            return false;
        }
        if (cookie.postOnly() && !method.equals("POST")) {
            return false;
        }
        return !direct
                || (cookie.maxIdleSeconds() > 0 || state.lastSeen != 0) && (state.lastSeen == 0 || state.lastSeen < now)
                || cookie.maxLifeSeconds() > 0 && state.firstSeen == 0
                || cookie.maxLifeSeconds() == 0 && state.firstSeen != 0;
    }

    /** {@code Set-Cookie: NAME=SRV[|last[|first]]; path=/[; domain=D]*[; HttpOnly][; Secure][; attr]*}. */
    private static void insert(HeaderList headers, PersistenceCookie cookie, Server server, PersistenceState state,
                               boolean direct, long now) {
        Optional<String> serverCookie = server.cookie();
        StringBuilder line = new StringBuilder(cookie.name());
        if (serverCookie.isEmpty()) {
            line.append(REMOVAL);
        } else {
            line.append('=').append(serverCookie.get());
            if (cookie.dated()) {
                line.append('|').append(CookieDates.encode(now));
                if (cookie.maxLifeSeconds() > 0) {
                    line.append('|').append(state.firstSeen != 0 ? CookieDates.encodeExact(state.firstSeen)
                            : CookieDates.encode(now));
                }
            }
            line.append("; path=/");
        }
        for (String domain : cookie.domains()) {
            line.append("; domain=").append(domain);
        }
        if (cookie.httpOnly()) {
            line.append("; HttpOnly");
        }
        if (cookie.secure()) {
            line.append("; Secure");
        }
        for (String attribute : cookie.attributes()) {
            line.append("; ").append(attribute);
        }
        headers.add("Set-Cookie", line.toString());
        state.server = serverCookie.isPresent() && direct ? PersistenceState.ServerCookie.UPDATED
                : PersistenceState.ServerCookie.INSERTED;
    }

    /** {@code NAME = VALUE; ...} becomes {@code NAME=VALUE; ...}, as HAProxy tidies a cookie it looks at. */
    private static String stripSpacesAroundEqual(String value) {
        int equal = value.indexOf('=');
        int semicolon = value.indexOf(';');
        if (equal <= 0 || semicolon >= 0 && semicolon < equal) {
            return value;
        }
        int nameEnd = equal;
        while (nameEnd > 0 && CookiePersistence.isSpace(value.charAt(nameEnd - 1))) {
            nameEnd--;
        }
        int valueStart = equal + 1;
        while (valueStart < value.length() && CookiePersistence.isSpace(value.charAt(valueStart))) {
            valueStart++;
        }
        if (nameEnd == equal && valueStart == equal + 1) {
            return value;
        }
        return value.substring(0, nameEnd) + "=" + value.substring(valueStart);
    }
}
