package dev.shuttle.stream;

import dev.shuttle.http.HeaderList;
import dev.shuttle.http.ResponseHead;

/**
 * Recognises a server that authenticates the connection rather than each request: a 401 with
 * {@code WWW-Authenticate} or a 407 with {@code Proxy-Authenticate} of which a value (a
 * comma-separated element) starts with {@code NTLM} or {@code Nego} ({@code Negotiate}, {@code Nego2}). Such a connection must never serve another client, so it becomes private to
 * its session (configuration.txt, "http-reuse": "connections with certain bogus authentication
 * schemes (relying on the connection) like NTLM are marked private and never shared"; HAProxy's
 * http_ana.c checks these two headers of these two statuses for these two prefixes, case-insensitively).
 */
final class ConnectionAuthentication {
    private ConnectionAuthentication() {}

    static boolean bindsConnection(ResponseHead head) {
        String field = switch (head.status()) {
            case 401 -> "WWW-Authenticate";
            case 407 -> "Proxy-Authenticate";
            default -> null;
        };
        if (field == null) {
            return false;
        }
        HeaderList headers = head.headers();
        for (String value : headers.all(field)) {
            if (offersConnectionScheme(value)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a header value has an element starting with NTLM or Nego. */
    static boolean offersConnectionScheme(String value) {
        for (String element : value.split(",")) {
            String challenge = element.strip();
            if (challenge.regionMatches(true, 0, "NTLM", 0, 4) || challenge.regionMatches(true, 0, "Nego", 0, 4)) {
                return true;
            }
        }
        return false;
    }
}
