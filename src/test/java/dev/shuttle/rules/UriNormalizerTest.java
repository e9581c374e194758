package dev.shuttle.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each normalizer against the manual's examples and the cases compared with haproxy 2.6. */
class UriNormalizerTest {
    @ParameterizedTest
    @CsvSource(delimiter = ' ', value = {
        "fragment-encode false /#foo /%23foo",
        "fragment-encode false /#foo/#foo /%23foo/%23foo",
        "fragment-strip false /#foo /",
        "fragment-strip false /a?b#c /a?b",
        "path-merge-slashes false ///foo///bar/// /foo/bar/",
        "path-merge-slashes false //foo?bar=/// /foo?bar=///",
        "path-merge-slashes false http://h//a//b?x=// http://h/a/b?x=//",
        "path-strip-dot false /. /",
        "path-strip-dot false /./bar/ /bar/",
        "path-strip-dot false /a/./a /a/a",
        "path-strip-dot false /a/. /a/",
        "path-strip-dot false /.well-known/ /.well-known/",
        "path-strip-dot false /a/../ /a/../",
        "path-strip-dot false /?a=/./ /?a=/./",
        "path-strip-dotdot false /foo/../ /",
        "path-strip-dotdot false /foo/.. /",
        "path-strip-dotdot false /foo/../bar/ /bar/",
        "path-strip-dotdot false /foo/bar/../ /foo/",
        "path-strip-dotdot false /../bar/ /../bar/",
        "path-strip-dotdot false /bar/../../ /../",
        "path-strip-dotdot false /foo//../ /foo/",
        "path-strip-dotdot false /foo//../../bar/ /bar/",
        "path-strip-dotdot false /foo/%2E%2E/ /foo/%2E%2E/",
        "path-strip-dotdot false /foo/../?bar=/foo/../ /?bar=/foo/../",
        "path-strip-dotdot true /../bar/ /bar/",
        "path-strip-dotdot true /bar/../../ /",
        "path-strip-dotdot true /foo/../../bar/ /bar/",
        "percent-decode-unreserved false /%61dmin /admin",
        "percent-decode-unreserved false /foo%3Fbar=baz /foo%3Fbar=baz",
        "percent-decode-unreserved false /%%36%36 /%66",
        "percent-decode-unreserved false /%ZZ /%ZZ",
        "percent-decode-unreserved false /%61?%61=%7e%2f /a?a=~%2f",
        "percent-decode-unreserved false /a%4 /a%4",
        "percent-to-uppercase false /%6f /%6F",
        "percent-to-uppercase false /%zz /%zz",
        "percent-to-uppercase false /%aa?a=%aa /%AA?a=%AA",
        "query-sort-by-name false /?c=3&a=1&b=2 /?a=1&b=2&c=3",
        "query-sort-by-name false /?aaa=3&a=1&aa=2 /?a=1&aa=2&aaa=3",
        "query-sort-by-name false /?a=3&b=4&a=1&b=5&a=2 /?a=3&a=1&a=2&b=4&b=5",
        "query-sort-by-name false /?b=1&aa=2&a=3 /?a=3&aa=2&b=1",
        "query-sort-by-name false /? /?",
        "query-sort-by-name false / /",
    })
    void normalizes(String keyword, boolean option, String before, String after) throws Exception {
        assertEquals(after, UriNormalizer.fromKeyword(keyword).orElseThrow().apply(before, option));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ' ', value = {"percent-decode-unreserved /%%36%36", "percent-decode-unreserved /%ZZ",
        "percent-to-uppercase /%zz", "percent-to-uppercase /a%4"})
    void strictRefusesInvalidSequences(String keyword, String target) {
        assertThrows(UriNormalizer.InvalidUriException.class,
                () -> UriNormalizer.fromKeyword(keyword).orElseThrow().apply(target, true));
    }

    @ParameterizedTest
    @CsvSource({"fragment-encode", "path-merge-slashes", "path-strip-dotdot", "percent-to-uppercase", "query-sort-by-name"})
    void theAsteriskFormIsLeftAlone(String keyword) throws Exception {
        assertEquals("*", UriNormalizer.fromKeyword(keyword).orElseThrow().apply("*", true));
    }
}
