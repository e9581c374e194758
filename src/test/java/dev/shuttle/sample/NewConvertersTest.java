package dev.shuttle.sample;

import static dev.shuttle.sample.SampleConvertersTest.bin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The converters added for HAProxy 3.x parity (configuration.txt §7.3.1 of the 3.5 manual): the
 * manual's examples, and odd inputs answered as HAProxy 3.5-dev5 answered them
 * ({@code lf-string "%[str(...),converter]"}).
 */
class NewConvertersTest {
    private final SampleConvertersTest.Harness h = new SampleConvertersTest.Harness(ByteConverters::register,
            HostConverters::register, TimeConverters::register, StringConverters::register, JsonConverters::register);

    @Test
    void reverseReversesBytes() {
        assertEquals("moc.elpmaxe", h.text("reverse", Sample.str("example.com")));
        assertEquals("dc ba", h.text("reverse", Sample.str("ab cd")));
        assertEquals("", h.text("reverse", Sample.str("")));
    }

    @Test
    void reverseDomReversesLabelsAndFailsOnEmptyOnes() {
        assertEquals("com.example", h.text("reverse_dom", Sample.str("example.com")));
        assertEquals("com.example.mail", h.text("reverse_dom", Sample.str("mail.example.com")));
        assertEquals("com.example", h.text("reverse_dom", Sample.str("example.com.")));
        assertEquals("c.b.a", h.text("reverse_dom", Sample.str("a.b.c.")));
        assertEquals("a", h.text("reverse_dom", Sample.str("a")));
        assertEquals("<none>", h.text("reverse_dom", Sample.str("a..b")));
        assertEquals("<none>", h.text("reverse_dom", Sample.str(".a")));
        assertEquals("<none>", h.text("reverse_dom", Sample.str("a..")), "one trailing dot only");
        assertEquals("<none>", h.text("reverse_dom", Sample.str(".")));
        assertEquals("<none>", h.text("reverse_dom", Sample.str("")));
    }

    @Test
    void hostOnlyAndPortOnlySplitHostValues() {
        assertEquals("example.com", h.text("host_only", Sample.str("Example.com:8080")));
        assertEquals("127.0.0.1", h.text("host_only", Sample.str("127.0.0.1:80")));
        assertEquals("[::1]", h.text("host_only", Sample.str("[::1]:80")));
        assertEquals("[::1]", h.text("host_only", Sample.str("[::1]")));
        assertEquals("[::1]x", h.text("host_only", Sample.str("[::1]x")));
        assertEquals("a:b", h.text("host_only", Sample.str("a:b:c")));
        assertEquals("hostname", h.text("host_only", Sample.str("hostname")));
        assertEquals("80", h.text("port_only", Sample.str("[::1]:80")));
        assertEquals("80", h.text("port_only", Sample.str("a:80")));
        assertEquals("0", h.text("port_only", Sample.str("hostname")));
        assertEquals("0", h.text("port_only", Sample.str("[::1]")));
        assertEquals("0", h.text("port_only", Sample.str("a:")));
        assertEquals("5451", h.text("port_only", Sample.str("x:abc")), "HAProxy counts any byte as a digit");
        assertEquals("872", h.text("port_only", Sample.str("[::1]:80x")));
        assertEquals("99999", h.text("port_only", Sample.str("a:99999")));
    }

    @Test
    void hasCtlMatchesTheMaskedControlCharacters() {
        assertEquals("0", h.text("has_ctl", Sample.str("a\tb")), "TAB is not in the default mask");
        assertEquals("1", h.text("has_ctl", Sample.str("a\tb"), "any"));
        assertEquals("1", h.text("has_ctl", Sample.str("a\u007fb")));
        assertEquals("0", h.text("has_ctl", Sample.str("a\u007fb"), "http"));
        assertEquals("1", h.text("has_ctl", Sample.str("a\rb"), "http"));
        assertEquals("1", h.text("has_ctl", Sample.str("a\u007fb"), "0x100002401"), "the manual's DEL, CR, LF, NUL");
        assertEquals("1", h.text("has_ctl", bin("0041"), "1"));
        assertEquals("0", h.text("has_ctl", Sample.str(""), "any"));
        assertTrue(h.refused("has_ctl", "nope").contains("invalid mask"));
        assertTrue(h.refused("has_ctl", "0x3FFFFFFFF").contains("33 bits"));
    }

    @Test
    void base2AndHtonl() {
        assertEquals("0100000101000010", h.text("base2", Sample.str("AB")));
        assertEquals("00000102", h.run("htonl", Sample.sint(258)).map(s -> java.util.HexFormat.of().formatHex(s.asBytes()))
                .map(String::toUpperCase).map(x -> x.toLowerCase()).orElseThrow());
        assertEquals("ffffffff", java.util.HexFormat.of().formatHex(h.run("htonl", Sample.sint(-1)).orElseThrow().asBytes()));
    }

    @Test
    void httpDateInEachUnit() {
        assertEquals("Tue, 14 Nov 2023 22:13:20 GMT", h.text("http_date", Sample.sint(1_700_000_000L)));
        assertEquals("Tue, 14 Nov 2023 23:13:20 GMT", h.text("http_date", Sample.sint(1_700_000_000L), 3600L));
        assertEquals("Tue, 14 Nov 2023 22:13:20.123 GMT",
                h.text("http_date", Sample.sint(1_700_000_000_123L), 0L, "ms"));
        assertEquals("Tue, 14 Nov 2023 22:13:20.123456 GMT",
                h.text("http_date", Sample.sint(1_700_000_000_123_456L), 0L, "us"));
        assertTrue(h.refused("http_date", 0L, "h").contains("Invalid unit"));
    }

    @Test
    void millisecondAndMicrosecondTimesWithFractions() {
        assertEquals("2023-123-123000000", h.text("ms_utime", Sample.sint(1_700_000_000_123L), "%Y-%3N-%N"));
        assertEquals("1700000000-123456-12", h.text("us_utime", Sample.sint(1_700_000_000_123_456L), "%s-%6N-%2N"));
        assertEquals("2023/11/14/22:13:20.196 +0000",
                h.text("ms_utime", Sample.sint(1_700_000_000_196L), "%Y/%m/%d/%H:%M:%S.%3N %z"));
        assertEquals("22:30:00", h.text("ms_utime", Sample.sint(1_700_000_000_196L), "%T", 1000L),
                "the offset is in seconds, as HAProxy 3.5 adds it (not as its manual says)");
        assertEquals("12:00:00.12", h.text("us_utime", Sample.sint(1_700_000_000_123_456L), "%T.%2N", 1_000_000L));
        assertTrue(h.refused("utime", "%N").contains("unsupported conversion"), "%N is for ms_ and us_ only");
    }

    @Test
    void paramTakesAHexDelimiter() {
        assertEquals("b", h.text("param", Sample.str("a=b&c=d&a=r"), "a"));
        assertEquals("", h.text("param", Sample.str("a&b=c"), "a"));
        assertEquals("", h.text("param", Sample.str("a=&b&c=a"), "b"));
        assertEquals("2", h.text("param", Sample.str("a=1;b=2;c=4"), "b", ";"));
        assertEquals("2", h.text("param", Sample.str("a=1;b=2;c=4"), "b", "0x3b"));
        assertEquals("2", h.text("param", Sample.str("a=1\u0000b=2"), "b", "0x00"));
        assertEquals("2", h.text("param", Sample.str("a=1;b=2"), "b", "0x3B"));
        assertTrue(h.refused("param", "a", ";;").contains("exactly 1 character"));
        assertTrue(h.refused("param", "a", "0xZZ").contains("exactly 1 character"));
        assertTrue(h.refused("param", "a", "0X3B").contains("exactly 1 character"), "HAProxy 3.5 refuses 0X");
    }

    private static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4g"
            + "RG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

    @Test
    void jwtQueriesDecodeTheHeaderAndPayload() {
        assertEquals("1516239022", h.text("jwt_payload_query", Sample.str(JWT), "$.iat", "int"));
        assertEquals("HS256", h.text("jwt_header_query", Sample.str(JWT), "$.alg"));
        assertEquals("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", h.text("jwt_header_query", Sample.str(JWT)));
        assertEquals("HS256", h.text("jwt_header_query", Sample.str("eyJhbGciOiJIUzI1NiJ9.e30"), "$.alg"));
        assertEquals("HS256", h.text("jwt_header_query", Sample.str("eyJhbGciOiJIUzI1NiJ9.e30.x.y.z"), "$.alg"),
                "a JWE has five parts");
        assertEquals("HS256", h.text("jwt_header_query", Sample.str("eyJhbGciOiJIUzI1NiJ9"), "$.alg"),
                "HAProxy 3.5 reads the header of a token without any '.'");
        assertEquals("<none>", h.text("jwt_payload_query", Sample.str("eyJhbGciOiJIUzI1NiJ9"), "$.alg"));
        assertEquals("<none>", h.text("jwt_header_query", Sample.str("e!J.e30.x")));
    }
}
