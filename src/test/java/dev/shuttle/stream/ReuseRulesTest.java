package dev.shuttle.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.HttpReuse;
import dev.shuttle.http.HeaderList;
import dev.shuttle.http.HttpVersion;
import dev.shuttle.http.ResponseHead;
import dev.shuttle.server.IdleConnectionPool.Order;
import org.junit.jupiter.api.Test;

/** Which idle connections a request may take, and which responses make a connection private. */
class ReuseRulesTest {
    @Test
    void firstRequestsFollowTheStrategy() {
        assertNull(ServerLinks.takeOrder(HttpReuse.NEVER, true));
        assertNull(ServerLinks.takeOrder(HttpReuse.SAFE, true));
        assertEquals(Order.SAFE_ONLY, ServerLinks.takeOrder(HttpReuse.AGGRESSIVE, true));
        assertEquals(Order.SAFE_THEN_IDLE, ServerLinks.takeOrder(HttpReuse.ALWAYS, true));
    }

    @Test
    void laterRequestsTryIdleThenSafeUnlessNever() {
        assertNull(ServerLinks.takeOrder(HttpReuse.NEVER, false));
        for (HttpReuse reuse : new HttpReuse[] {HttpReuse.SAFE, HttpReuse.AGGRESSIVE, HttpReuse.ALWAYS}) {
            assertEquals(Order.IDLE_THEN_SAFE, ServerLinks.takeOrder(reuse, false), reuse.name());
        }
    }

    private static ResponseHead response(int status, String field, String value) {
        HeaderList headers = new HeaderList();
        headers.add(field, value);
        return new ResponseHead(HttpVersion.HTTP_1_1, status, "", headers);
    }

    @Test
    void ntlmAndNegotiateChallengesMakeTheConnectionPrivate() {
        assertTrue(ConnectionAuthentication.bindsConnection(response(401, "WWW-Authenticate", "NTLM")));
        assertTrue(ConnectionAuthentication.bindsConnection(response(401, "www-authenticate", "Negotiate abc==")));
        assertTrue(ConnectionAuthentication.bindsConnection(response(401, "WWW-Authenticate", "Basic realm=x, ntlm")));
        assertTrue(ConnectionAuthentication.bindsConnection(response(407, "Proxy-Authenticate", "Nego2")));
    }

    @Test
    void otherChallengesStatusesAndHeadersDoNot() {
        assertFalse(ConnectionAuthentication.bindsConnection(response(401, "WWW-Authenticate", "Basic realm=x")));
        assertFalse(ConnectionAuthentication.bindsConnection(response(200, "WWW-Authenticate", "NTLM")));
        assertFalse(ConnectionAuthentication.bindsConnection(response(407, "WWW-Authenticate", "NTLM")));
        assertFalse(ConnectionAuthentication.bindsConnection(response(401, "Proxy-Authenticate", "NTLM")));
    }
}
