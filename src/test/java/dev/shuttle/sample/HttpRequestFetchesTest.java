package dev.shuttle.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.http.HeaderList;
import dev.shuttle.http.HttpVersion;
import dev.shuttle.http.RequestHead;
import dev.shuttle.http.ResponseHead;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The request fetches, over hand-built requests. Every expectation commented "haproxy 2.6" was
 * observed on Debian's haproxy 2.6.12: a {@code mode http} frontend answering
 * {@code http-request return ... lf-string "[%[var(txn.v)]] found"} after
 * {@code http-request set-var(txn.v) <fetch>} (so that "nothing" and "empty" differ), or an ACL
 * ({@code if { <fetch> -m str <value> }}) for the all-values form.
 */
class HttpRequestFetchesTest {
    private final SampleRegistry registry = SampleRegistry.standard();
    /** A client at 192.0.2.7; the frontend is not needed by HTTP fetches. */
    private final SampleContext context = new SampleContext(null, new InetSocketAddress("192.0.2.7", 40000),
            new InetSocketAddress("198.51.100.1", 443), "public", VariableStore.shared());

    /** Starts an exchange with this request; headers are "name: value" strings. */
    private void request(String method, String target, String... headers) {
        HeaderList list = new HeaderList();
        for (String header : headers) {
            int colon = header.indexOf(':');
            list.add(header.substring(0, colon), header.substring(colon + 1).strip());
        }
        context.beginExchange(new RequestHead(method, target, HttpVersion.HTTP_1_1, list));
        context.phase(Phase.HTTP_REQUEST);
    }

    /** The value in a sample context: "str(x)", "str()" for empty, "<none>" when nothing. */
    private String one(String expression) {
        try {
            return SampleCompiler.compile(expression, registry, CompileScope.STANDALONE).evaluate(context)
                    .map(Sample::toString).orElse("<none>");
        } catch (SampleCompileException e) {
            throw new AssertionError(e);
        }
    }

    /** Every value, as an ACL sees them, separated by spaces. */
    private String all(String expression) {
        try {
            return SampleCompiler.compile(expression, registry, CompileScope.STANDALONE).evaluateAll(context).stream()
                    .map(Sample::toString).collect(Collectors.joining(" "));
        } catch (SampleCompileException e) {
            throw new AssertionError(e);
        }
    }

    /** Calls a fetch directly, with arguments as the compiler would hand them (nulls for absent ones). */
    private List<Sample> direct(String name, boolean allValues, Object... arguments) {
        FetchDefinition fetch = registry.fetch(name).orElseThrow();
        List<Object> values = new ArrayList<>(List.of(arguments));
        while (values.size() < fetch.argTypes().size()) {
            values.add(null);
        }
        return fetch.function().fetch(new Arguments(values), context, allValues);
    }

    // ---- headers

    /** The request of most header probes on haproxy 2.6 (its parser trims the values' ends). */
    private void headerRequest() {
        request("GET", "/", "Host: a", "X: a1 , b2 ", "Y: q", "x: c3,d4", "e:");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // haproxy 2.6: the last comma-separated value by default; names without case.
        "req.hdr(x)       | str(d4)",
        "hdr(x)           | str(d4)",
        "req.hdr(X)       | str(d4)",
        "req.hdr(x,1)     | str(a1)",
        "req.hdr(x,2)     | str(b2)",
        "req.hdr(x,3)     | str(c3)",
        "req.hdr(x,4)     | str(d4)",
        "req.hdr(x,5)     | <none>",
        "req.hdr(x,-1)    | str(d4)",
        "req.hdr(x,-2)    | str(c3)",
        "req.hdr(x,-4)    | str(a1)",
        "req.hdr(x,-5)    | <none>",
        "req.hdr(x,0)     | str(d4)",
        "req.hdr(zz)      | <none>",
        // haproxy 2.6: an empty header is found, empty.
        "req.hdr(e)       | str()",
        // haproxy 2.6: an empty name means every header: the first value is Host's.
        "req.hdr(,1)      | str(a)",
        "req.hdr(,-1)     | str()",
        "req.hdr(,-2)     | str(d4)",
        // haproxy 2.6: no argument at all finds nothing; "()" is an empty name: the last value of all.
        "req.hdr          | <none>",
        "req.fhdr         | <none>",
        "req.hdr()        | str()",
        "hdr()            | str()",
        "req.fhdr()       | str()",
        "req.hdr(),length | sint(0)",
        // haproxy 2.6: fhdr keeps commas, and the value's inner spaces.
        "req.fhdr(x)      | str(c3,d4)",
        "req.fhdr(x,1)    | str(a1 , b2)",
        "req.fhdr(x,-2)   | str(a1 , b2)",
        "req.fhdr(x,0)    | str(c3,d4)",
        "req.fhdr(x,3)    | <none>",
        "req.fhdr(X)      | str(c3,d4)",
        "req.fhdr(,1)     | str(a)",
        "req.fhdr(,-2)    | str(c3,d4)",
        // haproxy 2.6: counts; without a name, every header (7 values, 5 fields).
        "req.hdr_cnt(x)   | sint(4)",
        "hdr_cnt(x)       | sint(4)",
        "req.hdr_cnt      | sint(7)",
        "req.hdr_cnt(e)   | sint(1)",
        "req.hdr_cnt(zz)  | sint(0)",
        "req.fhdr_cnt(x)  | sint(2)",
        "req.fhdr_cnt     | sint(5)",
    })
    void headerValues(String expression, String expected) {
        headerRequest();
        assertEquals(expected, one(expression));
    }

    @Test
    void headerValuesForAcls() {
        headerRequest();
        // haproxy 2.6: { req.hdr(x) -m str a1 } and { ... b2 } match; with an occurrence only it.
        assertEquals("str(a1) str(b2) str(c3) str(d4)", all("req.hdr(x)"));
        assertEquals("str(a1) str(b2) str(c3) str(d4)", all("req.hdr(x,0)"));
        assertEquals("str(b2)", all("req.hdr(x,2)"));
        assertEquals("str(d4)", all("req.hdr(x,-1)"));
        assertEquals("str(a1 , b2) str(c3,d4)", all("req.fhdr(x)"));
        assertEquals("str(a1 , b2)", all("req.fhdr(x,1)"));
        // haproxy 2.6: { req.hdr() -m str q } matches: every value of every header.
        assertEquals("str(a) str(a1) str(b2) str(q) str(c3) str(d4) str()", all("req.hdr(,0)"));
        assertEquals("", all("req.hdr"));
    }

    @Test
    void anEmptyNameIsNotAMissingName() {
        headerRequest();
        // haproxy 2.6: req.hdr() gives the last value of the last header, req.hdr gives nothing.
        // (The compiler passes an empty name for a lone "()"; the fetch keeps the distinction.)
        assertEquals(List.of(Sample.str("")), direct("req.hdr", false, ""));
        assertEquals(List.of(), direct("req.hdr", false));
        assertEquals(List.of(Sample.str("")), direct("req.fhdr", false, ""));
        assertEquals(List.of(), direct("req.hdr_val", false));
        assertEquals(List.of(Sample.sint(7)), direct("req.hdr_cnt", false, ""));
    }

    @Test
    void quotedCommasAndEmptyElements() {
        request("GET", "/", "Host: h", "x: \"a,b\", c", "y: a, ,b,", "z: ,");
        // haproxy 2.6: quotes protect commas; empty elements count.
        assertEquals("str(\"a,b\")", one("req.hdr(x,1)"));
        assertEquals("sint(2)", one("req.hdr_cnt(x)"));
        assertEquals("str()", one("req.hdr(y)"));
        assertEquals("sint(4)", one("req.hdr_cnt(y)"));
        assertEquals("str()", one("req.hdr(y,2)"));
        assertEquals("sint(2)", one("req.hdr_cnt(z)"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // haproxy 2.6: the chosen value is converted; an earlier good one does not help.
        "req.hdr_ip(x)      | ipv4(5.6.7.8)",
        "hdr_ip(x,1)        | ipv4(1.2.3.4)",
        "req.hdr_ip(y)      | <none>",
        "req.hdr_ip(y,1)    | ipv6(::1)",
        "req.hdr_ip(zz)     | <none>",
        "req.hdr_val(n)     | sint(12)",
        "hdr_val(n,1)       | sint(-3)",
        "req.hdr_val(n,2)   | sint(0)",
        "req.hdr_val(zz)    | <none>",
    })
    void headerConversions(String expression, String expected) {
        request("GET", "/", "Host: h", "x: 1.2.3.4:80, 5.6.7.8", "y: ::1, [::1]", "n: -3, abc, 12abc");
        assertEquals(expected, one(expression));
    }

    @Test
    void headerConversionsForAcls() {
        request("GET", "/", "Host: h", "x: 1.2.3.4:80, junk, 5.6.7.8", "n: -3, abc");
        // Values that do not convert are skipped; integers always convert.
        assertEquals("ipv4(1.2.3.4) ipv4(5.6.7.8)", all("req.hdr_ip(x)"));
        assertEquals("sint(-3) sint(0)", all("req.hdr_val(n)"));
    }

    @Test
    void headerBlocks() {
        request("GET", "/p?q", "Host: a", "X-Foo: a1 , b2", "Y: q", "x-foo: c3", "e:");
        // haproxy 2.6: names in lower case, in order; values as stored; the final empty line.
        assertEquals("str(host,x-foo,y,x-foo,e)", one("req.hdr_names"));
        assertEquals("str(host;x-foo;y;x-foo;e)", one("req.hdr_names(;)"));
        // haproxy 2.6: only the first character of the delimiter counts; an empty one is NUL.
        assertEquals("str(hostax-fooayax-fooae)", one("req.hdr_names(ab)"));
        assertEquals(List.of(Sample.str("host\0x-foo\0y\0x-foo\0e")), direct("req.hdr_names", false, ""));
        assertEquals("host: a\r\nx-foo: a1 , b2\r\ny: q\r\nx-foo: c3\r\ne: \r\n\r\n", one("req.hdrs").replaceAll("^str\\(|\\)$", ""));
        // haproxy 2.6: req.hdrs_bin,hex of the same request, byte for byte.
        assertEquals("04686F7374016105782D666F6F076131202C2062320179017105782D666F6F0263330165000000",
                hex(direct("req.hdrs_bin", false).get(0).asBytes()));
    }

    private static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(String.format("%02X", b));
        }
        return text.toString();
    }

    // ---- the request line

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // target                  | Host       | url                     | path    | pathq        | query | base            | url_port | url_ip
        // haproxy 2.6, each line:
        "/p?q                      | a          | /p?q                    | /p      | /p?q         | q     | a/p             | <none>   | <none>",
        "/p?                       | h          | /p?                     | /p      | /p?          | ''    | h/p             | <none>   | <none>",
        "*                         | h          | *                       | <none>  | <none>       | <none>| h               | <none>   | <none>",
        "http://a.b:8080/p/q?x=1   | a.b:8080   | http://a.b:8080/p/q?x=1 | /p/q    | /p/q?x=1     | x=1   | a.b:8080/p/q    | <none>   | <none>",
        "http://1.2.3.4/p          | 1.2.3.4    | http://1.2.3.4/p        | /p      | /p           | <none>| 1.2.3.4/p       | 80       | 1.2.3.4",
        "http://1.2.3.4:81/p       | 1.2.3.4:81 | http://1.2.3.4:81/p     | /p      | /p           | <none>| 1.2.3.4:81/p    | 81       | 1.2.3.4",
        "http://[::1]:82/p?q       | [::1]:82   | http://[::1]:82/p?q     | /p      | /p?q         | q     | [::1]:82/p      | <none>   | <none>",
        "https://a/                | a          | https://a/              | /       | /            | <none>| a/              | <none>   | <none>",
        "http://a                  | a          | http://a                | <none>  | <none>       | <none>| a               | <none>   | <none>",
        "http://u@1.2.3.4:83/      | 1.2.3.4:83 | http://u@1.2.3.4:83/    | /       | /            | <none>| 1.2.3.4:83/     | <none>   | <none>",
        "HTTP://A:08/x;y?z         | A:08       | HTTP://A:08/x;y?z       | /x;y    | /x;y?z       | z     | A:08/x;y        | <none>   | <none>",
        "ftp://1.2.3.4/            | 1.2.3.4    | ftp://1.2.3.4/          | /       | /            | <none>| 1.2.3.4/        | <none>   | <none>",
        "HTTP://1.2.3.4/           | 1.2.3.4    | HTTP://1.2.3.4/         | /       | /            | <none>| 1.2.3.4/        | 80       | 1.2.3.4",
        // haproxy 2.6 (not the manual): https defaults to 443.
        "https://1.2.3.4/          | 1.2.3.4    | https://1.2.3.4/        | /       | /            | <none>| 1.2.3.4/        | 443      | 1.2.3.4",
        // haproxy 2.6: the port wraps to 16 bits, stops at a non-digit, and is the default when empty.
        "http://1.2.3.4:65617/     | x          | http://1.2.3.4:65617/   | /       | /            | <none>| x/              | 81       | 1.2.3.4",
        "http://1.2.3.4:65536/     | x          | http://1.2.3.4:65536/   | /       | /            | <none>| x/              | 0        | 1.2.3.4",
        "http://1.2.3.4:99999999999/ | x        | http://1.2.3.4:99999999999/ | /   | /            | <none>| x/              | 59391    | 1.2.3.4",
        "http://1.2.3.4:8a/        | x          | http://1.2.3.4:8a/      | /       | /            | <none>| x/              | 8        | 1.2.3.4",
        "http://1.2.3.4:x/         | x          | http://1.2.3.4:x/       | /       | /            | <none>| x/              | 0        | 1.2.3.4",
        "http://1.2.3.4:/          | x          | http://1.2.3.4:/        | /       | /            | <none>| x/              | 80       | 1.2.3.4",
        "http://1.2.3.4            | x          | http://1.2.3.4          | <none>  | <none>       | <none>| x               | 80       | 1.2.3.4",
        "http://1.2.3.4x/          | x          | http://1.2.3.4x/        | /       | /            | <none>| x/              | 80       | 1.2.3.4",
        "http://01.2.3.4/          | x          | http://01.2.3.4/        | /       | /            | <none>| x/              | 80       | 1.2.3.4",
        "http://1.2.3.4.5/         | x          | http://1.2.3.4.5/       | /       | /            | <none>| x/              | <none>   | <none>",
        "http://300.2.3.4/         | x          | http://300.2.3.4/       | /       | /            | <none>| x/              | <none>   | <none>",
        // haproxy 2.6: without Host, base is the path alone.
        "/p/q?x=1                  | -          | /p/q?x=1                | /p/q    | /p/q?x=1     | x=1   | /p/q            | <none>   | <none>",
    })
    void requestLine(String target, String host, String url, String path, String pathq, String query, String base,
                     String port, String ip) {
        if (host == null) {
            request("GET", target);
        } else {
            request("GET", target, "Host: " + host);
        }
        assertEquals(url, text(one("url")), "url");
        assertEquals(path, text(one("path")), "path");
        assertEquals(pathq, text(one("pathq")), "pathq");
        assertEquals(query, text(one("query")), "query");
        assertEquals(base, text(one("base")), "base");
        assertEquals(port, text(one("url_port")), "url_port");
        assertEquals(ip, text(one("url_ip")), "url_ip");
    }

    /** "str(x)" → "x", "<none>" stays. */
    private static String text(String sample) {
        return sample.equals("<none>") ? sample : sample.substring(sample.indexOf('(') + 1, sample.length() - 1);
    }

    @Test
    void methodVersionAndFirstRequest() {
        context.beginExchange(new RequestHead("FOO", "/", HttpVersion.HTTP_1_0, new HeaderList()));
        context.phase(Phase.HTTP_REQUEST);
        // haproxy 2.6: [%[method]|%[req.ver]|%[http_first_req]|%[req.proto_http]] is [FOO|1.0|1|1].
        assertEquals("meth(FOO)", one("method"));
        assertEquals("str(1.0)", one("req.ver"));
        assertEquals("str(1.0)", one("req_ver"));
        assertEquals("bool(1)", one("http_first_req"));
        assertEquals("bool(1)", one("req.proto_http"));
        assertEquals("str(FOO)", one("capture.req.method"));
        assertEquals("str(HTTP/1.0)", one("capture.req.ver"));
        context.beginExchange(new RequestHead("GET", "/", HttpVersion.HTTP_1_1, new HeaderList()));
        assertEquals("bool(0)", one("http_first_req"));
        assertEquals("str(1.1)", one("req.ver"));
    }

    @Test
    void nothingWithoutARequest() {
        context.phase(Phase.HTTP_REQUEST);
        assertEquals("<none>", one("path"));
        assertEquals("<none>", one("req.hdr(x)"));
        assertEquals("<none>", one("req.hdr_cnt"));
        assertEquals("<none>", one("req.cook(a)"));
        assertEquals("<none>", one("method"));
        assertEquals("bool(0)", one("req.proto_http"));
    }

    @Test
    void hashedBase() {
        // haproxy 2.6: base32 of Example.com/p/q, of /p/q (no Host), of a/p and url32.
        request("GET", "/p/q?x=1", "Host: Example.com");
        assertEquals("sint(1978376760)", one("base32"));
        assertEquals("str(Example.com/p/q?x=1)", one("baseq"));
        assertEquals("sint(2220849877)", one("url32"));
        // haproxy 2.6: base32+src,hex from 127.0.0.1 was 75EBA2387F000001; here the client is 192.0.2.7.
        assertEquals("75EBA238C0000207", hex(direct("base32+src", false).get(0).asBytes()));
        assertEquals("845F7AD5C0000207", hex(direct("url32+src", false).get(0).asBytes()));
        // Names with '+' are reachable from an expression.
        assertEquals("str(75EBA238C0000207)", one("base32+src,hex"));
        assertEquals("str(845F7AD5C0000207)", one("url32+src,hex"));
        request("GET", "/p/q?x=1");
        assertEquals("sint(338431108)", one("base32"));
        request("GET", "/p?q", "Host: a");
        assertEquals("sint(1690518478)", one("base32"));
    }

    // ---- url_param

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // target             | urlp(a) | urlp    | url_param(b) | urlp(a,;) | urlp(b,;) | urlp(a,?) | urlp(a,=)   (haproxy 2.6, each)
        "/p?a=1&b=2;c=3       | 1       | 1       | 2            | <none>    | <none>    | 1         | <none>",
        "/p?a&b=2             | <none>  | 2       | 2            | <none>    | <none>    | <none>    | <none>",
        "/p;a=1?b=2           | <none>  | 2       | 2            | 1?b=2     | <none>    | <none>    | <none>",
        "/p?x=1&a=2&a=3       | 2       | 1       | <none>       | <none>    | <none>    | 2         | 2",
        "/p?a=&b              | ''      | ''      | <none>       | <none>    | <none>    | ''        | <none>",
        "/p?A=1&a=2           | 2       | 1       | <none>       | <none>    | <none>    | 2         | 2",
        "/p?aa=1&a=2          | 2       | 1       | <none>       | <none>    | <none>    | 2         | 2",
        "/p?=5&a=1            | 1       | 5       | <none>       | <none>    | <none>    | 1         | 1",
        "/p?b=1?a=2           | 2       | 1       | 1            | <none>    | <none>    | 2         | <none>",
        "/p?b=1=2&a=3         | 3       | 1=2     | 1=2          | <none>    | <none>    | 3         | 3",
        "/p?&&a=1             | 1       | 1       | <none>       | <none>    | <none>    | 1         | <none>",
        "/p                   | <none>  | <none>  | <none>       | <none>    | <none>    | <none>    | <none>",
        "/p?                  | <none>  | <none>  | <none>       | <none>    | <none>    | <none>    | <none>",
        "/a=1                 | <none>  | <none>  | <none>       | <none>    | <none>    | <none>    | <none>",
        "/p?b=1;a=2           | 2       | 1       | 1            | 2         | <none>    | 2         | 2",
        "/p?a&=3              | <none>  | 3       | <none>       | <none>    | <none>    | <none>    | <none>",
        "/p?ab                | <none>  | <none>  | <none>       | <none>    | <none>    | <none>    | <none>",
        "/p?a;b=1             | <none>  | 1       | 1            | <none>    | 1         | <none>    | <none>",
    })
    void urlParameters(String target, String a, String any, String b, String aSemicolon, String bSemicolon,
                       String aQuestion, String aEquals) {
        request("GET", target, "Host: h");
        assertEquals(a, text(one("urlp(a)")), "urlp(a)");
        assertEquals(any, text(one("urlp")), "urlp");
        assertEquals(b, text(one("url_param(b)")), "url_param(b)");
        assertEquals(aSemicolon, text(one("urlp(a,;)")), "urlp(a,;)");
        assertEquals(bSemicolon, text(one("urlp(b,;)")), "urlp(b,;)");
        assertEquals(aQuestion, text(one("urlp(a,?)")), "urlp(a,?)");
        assertEquals(aEquals, text(one("urlp(a,=)")), "urlp(a,=)");
    }

    @Test
    void urlParametersForAcls() {
        request("GET", "/p?a=1&x=5&a=2;b=3", "Host: h");
        // haproxy 2.6: { urlp(a) -m str 2 }, { urlp -m str 3 } and { urlp_val(a) 2 } match; { urlp -m str b } does not.
        assertEquals("str(1) str(2)", all("urlp(a)"));
        assertEquals("str(1) str(5) str(2) str(3)", all("urlp"));
        assertEquals("sint(1) sint(2)", all("urlp_val(a)"));
        // haproxy 2.6: urlp(,=) on /p?x=1&y=2 is 2.
        request("GET", "/p?x=1&y=2", "Host: h");
        assertEquals(List.of(Sample.str("2")), direct("urlp", false, "", "="));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // haproxy 2.6: the same lenient integers as hdr_val.
        "+4          | -46",
        "12x         | 12",
        "abc         | 0",
        "''          | 0",
        "99999999999 | 1215752191",
        "-3          | -3",
    })
    void urlParameterIntegers(String value, long expected) {
        request("GET", "/p?a=" + value + "&b=1", "Host: h");
        assertEquals("sint(" + expected + ")", one("urlp_val(a)"));
    }

    // ---- cookies

    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
        // Cookie header(s), '~' between fields      # cook(a) # cook(b) # cook  # cook_cnt(a) # cook_cnt   (haproxy 2.6, each)
        "a=1; b=2                                    # 1      # 2      # 1      # 1 # 2",
        "a=1; a=2~a=3; b=4                          # 3      # 4      # 1      # 3 # 4",
        "' a = 1 ;b=2 '                              # 1      # 2      # 1      # 1 # 2",
        // Commas separate cookies too (the header is split like hdr()).
        "a=1, b=2                                    # 1      # 2      # 1      # 1 # 2",
        "a=1,2; b=3                                  # 1      # 3      # 1      # 1 # 2",
        "a=1,b=2,a=3                                 # 3      # 2      # 1      # 2 # 3",
        "a=; b=2                                     # ''     # 2      # ''     # 1 # 2",
        "a; b=2                                      # <none> # 2      # 2      # 0 # 1",
        // Names compare with case.
        "A=1; a=2                                    # 2      # <none> # 1      # 1 # 2",
        // Quotes protect ';' and ',' and stay in the value.
        "a=\"x;y\"; b=2                              # \"x;y\" # 2     # \"x;y\" # 1 # 2",
        "a=\"1,2\"; b=3                              # \"1,2\" # 3      # \"1,2\" # 1 # 2",
        "a=x\"y;z\"; b=2                             # x\"y;z\" # 2    # x\"y;z\" # 1 # 2",
        "a=\"x;y; b=2                                # \"x;y; b=2 # <none> # \"x;y; b=2 # 1 # 1",
        "a= \"q\" ; b=2                              # \"q\"  # 2      # \"q\"  # 1 # 2",
        "b=2;a=1;                                    # 1      # 2      # 2      # 1 # 2",
        "=5; a=1                                     # 1      # <none> # 5      # 1 # 2",
        "a=1 2; b                                    # 1 2    # <none> # 1 2    # 1 # 1",
        // $-attributes (RFC 2109) are not cookies.
        "$Version=1; a=1; $Path=/                    # 1      # <none> # 1      # 1 # 1",
        "$a=1; b=2                                   # <none> # 2      # 2      # 0 # 1",
        "a=1;;b=2                                    # 1      # 2      # 1      # 1 # 2",
        "a=b=c                                       # b=c    # <none> # b=c    # 1 # 1",
        "a b=1; c=2                                  # <none> # <none> # 1      # 0 # 2",
        // An element no longer than "name=" is passed over: a lone "a=" is not cook(a).
        "a=                                          # <none> # <none> # ''     # 0 # 1",
        "b=2; a=                                     # ''     # 2      # 2      # 1 # 2",
        "b=2; a=~c=1                                # ''     # 2      # 2      # 1 # 3",
        "a=, b=1                                     # <none> # 1      # ''     # 0 # 2",
        "x; a=                                       # ''     # <none> # ''     # 1 # 1",
        "a=;                                         # ''     # <none> # ''     # 1 # 1",
        "=                                           # <none> # <none> # <none> # 0 # 0",
        "a=~a=                                      # <none> # <none> # ''     # 0 # 2",
        "b=1~a=                                     # <none> # 1      # 1      # 0 # 2",
        "'a  ='                                      # ''     # <none> # ''     # 1 # 1",
    })
    void requestCookies(String cookies, String a, String b, String any, long countA, long count) {
        List<String> headers = new ArrayList<>(List.of("Host: h"));
        for (String field : cookies.split("~")) {
            headers.add("Cookie: " + field);
        }
        request("GET", "/", headers.toArray(String[]::new));
        assertEquals(a, text(one("req.cook(a)")), "cook(a)");
        assertEquals(b, text(one("cook(b)")), "cook(b)");
        assertEquals(any, text(one("req.cook")), "cook");
        assertEquals("sint(" + countA + ")", one("req.cook_cnt(a)"), "cook_cnt(a)");
        assertEquals("sint(" + count + ")", one("cook_cnt"), "cook_cnt");
    }

    @Test
    void requestCookiesForAcls() {
        request("GET", "/", "Host: h", "Cookie: a=1; b=2; a=3", "Cookie: c=4");
        // haproxy 2.6: { req.cook(a) -m str 1 }, { req.cook -m str 2 }, { req.cook_val(a) 1 } match.
        assertEquals("str(1) str(3)", all("req.cook(a)"));
        assertEquals("str(1) str(2) str(3) str(4)", all("req.cook"));
        assertEquals("sint(1) sint(3)", all("req.cook_val(a)"));
        assertEquals("sint(3)", one("req.cook_val(a)"));
        assertEquals("str(a,b,a,c)", one("req.cook_names"));
        assertEquals("str(a|b|a|c)", one("req.cook_names(|)"));
        // cookie() follows the rule's direction: the request in request rules.
        assertEquals("str(3)", one("cookie(a)"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // haproxy 2.6: the same lenient integers as hdr_val.
        "+4          | -46",
        "12x         | 12",
        "''          | 0",
        "'1 2'       | -58",
    })
    void cookieIntegers(String value, long expected) {
        request("GET", "/", "Host: h", "Cookie: a=" + value + ";b=1");
        assertEquals("sint(" + expected + ")", one("req.cook_val(a)"));
    }

    // ---- body

    private void post(String body, String... headers) {
        request("POST", "/", headers);
        context.requestBody(body.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void bodyWithContentLength() {
        // haproxy 2.6 with option http-buffer-request.
        post("a=1&b=2;c=3&a=4", "Host: h", "Content-Length: 15");
        assertEquals("a=1&b=2;c=3&a=4", new String(direct("req.body", false).get(0).asBytes(), StandardCharsets.ISO_8859_1));
        assertEquals("sint(15)", one("req.body_len"));
        assertEquals("sint(15)", one("req.body_size"));
        assertEquals("str(1)", one("req.body_param(a)"));
        assertEquals("str(2)", one("req.body_param(b)"));
        assertEquals("str(3)", one("req.body_param(c)"));
        assertEquals("str(1)", one("req.body_param"));
        assertEquals("<none>", one("req.body_param(A)"));
        assertEquals("str(1)", one("req.body_param(A,i)"));
        assertEquals("str(1) str(4)", all("req.body_param(a)"));
    }

    @Test
    void chunkedBody() {
        // haproxy 2.6: a chunked a=1&b=2 has body_len and body_size 7.
        post("a=1&b=2", "Host: h", "Transfer-Encoding: chunked");
        assertEquals("sint(7)", one("req.body_len"));
        assertEquals("sint(7)", one("req.body_size"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // haproxy 2.6: '?' does not separate body parameters; '&' and ';' do.
        "x=1?b=2 | <none>",
        "b=1?x=2 | 1?x=2",
        "x&b=2   | 2",
        "x=1&b=  | ''",
        "b       | <none>",
        "x;b=3   | 3",
    })
    void bodyParameters(String body, String expected) {
        post(body, "Host: h", "Content-Length: " + body.length());
        assertEquals(expected, text(one("req.body_param(b)")));
    }

    @Test
    void noBody() {
        // haproxy 2.6: a GET has an empty body (found), lengths 0, and no parameter.
        request("GET", "/", "Host: h");
        assertEquals(List.of(Sample.bin(new byte[0])), direct("req.body", false));
        assertEquals("sint(0)", one("req.body_len"));
        assertEquals("sint(0)", one("req.body_size"));
        assertEquals("<none>", one("req.body_param(b)"));
    }

    @Test
    void bodyParamOptionIsChecked() {
        assertThrows(SampleCompileException.class,
                () -> SampleCompiler.compile("req.body_param(a,x)", registry, CompileScope.STANDALONE));
    }

    // ---- Authorization

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // Authorization value            | type   | user   | pass   | bearer   (haproxy 2.6, each)
        "Basic dXNlcjpwYXNz               | Basic  | user   | pass   | <none>",
        "basic dXNlcjpwYXNz               | Basic  | user   | pass   | <none>",
        "Basic  dXNlcjpwYXNz              | Basic  | user   | pass   | <none>",
        "Basic dXNlcg==                   | <none> | <none> | <none> | <none>",
        "Basic dTpwOng=                   | Basic  | u      | p:x    | <none>",
        "Basic dTpwOng                    | <none> | <none> | <none> | <none>",
        "Basic Og==                       | Basic  | ''     | ''     | <none>",
        "Basic !!!                        | <none> | <none> | <none> | <none>",
        "Basic dXNlcjpwYXNz x             | <none> | <none> | <none> | <none>",
        "Basic                            | <none> | <none> | <none> | <none>",
        "Basicx dXNlcjpwYXNz              | <none> | <none> | <none> | <none>",
        "Bearer tok.en                    | Bearer | <none> | <none> | tok.en",
        "bearer  tok                      | Bearer | <none> | <none> | tok",
        "BEARER a b                       | Bearer | <none> | <none> | a b",
        "Bearer                           | <none> | <none> | <none> | <none>",
        "Digest a=b                       | <none> | <none> | <none> | <none>",
    })
    void authorization(String value, String type, String user, String password, String bearer) {
        request("GET", "/", "Host: h", "Authorization: " + value);
        assertEquals(type, text(one("http_auth_type")), "type");
        assertEquals(user, text(one("http_auth_user")), "user");
        assertEquals(password, text(one("http_auth_pass")), "pass");
        assertEquals(bearer, text(one("http_auth_bearer")), "bearer");
    }

    @Test
    void authorizationDetails() {
        // haproxy 2.6: the first Authorization header counts; http_auth_bearer(X-T) reads another header.
        request("GET", "/", "Host: h", "Authorization: Basic dXNlcjpwYXNz", "Authorization: Basic eDp5", "X-T: Bearer zz");
        assertEquals("str(user)", one("http_auth_user"));
        assertEquals("str(zz)", one("http_auth_bearer(X-T)"));
        request("GET", "/", "Host: h");
        assertEquals("<none>", one("http_auth_type"));
    }

    // ---- what the stream keeps

    @Test
    void capturesAndUniqueId() {
        request("GET", "http://h/p?q", "Host: h");
        // haproxy 2.6: capture.req.uri of an absolute URI starts at the path.
        assertEquals("str(/p?q)", one("capture.req.uri"));
        assertEquals("str(HTTP/1.1)", one("capture.req.ver"));
        // haproxy 2.6: an absent capture and an index past the declarations give nothing.
        context.requestCaptures().add("zz");
        context.requestCaptures().add(null);
        assertEquals("str(zz)", one("capture.req.hdr(0)"));
        assertEquals("<none>", one("capture.req.hdr(1)"));
        assertEquals("<none>", one("capture.req.hdr(2)"));
        // haproxy 2.6: without unique-id-format, nothing.
        assertEquals("<none>", one("unique-id"));
        context.uniqueId("7F000001-y");
        assertEquals("str(7F000001-y)", one("unique-id"));
        // A new exchange forgets both.
        request("GET", "/", "Host: h");
        assertEquals("<none>", one("capture.req.hdr(0)"));
        assertEquals("<none>", one("unique-id"));
        request("OPTIONS", "*", "Host: h");
        assertEquals("<none>", one("capture.req.uri"));
    }

    // ---- where they work

    @Test
    void phasesFollowHaproxy() {
        // haproxy 2.6 refuses req.hdr, path, url, req.ver, base, urlp, req.body, req.hdrs,
        // http_auth_user and query in http-response, http-after-response and log-format ("needs
        // 'HTTP request headers' which is not available here"), but takes them in tcp-request
        // content; it takes method, http_first_req, capture.req.*, unique-id and req.proto_http
        // everywhere after the request, logs included.
        // HAProxy 3.x keeps req.ver for the whole stream (SMP_USE_HRQHP): logs may read it.
        for (String name : List.of("req.hdr", "path", "url", "base", "urlp", "req.body", "req.hdrs",
                "http_auth_user", "query", "req.cook", "base32+src")) {
            FetchDefinition fetch = registry.fetch(name).orElseThrow();
            assertTrue(fetch.usableIn().contains(Phase.HTTP_REQUEST), name);
            assertTrue(fetch.usableIn().contains(Phase.REQUEST_CONTENT), name);
            assertFalse(fetch.usableIn().contains(Phase.HTTP_RESPONSE), name);
            assertFalse(fetch.usableIn().contains(Phase.LOG), name);
        }
        for (String name : List.of("method", "http_first_req", "capture.req.hdr", "capture.req.uri", "unique-id", "req.proto_http",
                "req.ver")) {
            FetchDefinition fetch = registry.fetch(name).orElseThrow();
            assertTrue(fetch.usableIn().contains(Phase.HTTP_AFTER_RESPONSE), name);
            assertTrue(fetch.usableIn().contains(Phase.LOG), name);
        }
        // haproxy 2.6: unique-id even in tcp-request connection.
        assertTrue(registry.fetch("unique-id").orElseThrow().usableIn().contains(Phase.CONNECTION));
        // haproxy 2.6: hdr() works in both directions, not in logs.
        FetchDefinition hdr = registry.fetch("hdr").orElseThrow();
        assertTrue(hdr.usableIn().contains(Phase.HTTP_REQUEST) && hdr.usableIn().contains(Phase.HTTP_RESPONSE));
        assertFalse(hdr.usableIn().contains(Phase.LOG));
        // haproxy 2.6 does not know fhdr, hdr_names or set-cookie.
        assertTrue(registry.fetch("fhdr").isEmpty());
        assertTrue(registry.fetch("hdr_names").isEmpty());
    }

    @Test
    void hdrFollowsTheRuleDirection() {
        request("GET", "/", "Host: a", "x: 1", "Cookie: a=1");
        HeaderList responseHeaders = new HeaderList();
        responseHeaders.add("x", "2,3");
        responseHeaders.add("Set-Cookie", "a=2");
        context.response(new ResponseHead(HttpVersion.HTTP_1_1, 200, "OK", responseHeaders));
        assertEquals("str(1)", one("hdr(x)"));
        assertEquals("str(1)", one("cookie(a)"));
        // haproxy 2.6: in http-response, hdr(x) is [3] and cookie(a) is [2].
        context.phase(Phase.HTTP_RESPONSE);
        assertEquals("str(3)", one("hdr(x)"));
        assertEquals("str(2)", one("cookie(a)"));
        // haproxy 2.6 refuses %[req.hdr(x)] there and warns that { req.hdr(x) 1 } will never match;
        // it never does: the request is gone. Shuttle's fetch refuses to look.
        assertEquals("<none>", one("req.hdr(x)"));
        assertEquals("<none>", one("path"));
        assertEquals("meth(GET)", one("method"));
    }
}
