package dev.shuttle.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.config.HttpCheckExpect;
import dev.shuttle.config.HttpCheckExpect.Match;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
}
