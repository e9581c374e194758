package dev.shuttle.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.h1.H1ErrorPages;
import dev.shuttle.h1.H1ErrorPages.ClientConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The built-in pages against the bytes haproxy 2.6 sent (fixtures in
 * {@code src/test/resources/http/haproxy-2.6-errors/}, see the README there for how they were taken).
 */
class BuiltinErrorsTest {
    static byte[] fixture(String name) {
        try (InputStream in = BuiltinErrorsTest.class.getResourceAsStream("/http/haproxy-2.6-errors/" + name)) {
            if (in == null) {
                throw new AssertionError("missing fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertBytes(byte[] expected, byte[] actual) {
        assertEquals(new String(expected, StandardCharsets.ISO_8859_1), new String(actual, StandardCharsets.ISO_8859_1));
        assertArrayEquals(expected, actual);
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 400, 401, 403, 404, 405, 407, 408, 410, 413, 425, 429, 500, 501, 502, 503, 504})
    void withinAnExchangeEachPageIsSentAsHaproxySentIt(int status) {
        assertBytes(fixture(status + ".txt"), H1ErrorPages.bytes(BuiltinErrors.forStatus(status)));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 408})
    void beforeAnExchangeTheConnectionSendsTheSourceTextVerbatim(int status) {
        assertBytes(fixture(status + "-connection.txt"), BuiltinErrors.forStatus(status).sourceBytes());
        assertBytes(fixture(status + "-connection.txt"), ErrorResponses.BUILTIN.connectionLevelBytes(status));
    }

    @Test
    void theConnectionHeaderFollowsWhatTheClientAsked() {
        ErrorResponse forbidden = BuiltinErrors.forStatus(403);
        assertBytes(fixture("403-http10.txt"), H1ErrorPages.bytes(forbidden, ClientConnection.HTTP10_CLOSE));
        assertBytes(fixture("403-http10-keep-alive.txt"), H1ErrorPages.bytes(forbidden, ClientConnection.HTTP10_KEEP_ALIVE));
        assertBytes(fixture("403-http11-close.txt"), H1ErrorPages.bytes(forbidden, ClientConnection.HTTP11_CLOSE));
    }

    @Test
    void onlyTheBadRequestAndTimeoutPagesCloseTheConnection() {
        Set<Integer> closing = new TreeSet<>();
        for (int status : BuiltinErrors.STATUSES) {
            if (BuiltinErrors.forStatus(status).closesConnection()) {
                closing.add(status);
            }
        }
        assertEquals(Set.of(400, 408), closing);
        // Even asked for keep-alive by an HTTP/1.0 client, a closing page says close.
        String text = new String(H1ErrorPages.bytes(BuiltinErrors.forStatus(400), ClientConnection.HTTP10_KEEP_ALIVE),
                StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("\r\nconnection: close\r\n\r\n"), text);
    }

    @Test
    void theHeadKeepsTheSourceSpellingAndTheReasonQuirks() {
        ErrorResponse page = BuiltinErrors.forStatus(407);
        ResponseHead head = page.head();
        assertEquals(407, head.status());
        assertEquals("Unauthorized", head.reason());
        assertEquals(List.of("Content-length", "Cache-Control", "Content-Type"),
                page.headers().stream().map(HeaderList.Field::name).toList());
        assertEquals("112", head.headers().first("content-length"));
        assertTrue(new String(BuiltinErrors.forStatus(501).body(), StandardCharsets.ISO_8859_1)
                .contains("\n.The server does not support"));
    }

    @Test
    void everyGeneratedStatusHasAPageAndOthersFallBackTo500() {
        for (int status : BuiltinErrors.STATUSES) {
            assertTrue(BuiltinErrors.page(status).isPresent(), "page " + status);
            assertEquals(status, BuiltinErrors.forStatus(status).status());
        }
        assertFalse(BuiltinErrors.isHandled(402));
        assertTrue(BuiltinErrors.page(402).isEmpty());
        assertEquals(500, BuiltinErrors.forStatus(402).status());
    }

    @Test
    void theAuthChallengeIsThe401PagePlusOneHeader() {
        // http-request auth sends the 401 page with www-authenticate added after its headers.
        String challenge = new String(fixture("401-auth.txt"), StandardCharsets.ISO_8859_1);
        String page = new String(H1ErrorPages.bytes(BuiltinErrors.forStatus(401)), StandardCharsets.ISO_8859_1);
        assertEquals(page, challenge.replace("www-authenticate: Basic realm=\"r\"\r\n", ""));
    }
}
