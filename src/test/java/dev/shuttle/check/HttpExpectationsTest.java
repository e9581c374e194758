package dev.shuttle.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.config.HttpCheckExpect;
import dev.shuttle.config.HttpCheckExpect.Match;
import dev.shuttle.config.TcpCheckRule;
import dev.shuttle.pattern.StandardRegistry;
import dev.shuttle.sample.CompileScope;
import dev.shuttle.sample.LogFormat;
import dev.shuttle.sample.SampleCompileException;
import dev.shuttle.sample.SampleCompiler;
import dev.shuttle.sample.SampleExpression;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Each kind of {@code http-check expect}, its negation, the default rule and disable-on-404. */
class HttpExpectationsTest {
    private static HttpCheckResponse response(int status, String reason, String body) {
        return new HttpCheckResponse(status, reason, body.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String judge(List<HttpCheckExpect> expects, boolean disableOn404, HttpCheckResponse response) {
        CheckOutcome outcome = new HttpExpectations(expects, disableOn404).evaluate(response);
        return outcome.status() + " " + outcome.code() + (outcome.info().isEmpty() ? "" : " " + outcome.info());
    }

    private static List<HttpCheckExpect> expect(Match match, boolean negated, String pattern) {
        return List.of(new HttpCheckExpect(match, negated, pattern));
    }

    @Test
    void withoutRulesTwoAndThreeHundredsPass() {
        assertEquals("L7OK 200", judge(List.of(), false, response(200, "OK", "")));
        assertEquals("L7OK 302", judge(List.of(), false, response(302, "Found", "")));
        assertEquals("L7STS 500 Internal Server Error", judge(List.of(), false, response(500, "Internal Server Error", "")));
        assertEquals("L7STS 404 Not Found", judge(List.of(), false, response(404, "Not Found", "")));
    }

    @Test
    void disableOn404MakesA404AConditionalPassBeforeAnyRule() {
        assertEquals("L7OKC 404", judge(List.of(), true, response(404, "Not Found", "")));
        assertEquals("L7OKC 404", judge(expect(Match.STATUS, false, "200"), true, response(404, "Not Found", "")));
        assertEquals("L7STS 503 Service Unavailable", judge(List.of(), true, response(503, "Service Unavailable", "")));
    }

    @Test
    void statusTakesCodesAndRanges() {
        List<HttpCheckExpect> rule = expect(Match.STATUS, false, "200,301-399");
        assertEquals("L7OK 200", judge(rule, false, response(200, "OK", "")));
        assertEquals("L7OK 302", judge(rule, false, response(302, "Found", "")));
        assertEquals("L7STS 204 No Content", judge(rule, false, response(204, "No Content", "")));
        assertEquals("L7OK 500", judge(expect(Match.STATUS, false, "500"), false, response(500, "x", "")));
    }

    @Test
    void negatedStatusFailsOnTheCode() {
        List<HttpCheckExpect> rule = expect(Match.STATUS, true, "500");
        assertEquals("L7STS 500 Internal Server Error", judge(rule, false, response(500, "Internal Server Error", "")));
        assertEquals("L7OK 404", judge(rule, false, response(404, "Not Found", "")));
    }

    @Test
    void rstatusMatchesTheCodeAsText() {
        List<HttpCheckExpect> rule = expect(Match.RSTATUS, false, "^2");
        assertEquals("L7OK 204", judge(rule, false, response(204, "No Content", "")));
        assertEquals("L7STS 404 Not Found", judge(rule, false, response(404, "Not Found", "")));
        assertEquals("L7OK 404", judge(expect(Match.RSTATUS, true, "^2"), false, response(404, "Not Found", "")));
    }

    @Test
    void stringAndRstringSearchTheBody() {
        assertEquals("L7OK 200", judge(expect(Match.STRING, false, "ready"), false, response(200, "OK", "all ready")));
        assertEquals("L7RSP -1 HTTP content check did not match",
                judge(expect(Match.STRING, false, "ready"), false, response(200, "OK", "busy")));
        assertEquals("L7RSP -1 HTTP check matched unwanted content",
                judge(expect(Match.STRING, true, "hello"), false, response(200, "OK", "hello world")));
        assertEquals("L7OK 200", judge(expect(Match.STRING, true, "hello"), false, response(200, "OK", "bye")));
        assertEquals("L7OK 200", judge(expect(Match.RSTRING, false, "v[0-9]+\\.ok"), false, response(200, "OK", "v12.ok")));
        assertEquals("L7RSP -1 HTTP content check did not match",
                judge(expect(Match.RSTRING, false, "^ok$"), false, response(200, "OK", "not ok")));
    }

    @Test
    void aBodyRuleWithoutABodySaysSo() {
        assertEquals("L7RSP -1 HTTP content check could not find a response body",
                judge(expect(Match.STRING, false, "x"), false, response(200, "OK", "")));
    }

    @Test
    void everyRuleMustPassAndTheFirstFailureIsReported() {
        List<HttpCheckExpect> rules = List.of(new HttpCheckExpect(Match.STATUS, false, "200"),
                new HttpCheckExpect(Match.STRING, false, "up"));
        assertEquals("L7OK 200", judge(rules, false, response(200, "OK", "up")));
        assertEquals("L7STS 503 Busy", judge(rules, false, response(503, "Busy", "up")));
        assertEquals("L7RSP -1 HTTP content check did not match", judge(rules, false, response(200, "OK", "down")));
    }

    private static HttpCheckResponse withHeaders(int status, String reason, String... fields) {
        List<String[]> headers = new ArrayList<>();
        for (int i = 0; i < fields.length; i += 2) {
            headers.add(new String[] {fields[i], fields[i + 1]});
        }
        return new HttpCheckResponse(status, reason, new byte[0], headers);
    }

    private static List<HttpCheckExpect> header(Match match, boolean negated, HttpCheckExpect.Method nameMethod,
                                                String name, HttpCheckExpect.Method valueMethod, String value) {
        return List.of(new HttpCheckExpect(match, negated, name, Optional.empty(), Optional.of(
                new HttpCheckExpect.HeaderPattern(nameMethod, name, Optional.empty(), Optional.ofNullable(valueMethod),
                        value == null ? "" : value, Optional.empty())), TcpCheckRule.ExpectOptions.NONE));
    }

    @Test
    void hdrMatchesANameAndOneOfItsCommaSeparatedValues() {
        HttpCheckResponse response = withHeaders(200, "OK", "Content-Type", "text/plain", "X-Tags", "a, blue, c");
        HttpCheckExpect.Method str = HttpCheckExpect.Method.STR;
        assertEquals("L7OK 200", judge(header(Match.HDR, false, str, "content-type", null, null), false, response));
        assertEquals("L7OK 200", judge(header(Match.HDR, false, str, "x-tags", str, "blue"), false, response));
        assertEquals("L7STS 200 OK", judge(header(Match.FHDR, false, str, "x-tags", str, "blue"), false, response));
        assertEquals("L7OK 200", judge(header(Match.FHDR, false, str, "x-tags", HttpCheckExpect.Method.END, "blue, c"),
                false, response));
        assertEquals("L7OK 200", judge(header(Match.HDR, false, HttpCheckExpect.Method.BEG, "content-",
                HttpCheckExpect.Method.SUB, "plain"), false, response));
        assertEquals("L7OK 200", judge(header(Match.HDR, false, HttpCheckExpect.Method.REG, "^X-T",
                HttpCheckExpect.Method.REG, "^bl"), false, response));
        assertEquals("L7STS 200 OK", judge(header(Match.HDR, false, str, "x-missing", null, null), false, response));
        assertEquals("L7STS 200 OK", judge(header(Match.HDR, true, str, "x-tags", null, null), false, response));
    }

    @Test
    void theOptionsOfARuleGiveTheStatusDescriptionAndCode() throws Exception {
        TcpCheckRule.ExpectOptions failing = new TcpCheckRule.ExpectOptions(-1, Optional.empty(), Optional.of("L7RSP"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("the status"));
        assertEquals("L7RSP -1 Service Unavailable comment: the status", judge(List.of(new HttpCheckExpect(Match.STATUS,
                false, "200", Optional.empty(), Optional.empty(), failing)), false, response(503, "Service Unavailable", "")));
        TcpCheckRule.ExpectOptions passing = new TcpCheckRule.ExpectOptions(-1, Optional.of("L7OKC"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        assertEquals("L7OKC 200", judge(List.of(new HttpCheckExpect(Match.STATUS, false, "200"),
                new HttpCheckExpect(Match.STRING, false, "up", Optional.empty(), Optional.empty(), passing)), false,
                response(200, "OK", "all up")));
        assertEquals("L7RSP -1 HTTP content check could not find a response body", judge(expect(Match.STRING, true, "x"),
                false, response(200, "OK", "")));
    }

    @Test
    void onErrorAndStatusCodeReadTheResponse() throws Exception {
        Function<String, SampleExpression> compile = text -> {
            try {
                return SampleCompiler.compile(text, StandardRegistry.get(), CompileScope.STANDALONE);
            } catch (SampleCompileException e) {
                throw new IllegalStateException(e);
            }
        };
        LogFormat onError = LogFormat.compile("%[status]: %[res.hdr(x-reason)]", compile::apply, LogFormat.Mode.TEXT);
        TcpCheckRule.ExpectOptions options = new TcpCheckRule.ExpectOptions(-1, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(onError), Optional.of(compile.apply("res.hdr(x-code)")),
                Optional.empty());
        assertEquals("L7STS 42 503: draining", judge(List.of(new HttpCheckExpect(Match.STATUS, false, "200",
                Optional.empty(), Optional.empty(), options)), false,
                withHeaders(503, "Unavailable", "X-Reason", "draining", "X-Code", "42")));
    }

    @Test
    void theSampleContextIsMadeOnlyForARuleThatReadsIt() throws Exception {
        java.util.concurrent.atomic.AtomicInteger made = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.Supplier<dev.shuttle.sample.SampleContext> counting = () -> {
            made.incrementAndGet();
            return new dev.shuttle.sample.SampleContext(null, null, null, "", dev.shuttle.sample.VariableStore.local());
        };
        new HttpExpectations(expect(Match.STATUS, false, "200"), false, counting).evaluate(response(200, "OK", ""));
        new HttpExpectations(expect(Match.STRING, false, "up"), false, counting).evaluate(response(200, "OK", "up"));
        assertEquals(0, made.get(), "a fixed status or string rule judges without a sample context");
        TcpCheckRule.ExpectOptions options = new TcpCheckRule.ExpectOptions(-1, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(SampleCompiler.compile(
                        "res.hdr(x-code)", StandardRegistry.get(), CompileScope.STANDALONE)), Optional.empty());
        CheckOutcome outcome = new HttpExpectations(List.of(new HttpCheckExpect(Match.STATUS, false, "200",
                Optional.empty(), Optional.empty(), options)), false, counting)
                .evaluate(withHeaders(503, "Unavailable", "X-Code", "42"));
        assertEquals(42, outcome.code(), "a status-code expression reads the response");
        assertEquals(1, made.get(), "one context per check, made when first needed");
    }
}
