package dev.shuttle.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.ConnectionPooling;
import dev.shuttle.config.PersistenceCookie;
import dev.shuttle.config.PersistenceCookie.Mode;
import dev.shuttle.config.ProxySending;
import dev.shuttle.config.ServerCheckSettings;
import dev.shuttle.config.ServerConfig;
import dev.shuttle.config.ServerPersistence;
import dev.shuttle.config.TlsServerSettings;
import dev.shuttle.http.HeaderList;
import dev.shuttle.http.HttpVersion;
import dev.shuttle.http.ResponseHead;
import dev.shuttle.lang.SourceLocation;
import dev.shuttle.net.Address;
import dev.shuttle.server.AdminState;
import dev.shuttle.server.Server;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The request and response sides of cookie persistence, without sockets: which server a
 * {@code Cookie} header names, how the header is edited on its way (the expected strings are what
 * HAProxy 3.5 forwards for the same input), and the {@code Set-Cookie} the proxy inserts or edits.
 */
class CookiePersistenceTest {
    private static final long NOW = 1_796_000_000L;

    private static Server server(String name, String cookie) {
        ServerConfig config = new ServerConfig(new SourceLocation("test.cfg", 1), name,
                new Address.Inet("127.0.0.1", 1, Address.Family.ANY), 1, 1, 0, false, false,
                ConnectionPooling.DEFAULTS, TlsServerSettings.NONE, ProxySending.NONE, ServerCheckSettings.NONE,
                cookie == null ? ServerPersistence.NONE : ServerPersistence.NONE.withCookie(cookie));
        return new Server(config, "be");
    }

    private static PersistenceCookie cookie(Mode mode, boolean indirect, long maxIdle, long maxLife) {
        return new PersistenceCookie("SRV", mode, indirect, false, false, false, false, false, List.of(), maxIdle,
                maxLife, false, List.of());
    }

    private static final Server S1 = server("s1", "a");
    private static final Server S2 = server("s2", "b");

    private static HeaderList cookies(String... values) {
        HeaderList headers = new HeaderList();
        for (String value : values) {
            headers.add("Cookie", value);
        }
        return headers;
    }

    @Test
    void insertIndirectRemovesTheCookieWithItsDelimiter() {
        HeaderList headers = cookies("x=1; SRV=b; y=2", "SRV=a", "SRV=a;z=3");
        PersistenceState state = fresh();
        assertSame(S2, CookiePersistence.onRequest(headers, cookie(Mode.INSERT, true, 0, 0), List.of(S1, S2),
                List.of(), null, state, NOW));
        assertEquals(List.of("x=1; y=2", "z=3"), headers.all("cookie"));
        // The later SRV cookies find the server already chosen: the last one seen leaves the cookie
        // "unused", as HAProxy's flags do.
        assertEquals("UN", state.letters());
        PersistenceState single = fresh();
        CookiePersistence.onRequest(cookies("SRV=b"), cookie(Mode.INSERT, true, 0, 0), List.of(S1, S2), List.of(),
                null, single, NOW);
        assertEquals("VN", single.letters());
    }

    @Test
    void prefixModeStripsTheServersPart() {
        HeaderList headers = cookies("JS=a~opaque; k=v");
        PersistenceCookie prefix = new PersistenceCookie("JS", Mode.PREFIX, false, false, false, false, false, false,
                List.of(), 0, 0, false, List.of());
        PersistenceState state = fresh();
        assertSame(S1, CookiePersistence.onRequest(headers, prefix, List.of(S1, S2), List.of(), null, state, NOW));
        assertEquals("JS=opaque; k=v", headers.first("cookie"));
    }

    @Test
    void anUnknownOrEmptyValueIsInvalidAndAServerChosenBeforeLeavesItUnused() {
        PersistenceState state = fresh();
        assertNull(CookiePersistence.onRequest(cookies("SRV=zz"), cookie(Mode.INSERT, false, 0, 0), List.of(S1), List.of(),
                null, state, NOW));
        assertEquals('I', state.letters().charAt(0));
        state = fresh();
        assertNull(CookiePersistence.onRequest(cookies("SRV="), cookie(Mode.INSERT, false, 0, 0), List.of(S1), List.of(),
                null, state, NOW));
        assertEquals('I', state.letters().charAt(0));
        state = fresh();
        assertSame(S2, CookiePersistence.onRequest(cookies("SRV=a"), cookie(Mode.INSERT, false, 0, 0), List.of(S1, S2), List.of(),
                S2, state, NOW));
        assertEquals('U', state.letters().charAt(0));
    }

    @Test
    void aServerInMaintenanceIsSkippedUnlessPersistenceIsForced() {
        Server down = server("down", "a");
        down.setAdminStateLocked(AdminState.MAINT);
        PersistenceState state = fresh();
        assertNull(CookiePersistence.onRequest(cookies("SRV=a"), cookie(Mode.INSERT, false, 0, 0), List.of(down), List.of(),
                null, state, NOW));
        assertEquals('D', state.letters().charAt(0));
    }

    /** Two servers share a value: the one declared first wins, whatever the runtime list's order (backups last). */
    @Test
    void aSharedValueGoesToTheServerDeclaredFirst() {
        Server backup = server("backup", "a");
        Server active = server("active", "a");
        PersistenceState state = fresh();
        assertSame(backup, CookiePersistence.onRequest(cookies("SRV=a"), cookie(Mode.INSERT, false, 0, 0),
                List.of(active, backup), List.of(backup.config(), active.config()), null, state, NOW));
        assertEquals('V', state.letters().charAt(0));
        backup.setAdminStateLocked(AdminState.MAINT);
        PersistenceState skipped = fresh();
        assertSame(active, CookiePersistence.onRequest(cookies("SRV=a"), cookie(Mode.INSERT, false, 0, 0),
                List.of(active, backup), List.of(backup.config(), active.config()), null, skipped, NOW));
        assertEquals('V', skipped.letters().charAt(0));
    }

    @Test
    void datesExpireTheCookie() {
        String old = CookieDates.encode(NOW - 7200);
        PersistenceState idle = fresh();
        assertNull(CookiePersistence.onRequest(cookies("SRV=a|" + old), cookie(Mode.INSERT, false, 3600, 0),
                List.of(S1), List.of(), null, idle, NOW));
        assertEquals('E', idle.letters().charAt(0));
        PersistenceState life = fresh();
        String recent = CookieDates.encode(NOW - 10);
        assertNull(CookiePersistence.onRequest(cookies("SRV=a|" + recent + "|" + old),
                cookie(Mode.INSERT, false, 3600, 3600), List.of(S1), List.of(), null, life, NOW));
        assertEquals('O', life.letters().charAt(0));
        PersistenceState fine = fresh();
        assertSame(S1, CookiePersistence.onRequest(cookies("SRV=a|" + recent), cookie(Mode.INSERT, false, 3600, 0),
                List.of(S1), List.of(), null, fine, NOW));
        assertEquals(NOW - 10 + 3 & ~3L, fine.lastSeen);
    }

    @Test
    void datesRoundTripInFourSecondUnits() {
        assertEquals("AAAAB", CookieDates.encode(1));
        assertEquals(4, CookieDates.decode("AAAAB", 0));
        assertEquals(0, CookieDates.decode("AA=AB", 0));
        assertEquals(CookieDates.encodeExact(CookieDates.decode(CookieDates.encode(NOW), 0)), CookieDates.encode(NOW));
    }

    @Test
    void insertionWithEveryAttributeInHaproxysOrder() {
        PersistenceCookie full = new PersistenceCookie("SRV", Mode.INSERT, false, true, false, false, true, true,
                List.of(".a.com", ".b.org"), 0, 0, false, List.of("SameSite=Lax"));
        ResponseHead head = new ResponseHead(HttpVersion.HTTP_1_1, 200, "OK", new HeaderList());
        head.headers().add("ETag", "\"v\"");
        head.headers().add("Set-Cookie", "SRV=server; path=/x");
        PersistenceState state = fresh();
        SetCookiePersistence.onResponse("GET", head, full, S1, state, NOW);
        assertEquals(List.of("SRV=a; path=/; domain=.a.com; domain=.b.org; HttpOnly; Secure; SameSite=Lax"),
                head.headers().all("set-cookie"));
        assertEquals("private", head.headers().first("cache-control"));
        assertEquals("NI", state.letters());
    }

    @Test
    void aServerWithoutCookieGetsTheRemovalCookie() {
        ResponseHead head = new ResponseHead(HttpVersion.HTTP_1_1, 200, "OK", new HeaderList());
        SetCookiePersistence.onResponse("POST", head, cookie(Mode.INSERT, false, 0, 0), server("nc", null), fresh(),
                NOW);
        assertEquals("SRV=; Expires=Thu, 01-Jan-1970 00:00:01 GMT; path=/", head.headers().first("set-cookie"));
    }

    @Test
    void rewriteAndPrefixEditTheServersCookie() {
        ResponseHead rewritten = new ResponseHead(HttpVersion.HTTP_1_1, 200, "OK", new HeaderList());
        rewritten.headers().add("Set-Cookie", "SRV=x; Path=/");
        SetCookiePersistence.onResponse("GET", rewritten, cookie(Mode.REWRITE, false, 0, 0), S1, fresh(), NOW);
        assertEquals("SRV=a; Path=/", rewritten.headers().first("set-cookie"));
        ResponseHead prefixed = new ResponseHead(HttpVersion.HTTP_1_1, 200, "OK", new HeaderList());
        prefixed.headers().add("Set-Cookie", "SRV = x; Path=/");
        PersistenceState state = fresh();
        SetCookiePersistence.onResponse("GET", prefixed, cookie(Mode.PREFIX, false, 0, 0), S1, state, NOW);
        assertEquals("SRV=a~x; Path=/", prefixed.headers().first("set-cookie"));
        assertEquals('R', state.letters().charAt(1));
    }

    @Test
    void cacheabilityAsHaproxyJudgesIt() {
        assertFalse(cacheable("GET", 200));
        assertTrue(cacheable("GET", 200, "ETag", "\"v\""));
        assertTrue(cacheable("HEAD", 404, "Cache-Control", "max-age=60"));
        assertFalse(cacheable("POST", 200, "Cache-Control", "max-age=60"));
        assertFalse(cacheable("GET", 302, "Cache-Control", "max-age=60"));
        assertFalse(cacheable("GET", 200, "Cache-Control", "max-age=0"));
        assertTrue(cacheable("GET", 200, "Cache-Control", "max-age=0, s-maxage=60"));
        assertFalse(cacheable("GET", 200, "Cache-Control", "private, max-age=60"));
        assertFalse(cacheable("GET", 200, "Pragma", "no-cache", "Expires", "x"));
    }

    private static boolean cacheable(String method, int status, String... fields) {
        ResponseHead head = new ResponseHead(HttpVersion.HTTP_1_1, status, "X", new HeaderList());
        for (int i = 0; i < fields.length; i += 2) {
            head.headers().add(fields[i], fields[i + 1]);
        }
        return ResponseCacheability.cacheable(method, head);
    }

    private static PersistenceState fresh() {
        return PersistenceState.of(false, false, false);
    }
}
