package dev.shuttle.statspage;

import dev.shuttle.http.RequestHead;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * HTTP Basic authentication of the page (RFC 7617) against its {@code stats auth user:password}
 * lines: the {@code Authorization} header's credentials must equal one of them.
 */
final class BasicAuth {
    private BasicAuth() {}

    /** Whether {@code request} carries the credentials of one of {@code users} ("user:password"). */
    static boolean accepts(RequestHead request, List<String> users) {
        String header = request.headers().first("authorization");
        if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String credentials;
        try {
            credentials = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        // A "stats auth" line without a colon is a user with an empty password.
        return users.contains(credentials)
                || credentials.endsWith(":") && users.contains(credentials.substring(0, credentials.length() - 1));
    }
}
