package dev.shuttle.stream;

import dev.shuttle.config.PersistenceCookie;
import dev.shuttle.config.PersistenceCookie.Mode;
import dev.shuttle.config.ServerConfig;
import dev.shuttle.http.HeaderList;
import dev.shuttle.server.Server;
import java.util.List;
import java.util.Optional;

/**
 * The request side of cookie persistence (configuration.txt §4.2, "cookie"): finds the backend's
 * cookie in the request's {@code Cookie} headers, checks its dates ({@code maxidle},
 * {@code maxlife}), picks the first server whose {@code cookie} value it names and that may take
 * the request, and edits the headers on their way to the server: {@code prefix} mode strips the
 * {@code SRV~} prefix, {@code insert indirect} removes the cookie. It runs after the
 * {@code use-server} rules, as HAProxy's analysers do: a server they chose keeps the request, the
 * cookie is then only "unused" (configuration.txt §8.5) but still edited.
 *
 * <p>A {@code Cookie} header is walked as HAProxy walks it (cookies split on {@code ;} and
 * {@code ,}, {@code $} attributes skipped, quoted values respected), and a removed cookie takes
 * its delimiter with it, so the server sees what it would behind HAProxy.
 */
final class CookiePersistence {
    /** Cookie dates more than a day in the future are ignored (configuration.txt, "maxidle"). */
    private static final long FUTURE_TOLERANCE_SECONDS = 86_400;

    private CookiePersistence() {}

    /**
     * Reads the persistence cookie of {@code headers}, edits them, and records what it found in
     * {@code state}.
     *
     * @param servers  the backend's servers now
     * @param declared the backend's configured servers, in declaration order (servers added at run
     *                 time come after them)
     * @param chosen   the server a {@code use-server} rule chose, or null
     * @return the server the request goes to: {@code chosen}, else the one the cookie names, else null
     */
    static Server onRequest(HeaderList headers, PersistenceCookie cookie, List<Server> servers,
                            List<ServerConfig> declared, Server chosen, PersistenceState state, long nowSeconds) {
        state.named = chosen;
        for (int i = 0; i < headers.size(); i++) {
            HeaderList.Field field = headers.get(i);
            if (!field.hasName("cookie")) {
                continue;
            }
            StringBuilder value = new StringBuilder(field.value());
            int length = walk(value, cookie, servers, declared, state, nowSeconds);
            if (length == 0) {
                headers.remove(i--);
            } else if (length != field.value().length() || !value.toString().equals(field.value())) {
                headers.replace(i, field.name(), value.substring(0, length));
            }
        }
        return state.named;
    }

    /** Walks one header value, editing it in place; returns the length it keeps (0: remove the header). */
    private static int walk(StringBuilder s, PersistenceCookie cookie, List<Server> servers,
                            List<ServerConfig> declared, PersistenceState state, long nowSeconds) {
        int end = s.length();
        int deleteFrom = -1;
        boolean keepHeader = false;
        boolean first = true;
        for (int prev = 0, next; prev < end; prev = next) {
            int nameStart = first ? prev : prev + 1;
            first = false;
            while (nameStart < end && isSpace(s.charAt(nameStart))) {
                nameStart++;
            }
            int equal = nameStart;
            int nameEnd = nameStart;
            while (equal < end) {
                char c = s.charAt(equal);
                if (c == '=' || c == ',' || c == ';') {
                    break;
                }
                equal++;
                if (!isSpace(c)) {
                    nameEnd = equal;
                }
            }
            int valueStart;
            int valueEnd;
            if (equal < end && s.charAt(equal) == '=') {
                valueStart = equal + 1;
                while (valueStart < end && isSpace(s.charAt(valueStart))) {
                    valueStart++;
                }
                next = valueEnd(s, valueStart, end);
                valueEnd = next;
                while (valueEnd > valueStart && isSpace(s.charAt(valueEnd - 1))) {
                    valueEnd--;
                }
            } else {
                valueStart = valueEnd = next = equal;
            }
            if (nameStart < end && s.charAt(nameStart) == '$') {
                continue; // RFC 2109 attributes go with the cookie before them
            }
            if (equal == next) {
                // Not a cookie (no '='): kept, and a cookie marked for removal before it goes now.
                keepHeader = true;
                if (deleteFrom >= 0) {
                    int removed = deleteValue(s, end, deleteFrom, prev);
                    next += removed;
                    end += removed;
                    deleteFrom = -1;
                }
                continue;
            }
            // Spaces around '=' are removed, as HAProxy does before it edits or captures a cookie.
            if (nameEnd != equal || valueStart > equal + 1) {
                int stripped = (equal - nameEnd) + (valueStart - equal - 1);
                s.delete(equal + 1, valueStart);
                s.delete(nameEnd, equal);
                equal = nameEnd;
                valueStart = equal + 1;
                valueEnd -= stripped;
                next -= stripped;
                end -= stripped;
            }
            if (nameEnd - nameStart == cookie.name().length()
                    && s.indexOf(cookie.name(), nameStart) == nameStart) {
                int delimiter = ours(s, valueStart, valueEnd, cookie, servers, declared, state, nowSeconds);
                if (cookie.mode() == Mode.PREFIX && delimiter != valueEnd) {
                    s.delete(valueStart, delimiter + 1);
                    int delta = valueStart - (delimiter + 1);
                    next += delta;
                    end += delta;
                    deleteFrom = -1;
                    keepHeader = true;
                } else if (deleteFrom < 0 && cookie.mode() == Mode.INSERT && cookie.indirect()) {
                    deleteFrom = prev;
                }
            } else {
                keepHeader = true;
                if (deleteFrom >= 0) {
                    int removed = deleteValue(s, end, deleteFrom, prev);
                    next += removed;
                    end += removed;
                    deleteFrom = -1;
                }
            }
        }
        if (deleteFrom >= 0) {
            end = keepHeader ? deleteFrom : 0;
        }
        return end;
    }

    /**
     * The persistence cookie's value, between {@code start} and {@code end}: records its state and
     * the server it names; returns where the server's part ends ({@code ~} in prefix mode, else
     * {@code |} or the end; {@code start} when the cookie counts for nothing).
     */
    private static int ours(StringBuilder s, int start, int end, PersistenceCookie cookie, List<Server> servers,
                            List<ServerConfig> declared, PersistenceState state, long now) {
        int delimiter = end;
        if (cookie.mode() == Mode.PREFIX) {
            delimiter = start;
            while (delimiter < end && s.charAt(delimiter) != '~') {
                delimiter++;
            }
        } else {
            int bar = s.indexOf("|", start);
            if (bar >= 0 && bar < end) {
                delimiter = bar;
                if (end - (bar + 1) >= 5) {
                    state.lastSeen = CookieDates.decode(s.subSequence(bar + 1, end), 0);
                }
                int second = s.indexOf("|", bar + 1);
                if (second >= 0 && second < end && end - second > 5) {
                    state.firstSeen = CookieDates.decode(s.subSequence(second + 1, end), 0);
                }
            }
        }
        if (state.firstSeen != 0 && cookie.maxLifeSeconds() > 0
                && (now - state.firstSeen > cookie.maxLifeSeconds() || state.firstSeen - now > FUTURE_TOLERANCE_SECONDS)) {
            state.client = PersistenceState.ClientCookie.OLD;
            delimiter = start;
            state.firstSeen = state.lastSeen = 0;
        } else if (state.lastSeen != 0 && cookie.maxIdleSeconds() > 0
                && (now - state.lastSeen > cookie.maxIdleSeconds() || state.lastSeen - now > FUTURE_TOLERANCE_SECONDS)) {
            state.client = PersistenceState.ClientCookie.EXPIRED;
            delimiter = start;
            state.firstSeen = state.lastSeen = 0;
        }
        // An empty cookie names nobody, so that a client cannot stick to a cookie-less backup server.
        boolean lookUp = delimiter != start && !state.ignored && state.named == null;
        Server found = null;
        if (lookUp) {
            // HAProxy takes the first server in declaration order that has the value and may take the
            // request (several may share a value, a backup behind an active one for instance); the
            // runtime list puts backups last, so a later match wins when it was declared first.
            String value = s.substring(start, delimiter);
            for (Server server : servers) {
                Optional<String> serverCookie = server.cookie();
                if (serverCookie.isEmpty() || !serverCookie.get().equals(value)) {
                    continue;
                }
                if (!server.isUp() && !state.mayReachDown()) {
                    state.client = state.client == PersistenceState.ClientCookie.VALID ? state.client
                            : PersistenceState.ClientCookie.DOWN;
                    continue;
                }
                if (found == null || declaredBefore(server, found, declared)) {
                    found = server;
                    state.client = server.isUp() ? PersistenceState.ClientCookie.VALID
                            : PersistenceState.ClientCookie.DOWN;
                }
            }
            state.named = found;
        }
        if (found == null && state.client != PersistenceState.ClientCookie.DOWN
                && state.client != PersistenceState.ClientCookie.EXPIRED
                && state.client != PersistenceState.ClientCookie.OLD) {
            state.client = state.ignored || state.named != null ? PersistenceState.ClientCookie.UNUSED
                    : PersistenceState.ClientCookie.INVALID;
        }
        return delimiter;
    }

    /** Whether {@code a} was declared before {@code b} (a server added at run time counts as declared last). */
    private static boolean declaredBefore(Server a, Server b, List<ServerConfig> declared) {
        int indexA = declared.indexOf(a.config());
        int indexB = declared.indexOf(b.config());
        return indexA >= 0 && (indexB < 0 || indexA < indexB);
    }

    /**
     * Removes the cookie between the delimiter at {@code from} (or the value's start) and the one at
     * {@code next}, as HAProxy's http_del_hdr_value() does: the delimiter after it takes the place
     * of the one before, followed by one space. Returns the length change.
     */
    private static int deleteValue(StringBuilder s, int end, int from, int next) {
        int prev = from;
        if (prev == 0) {
            if (next < end) {
                next++;
            }
            while (next < end && isSpace(s.charAt(next))) {
                next++;
            }
        } else {
            while (isSpace(s.charAt(prev - 1))) {
                prev--;
            }
            if (next < end) {
                s.setCharAt(prev++, s.charAt(next++));
                if (prev + 1 < next) {
                    s.setCharAt(prev++, ' ');
                }
                while (next < end && isSpace(s.charAt(next))) {
                    next++;
                }
            }
        }
        s.delete(prev, next);
        return prev - next;
    }

    /** Where a cookie value ends: the first {@code ;} or {@code ,} outside a quoted string. */
    static int valueEnd(CharSequence s, int from, int end) {
        boolean quoted = false;
        boolean escaped = false;
        for (int i = from; i < end; i++) {
            char c = s.charAt(i);
            if (escaped) {
                escaped = false;
            } else if (quoted) {
                if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',' || c == ';') {
                return i;
            }
        }
        return end;
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }
}
