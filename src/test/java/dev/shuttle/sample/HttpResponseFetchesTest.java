package dev.shuttle.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.http.HeaderList;
import dev.shuttle.http.HttpVersion;
import dev.shuttle.http.RequestHead;
import dev.shuttle.http.ResponseHead;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The response fetches, over hand-built responses. Every expectation commented "haproxy 2.6" was
 * observed on Debian's haproxy 2.6.12 forwarding a canned response and adding
 * {@code http-response add-header X-Probe "[%[<fetch>]]"}, or {@code ... if { <acl> }}.
 */
class HttpResponseFetchesTest {
    private final SampleRegistry registry = SampleRegistry.standard();
    /** A client at 192.0.2.7; the frontend is not needed by HTTP fetches. */
    private final SampleContext context = new SampleContext(null, new InetSocketAddress("192.0.2.7", 40000),
            new InetSocketAddress("198.51.100.1", 443), "public", VariableStore.shared());

    private void response(HttpVersion version, int status, String... headers) {
        context.beginExchange(new RequestHead("GET", "/", HttpVersion.HTTP_1_1, new HeaderList()));
        HeaderList list = new HeaderList();
        for (String header : headers) {
            int colon = header.indexOf(':');
            list.add(header.substring(0, colon), header.substring(colon + 1).strip());
        }
        context.response(new ResponseHead(version, status, "Whatever", list));
        context.phase(Phase.HTTP_RESPONSE);
    }

    private String one(String expression) {
        try {
            return SampleCompiler.compile(expression, registry, CompileScope.STANDALONE).evaluate(context)
                    .map(Sample::toString).orElse("<none>");
        } catch (SampleCompileException e) {
            throw new AssertionError(e);
        }
    }

    private String all(String expression) {
        try {
            return SampleCompiler.compile(expression, registry, CompileScope.STANDALONE).evaluateAll(context).stream()
                    .map(Sample::toString).collect(Collectors.joining(" "));
        } catch (SampleCompileException e) {
            throw new AssertionError(e);
        }
    }

    private static String text(String sample) {
        return sample.equals("<none>") ? sample : sample.substring(sample.indexOf('(') + 1, sample.length() - 1);
    }

    @Test
    void statusVersionAndHeaders() {
        response(HttpVersion.HTTP_1_0, 203, "X: 12, 34", "Y: 1.2.3.4:80", "Content-Length: 0");
        // haproxy 2.6, one probe: [203|1.0|1.0|x,y,content-length|x;y;content-length|x: 12, 34\r\n...|4|3|12|12, 34|34|1.2.3.4|34|...]
        assertEquals("sint(203)", one("status"));
        assertEquals("str(1.0)", one("res.ver"));
        assertEquals("str(1.0)", one("resp_ver"));
        assertEquals("str(HTTP/1.0)", one("capture.res.ver"));
        assertEquals("str(x,y,content-length)", one("res.hdr_names"));
        assertEquals("str(x;y;content-length)", one("res.hdr_names(;)"));
        assertEquals("str(x: 12, 34\r\ny: 1.2.3.4:80\r\ncontent-length: 0\r\n\r\n)", one("res.hdrs"));
        assertEquals("sint(4)", one("res.hdr_cnt"));
        assertEquals("sint(3)", one("res.fhdr_cnt"));
        assertEquals("str(12)", one("res.hdr(x,1)"));
        assertEquals("str(12, 34)", one("res.fhdr(x)"));
        assertEquals("sint(34)", one("res.hdr_val(x)"));
        assertEquals("ipv4(1.2.3.4)", one("res.hdr_ip(y)"));
        assertEquals("str(34)", one("shdr(x)"));
        assertEquals("sint(2)", one("shdr_cnt(x)"));
        assertEquals("str(12) str(34)", all("res.hdr(x)"));
        assertEquals("01780631322C20333401790A312E322E332E343A38300E636F6E74656E742D6C656E67746801300000",
                one("res.hdrs_bin,hex").replaceAll("^str\\(|\\)$", ""));
    }

    @Test
    void noHeaders() {
        response(HttpVersion.HTTP_1_1, 200);
        // haproxy 2.6: [%[res.hdr_names]|%[res.hdrs]] is [|\r\n].
        assertEquals("str()", one("res.hdr_names"));
        assertEquals("str(\r\n)", one("res.hdrs"));
        assertEquals("<none>", one("res.hdr(x)"));
        assertEquals("sint(0)", one("res.hdr_cnt(x)"));
    }

    @Test
    void nothingBeforeTheResponse() {
        context.beginExchange(new RequestHead("GET", "/", HttpVersion.HTTP_1_1, new HeaderList()));
        assertEquals("<none>", one("status"));
        assertEquals("<none>", one("res.hdr(x)"));
        assertEquals("<none>", one("res.cook_cnt"));
        assertEquals("<none>", one("capture.res.hdr(0)"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
        // Set-Cookie fields, '~' between them # cook(a) # cook(b) # cook # cook_cnt(a) # cook_cnt(b) # cook_cnt # cook_val(a)   (haproxy 2.6, each)
        // Attributes are not cookies when a name is searched, but cook_cnt() counts every piece;
        // the comma in Expires splits the field.
        "a=1; Path=/; Expires=Wed, 21 Oct 2015 07:28:00 GMT # 1 # <none> # 1 # 1 # 0 # 3 # 1",
        "a=1~b=2~a=3; b=9                     # 3      # 2      # 1      # 2 # 1 # 4 # 3",
        "a=1, b=2                               # 1      # 2      # 1      # 1 # 1 # 2 # 1",
        "' a = \"x;y\" ; b=2'                   # \"x;y\" # <none> # \"x;y\" # 1 # 0 # 2 # -14",
        "$a=1; b=2                              # <none> # 2      # 2      # 0 # 1 # 1 # <none>",
        "x; a=1                                 # 1      # <none> # 1      # 1 # 0 # 1 # 1",
        "=4                                     # <none> # <none> # 4      # 0 # 0 # 1 # <none>",
        "a=~b=1                                # <none> # 1      # ''     # 0 # 1 # 2 # <none>",
        "b=1; a=                                # <none> # 1      # 1      # 0 # 1 # 2 # <none>",
        "a= ; b=1                               # ''     # <none> # ''     # 1 # 0 # 2 # 0",
        "a=;b=1                                 # ''     # <none> # ''     # 1 # 0 # 2 # 0",
        "a=1; b=2, c=3; d=4                     # 1      # <none> # 1      # 1 # 0 # 4 # 1",
        "a=1; b=; c=3                           # 1      # <none> # 1      # 1 # 0 # 3 # 1",
    })
    void responseCookies(String setCookies, String a, String b, String any, long countA, long countB, long count,
                         String integerA) {
        String[] fields = setCookies.split("~");
        String[] headers = new String[fields.length];
        for (int i = 0; i < fields.length; i++) {
            headers[i] = "Set-Cookie: " + fields[i];
        }
        response(HttpVersion.HTTP_1_1, 200, headers);
        assertEquals(a, text(one("res.cook(a)")), "res.cook(a)");
        assertEquals(b, text(one("scook(b)")), "scook(b)");
        assertEquals(any, text(one("res.cook")), "res.cook");
        assertEquals("sint(" + countA + ")", one("res.cook_cnt(a)"), "res.cook_cnt(a)");
        assertEquals("sint(" + countB + ")", one("scook_cnt(b)"), "scook_cnt(b)");
        assertEquals("sint(" + count + ")", one("res.cook_cnt"), "res.cook_cnt");
        assertEquals(integerA, text(one("res.cook_val(a)")), "res.cook_val(a)");
    }

    @Test
    void responseCookiesForAcls() {
        // haproxy 2.6: { res.cook(a) -m str 1 } matches over two Set-Cookie fields.
        response(HttpVersion.HTTP_1_1, 200, "Set-Cookie: a=1", "Set-Cookie: a=2");
        assertEquals("str(1) str(2)", all("res.cook(a)"));
        // haproxy 2.6: { res.cook -m str 2 } matches "a=1; b=2", { res.cook(b) -m str 2 } does not.
        response(HttpVersion.HTTP_1_1, 200, "Set-Cookie: a=1; b=2");
        assertEquals("str(1) str(2)", all("res.cook"));
        assertEquals("", all("res.cook(b)"));
        // res.cook_names (haproxy 2.9) names the cookies, not their attributes.
        response(HttpVersion.HTTP_1_1, 200, "Set-Cookie: a=1; Path=/", "Set-Cookie: b=2; HttpOnly");
        assertEquals("str(a,b)", one("res.cook_names"));
    }

    @Test
    void responseCaptures() {
        response(HttpVersion.HTTP_1_1, 200);
        context.responseCaptures().add("v");
        assertEquals("str(v)", one("capture.res.hdr(0)"));
        assertEquals("<none>", one("capture.res.hdr(1)"));
    }

    @Test
    void phasesFollowHaproxy() {
        // haproxy 2.6: res.hdr, res.cook and res.ver are refused in log-format and request rules,
        // taken in http-response and http-after-response; status and capture.res.* work in logs.
        // HAProxy 3.x keeps res.ver for the whole stream (SMP_USE_HRSHP): logs may read it.
        for (String name : List.of("res.hdr", "res.cook", "res.hdrs", "shdr", "scook")) {
            FetchDefinition fetch = registry.fetch(name).orElseThrow();
            assertTrue(fetch.usableIn().contains(Phase.HTTP_RESPONSE), name);
            assertTrue(fetch.usableIn().contains(Phase.HTTP_AFTER_RESPONSE), name);
            assertFalse(fetch.usableIn().contains(Phase.HTTP_REQUEST), name);
            assertFalse(fetch.usableIn().contains(Phase.LOG), name);
        }
        for (String name : List.of("status", "capture.res.hdr", "capture.res.ver", "res.ver")) {
            FetchDefinition fetch = registry.fetch(name).orElseThrow();
            assertTrue(fetch.usableIn().contains(Phase.LOG), name);
            assertFalse(fetch.usableIn().contains(Phase.HTTP_REQUEST), name);
        }
    }
}
