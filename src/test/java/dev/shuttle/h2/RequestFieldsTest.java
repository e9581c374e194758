package dev.shuttle.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.hpack.HeaderField;
import dev.shuttle.http.HttpVersion;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 9113 §8.2 and §8.3 on requests, and the HAProxy 3.x mapping they feed. */
class RequestFieldsTest {
    private static List<HeaderField> fields(String... nameValues) {
        List<HeaderField> list = new ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            list.add(new HeaderField(nameValues[i], nameValues[i + 1]));
        }
        return list;
    }

    private static H2Request request(String... nameValues) throws H2Exception {
        return RequestFields.toRequest(1, fields(nameValues), false);
    }

    @Test
    void anAuthorityMakesAnAbsoluteTargetAndTheHostField() throws H2Exception {
        H2Request request = request(":method", "GET", ":scheme", "https", ":authority", "example.com",
                ":path", "/a?b", "user-agent", "curl", "host", "evil.example");
        assertEquals("GET", request.head().method());
        assertEquals("https://example.com/a?b", request.head().target());
        assertTrue(request.absoluteTarget());
        assertEquals(HttpVersion.HTTP_2, request.head().version());
        assertEquals("example.com", request.head().headers().first("host"));
        assertEquals(1, request.head().headers().count("host"), "the client's host field is dropped");
        assertEquals("host", request.head().headers().get(0).name(), "host comes first, as HAProxy emits it");
        assertEquals(-1, request.contentLength());
        assertFalse(request.tunnel());
    }

    @Test
    void withoutAuthorityTheTargetIsThePathAndHostStays() throws H2Exception {
        H2Request request = request(":method", "POST", ":scheme", "http", ":path", "/submit",
                "host", "a.example", "host", "b.example", "content-length", "12");
        assertEquals("/submit", request.head().target());
        assertFalse(request.absoluteTarget());
        assertEquals(List.of("a.example"), request.head().headers().all("host"), "the first host counts");
        assertEquals(12, request.contentLength());
    }

    @Test
    void cookieCrumbsAreJoined() throws H2Exception {
        H2Request request = request(":method", "GET", ":scheme", "https", ":path", "/", "cookie", "a=1",
                "accept", "*/*", "cookie", "b=2");
        assertEquals("a=1; b=2", request.head().headers().first("cookie"));
        assertEquals(1, request.head().headers().count("cookie"));
    }

    @Test
    void equalContentLengthsAreFoldedAndDifferentOnesRefused() throws H2Exception {
        H2Request request = request(":method", "POST", ":scheme", "https", ":path", "/", "content-length", "5",
                "content-length", "5, 5");
        assertEquals(5, request.contentLength());
        assertEquals(1, request.head().headers().count("content-length"));
        assertMalformed(":method", "POST", ":scheme", "https", ":path", "/", "content-length", "5",
                "content-length", "6");
        assertMalformed(":method", "POST", ":scheme", "https", ":path", "/", "content-length", "-1");
    }

    @Test
    void connectCarriesOnlyItsAuthority() throws H2Exception {
        H2Request request = request(":method", "CONNECT", ":authority", "db.example:5432");
        assertEquals("db.example:5432", request.head().target());
        assertTrue(request.tunnel());
        assertNull(request.protocol());
        assertMalformed(":method", "CONNECT", ":authority", "db:1", ":path", "/");
        assertMalformed(":method", "CONNECT", ":authority", "db:1", ":scheme", "https");
        assertMalformed(":method", "CONNECT");
    }

    @Test
    void extendedConnectBecomesAnUpgrade() throws H2Exception {
        H2Request request = RequestFields.toRequest(3, fields(":method", "CONNECT", ":protocol", "websocket",
                ":scheme", "https", ":path", "/chat", ":authority", "example.com",
                "sec-websocket-version", "13"), true);
        assertEquals("GET", request.head().method());
        assertEquals("websocket", request.protocol());
        assertTrue(request.tunnel());
        assertEquals("websocket", request.head().headers().first("upgrade"));
        assertEquals("upgrade", request.head().headers().first("connection"));
        H2Exception refused = assertThrows(H2Exception.class, () -> RequestFields.toRequest(3,
                fields(":method", "CONNECT", ":protocol", "websocket", ":scheme", "https", ":path", "/",
                        ":authority", "example.com"), false));
        assertEquals(3, refused.streamId());
        assertThrows(H2Exception.class, () -> RequestFields.toRequest(3, fields(":method", "CONNECT",
                ":protocol", "h2c", ":scheme", "https", ":path", "/", ":authority", "a"), true));
    }

    @Test
    void asteriskPathWithAnAuthority() throws H2Exception {
        H2Request request = request(":method", "OPTIONS", ":scheme", "https", ":authority", "a.example", ":path", "*");
        assertEquals("https://a.example", request.head().target());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "pseudo-header after a field|:method,GET,:scheme,https,accept,*/*,:path,/",
        "repeated :path|:method,GET,:scheme,https,:path,/,:path,/x",
        "unknown pseudo-header|:method,GET,:scheme,https,:path,/,:foo,bar",
        ":status in a request|:method,GET,:scheme,https,:path,/,:status,200",
        "missing :method|:scheme,https,:path,/",
        "missing :scheme|:method,GET,:path,/",
        "missing :path|:method,GET,:scheme,https",
        ":protocol outside CONNECT|:method,GET,:scheme,https,:path,/,:protocol,websocket",
        "empty :path|:method,GET,:scheme,https,:path,",
        "relative :path|:method,GET,:scheme,https,:path,index.html",
        "space in :path|:method,GET,:scheme,https,:path,/a b",
        "hash in :path|:method,GET,:scheme,https,:path,/a#b",
        "upper-case name|:method,GET,:scheme,https,:path,/,Accept,*/*",
        "connection field|:method,GET,:scheme,https,:path,/,connection,close",
        "keep-alive field|:method,GET,:scheme,https,:path,/,keep-alive,300",
        "transfer-encoding field|:method,GET,:scheme,https,:path,/,transfer-encoding,chunked",
        "upgrade field|:method,GET,:scheme,https,:path,/,upgrade,websocket",
        "te other than trailers|:method,GET,:scheme,https,:path,/,te,gzip",
        "userinfo in :authority|:method,GET,:scheme,https,:authority,user@a.example,:path,/",
        "slash in :authority|:method,GET,:scheme,https,:authority,a.example/x,:path,/",
    })
    void malformedRequestsAreStreamErrors(String why, String list) {
        String[] parts = list.split(",", -1);
        assertMalformed(parts);
    }

    /** What 3.5's h2.c marks HTX_FL_PARSING_ERROR: the stream lives, the HTTP layer answers 400. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "invalid method|:method,G(T,:scheme,https,:path,/",
        "invalid scheme|:method,GET,:scheme,1http,:path,/",
        "scheme with a URI in it|:method,GET,:scheme,http://localhost/?,:path,/",
    })
    void badRequestsAreAnsweredBy400(String why, String list) throws H2Exception {
        assertTrue(request(list.split(",", -1)).badRequest());
    }

    @Test
    void aValidRequestIsNoBadRequest() throws H2Exception {
        assertFalse(request(":method", "GET", ":scheme", "https", ":path", "/").badRequest());
    }

    @Test
    void controlCharactersInValuesAreRefused() {
        assertMalformed(":method", "GET", ":scheme", "https", ":path", "/", "x-a", "b\r\nx-injected: 1");
        assertMalformed(":method", "GET", ":scheme", "https", ":path", "/", "x-a", "b\0");
        assertMalformed(":method", "GET", ":scheme", "https", ":path", "/", "x-a\r\nb", "c");
    }

    @Test
    void valuesAreTrimmed() throws H2Exception {
        H2Request request = request(":method", "GET", ":scheme", "https", ":path", "/", "x-a", "  b \t");
        assertEquals("b", request.head().headers().first("x-a"));
    }

    private static void assertMalformed(String... nameValues) {
        H2Exception error = assertThrows(H2Exception.class, () -> request(nameValues));
        assertEquals(H2ErrorCode.PROTOCOL_ERROR, error.errorCode());
        assertFalse(error.isConnectionError());
        assertEquals(1, error.streamId());
    }
}
