package dev.shuttle.http;

import java.util.Locale;

/**
 * The field names nearly every message carries, each kept as shared Strings in its two usual
 * spellings: as browsers, curl and nginx send it ({@code Content-Length}, {@code ETag}) and in
 * lower case (as HTTP/2 and HAProxy send it). Parsing a head then makes no new String for these
 * names, lower-casing them makes none either, and looking one up with the same literal compares
 * references first ({@link String#equalsIgnoreCase}).
 *
 * <p>Immutable after class initialisation, so shared by every thread without locks (and without
 * a ThreadLocal).
 */
public final class CommonFieldNames {
    /** The names, spelled as they are usually received (RFC 9110 and common extensions). */
    private static final String[] USUAL_SPELLINGS = {
        // requests
        "Host", "User-Agent", "Accept", "Accept-Language", "Accept-Encoding", "Accept-Charset", "Connection",
        "Cookie", "Referer", "Origin", "Upgrade-Insecure-Requests", "Authorization", "Pragma", "Expect",
        "If-Modified-Since", "If-None-Match", "Range", "TE", "Upgrade", "Keep-Alive", "Proxy-Connection",
        "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Real-IP", "X-Requested-With", "Forwarded",
        "Via", "DNT", "Priority", "Sec-Fetch-Dest", "Sec-Fetch-Mode", "Sec-Fetch-Site", "Sec-Fetch-User",
        "Sec-CH-UA", "Sec-CH-UA-Mobile", "Sec-CH-UA-Platform",
        // both
        "Content-Type", "Content-Length", "Transfer-Encoding", "Cache-Control", "Date",
        // responses
        "Server", "Content-Encoding", "Last-Modified", "ETag", "Accept-Ranges", "Vary", "Location", "Set-Cookie",
        "Expires", "Age", "Strict-Transport-Security", "X-Content-Type-Options", "X-Frame-Options",
        "Access-Control-Allow-Origin", "Content-Security-Policy", "Alt-Svc", "WWW-Authenticate", "Retry-After",
    };
    private static final int TABLE_SIZE = 512; // a power of two, four times the spellings: short probes
    /** Open addressing: a spelling (usual or lower case) and, at the same slot, its lower case. */
    private static final String[] SPELLING = new String[TABLE_SIZE];
    private static final String[] LOWER_CASE = new String[TABLE_SIZE];

    static {
        for (String name : USUAL_SPELLINGS) {
            // Interned: the same object as a "content-length" literal in the code, for equals' fast path.
            String lower = name.toLowerCase(Locale.ROOT).intern();
            put(name, lower);
            put(lower, lower);
        }
    }

    private CommonFieldNames() {}

    private static void put(String spelling, String lower) {
        int slot = slot(spelling.length(), spelling.charAt(0), spelling.charAt(spelling.length() / 2),
                spelling.charAt(spelling.length() - 1));
        while (SPELLING[slot] != null) {
            slot = next(slot);
        }
        SPELLING[slot] = spelling;
        LOWER_CASE[slot] = lower;
    }

    /**
     * The shared String holding exactly the bytes {@code buf[from, to)} (one char per byte), or
     * null if they are not a common name in one of its usual spellings.
     */
    public static String find(byte[] buf, int from, int to) {
        int length = to - from;
        if (length == 0) {
            return null;
        }
        int slot = slot(length, buf[from] & 0xff, buf[from + length / 2] & 0xff, buf[to - 1] & 0xff);
        for (; SPELLING[slot] != null; slot = next(slot)) {
            if (Latin1.matches(buf, from, to, SPELLING[slot])) {
                return SPELLING[slot];
            }
        }
        return null;
    }

    /** {@code name.toLowerCase(Locale.ROOT)}, as a shared String when the name is a common one in a usual spelling. */
    public static String toLowerCase(String name) {
        int length = name.length();
        if (length > 0) {
            int slot = slot(length, name.charAt(0), name.charAt(length / 2), name.charAt(length - 1));
            for (; SPELLING[slot] != null; slot = next(slot)) {
                if (SPELLING[slot] == name || SPELLING[slot].equals(name)) {
                    return LOWER_CASE[slot];
                }
            }
        }
        return name.toLowerCase(Locale.ROOT);
    }

    /** Where to look first: a hash of the length and three chars, enough to spread these names. */
    private static int slot(int length, int first, int middle, int last) {
        return (length * 29791 + first * 961 + middle * 31 + last) & (TABLE_SIZE - 1);
    }

    private static int next(int slot) {
        return (slot + 1) & (TABLE_SIZE - 1);
    }
}
