package dev.shuttle.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Expected values were captured from haproxy 2.6.12 (Debian), with
 * {@code lf-string "%[req.fhdr(x-a),language(...)]"} and the input sent as header X-A.
 */
class LanguageConvertersTest {
    private final SampleConvertersTest.Harness h = new SampleConvertersTest.Harness(LanguageConverters::register);

    private String run(String input, String values) {
        return h.text("language", Sample.str(input), values);
    }

    private String run(String input, String values, String fallback) {
        return h.text("language", Sample.str(input), values, fallback);
    }

    @Test
    void highestQWinsAndTheFirstOfEqualOnes() {
        assertEquals("fr", run("de;q=0.5, fr;q=0.7", "en;fr;de"));
        assertEquals("de", run("de, fr", "en;fr;de"));
        assertEquals("fr", run("fr, de", "en;fr;de"));
        assertEquals("de", run("de;q=0.5,fr;q=0.5", "en;fr;de"));
        assertEquals("fr", run("fr;q=0.50, de;q=0.5", "en;fr;de"));
        assertEquals("fr", run("fr;q=0.05, de;q=0.049", "en;fr;de"));
        assertEquals("fr", run("fr;q=0.1, de;q=0.10001", "en;fr;de"), "three decimals only");
        assertEquals("fr", run("  fr  ,de", "en;fr;de"));
        assertEquals("fr", run(",,fr", "en;fr;de"));
    }

    @Test
    void variantsFallBackToTheBaseLanguageInListOrder() {
        assertEquals("en", run("en-US", "en;fr;de"));
        assertEquals("en-US", run("en-US", "en-US;fr-FR;de"));
        assertEquals("en-US", run("en-US", "en-US;en"));
        assertEquals("en", run("en-US", "en;en-US"), "the first value of the list that matches");
        assertEquals("en-US", run("en-US-x", "en-US"));
        assertEquals("<none>", run("en-USA", "en-US"));
        assertEquals("en", run("en-USA", "en"));
        assertEquals("<none>", run("en", "en-US"));
        assertEquals("de", run("enx, de", "en;fr;de"));
        assertEquals("<none>", run("en_US", "en;fr;de"));
        assertEquals("fr", run("fr-, it", "en;fr;de"));
        assertEquals("en", run("en-US;q=0.5, en;q=0.6", "en-US;en"));
    }

    @Test
    void matchIsCaseSensitiveAndStarIsLiteral() {
        assertEquals("<none>", run("en-us", "en-US"));
        assertEquals("<none>", run("EN", "en;fr;de"));
        assertEquals("EN", run("EN", "EN;fr"));
        assertEquals("*", run("*", "*;en"));
        assertEquals("<none>", run("fr", "*;en"));
        assertEquals("fr", run("*;q=0.5, fr;q=0.4", "en;fr;de"));
    }

    @Test
    void qValuesAsHaproxyReadsThem() {
        assertEquals("de", run("fr;q=0.0, de", "en;fr;de"));
        assertEquals("<none>", run("fr;q=0.0001,de;q=0", "en;fr;de"));
        assertEquals("de", run("fr;q=0.0009, de;q=0.001", "en;fr;de"));
        assertEquals("de", run("fr;q=0x, de;q=0.1", "en;fr;de"), "0 not followed by '.' is 0");
        assertEquals("fr", run("fr;q=0.3, de;q=00.9", "en;fr;de"));
        assertEquals("fr", run("fr;q=2, de", "en;fr;de"), "anything not starting with 0 is 1");
        assertEquals("de", run("de;q=2, fr", "en;fr;de"));
        assertEquals("de", run("fr;q=0.3, de;q=1.5", "en;fr;de"));
        assertEquals("fr", run("fr;q=abc, de;q=0.6", "en;fr;de"));
        assertEquals("fr", run("fr;q=.5, de;q=0.6", "en;fr;de"));
        assertEquals("fr", run("fr;Q=0.5, de;q=0.6", "en;fr;de"), "only a lower-case q");
        assertEquals("fr", run("fr;level=1;q=0.5, de;q=0.6", "en;fr;de"), "only the first parameter");
        assertEquals("de", run("fr;q=0.5;level=1, de;q=0.6", "en;fr;de"));
        assertEquals("fr", run("fr;q=0.5;q=0.1,de;q=0.4", "en;fr;de"));
        assertEquals("de", run("fr ;q=0.5, de;q=0.6", "en;fr;de"));
        assertEquals("de", run("fr; q=0.5, de;q=0.6", "en;fr;de"));
        assertEquals("de", run("fr;q= 0.1, de;q=0.5", "en;fr;de"));
        assertEquals("fr", run("fr ; q = 0.5, de;q=0.4", "en;fr;de"));
        assertEquals("fr", run("fr;q=0.5x, de;q=0.4", "en;fr;de"));
        assertEquals("fr", run("fr;q=", "en;fr;de"));
        assertEquals("fr", run("fr;", "en;fr;de"));
        assertEquals("de", run("fr de, de;q=0.5", "en;fr;de"), "junk after the language drops the entry");
    }

    @Test
    void defaultWhenNothingMatches() {
        assertEquals("zz", run("it", "en;fr;de", "zz"));
        assertEquals("zz", run("", "en;fr;de", "zz"));
        assertEquals("<none>", run("it", "en;fr;de"));
        assertEquals("dd", run("fr", "en-US", "dd"));
        assertEquals("fr", run("fr", "en;fr;de", "zz"));
        // the rules difftest case: req.hdr gives the last value of the header, "fr;q=0.7"
        assertEquals("fr", run("fr;q=0.7", "fr;en"));
        assertEquals("nl", run("fr;q=0.7", "de;it", "nl"));
    }
}
