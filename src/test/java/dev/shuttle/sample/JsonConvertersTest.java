package dev.shuttle.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Expected values were captured from haproxy 2.6.12 (Debian): {@code option http-buffer-request},
 * {@code set-var(txn.r) 'req.body,json_query(...)'} and the body POSTed.
 */
class JsonConvertersTest {
    private final SampleConvertersTest.Harness h = new SampleConvertersTest.Harness(JsonConverters::register);

    private static final String DOC = "{\"a\":\"x\\\"y\",\"b\":{\"c\":\"deep\"},\"n\":42,\"f\":1.5,\"t\":true,"
            + "\"fa\":false,\"nu\":null,\"o\":{\"k\":1},\"arr\":[1,{\"k\":\"v\"},\"s\"],\"s\":\"12\",\"si\":\"12abc\","
            + "\"big\":12345678901234567890,\"neg\":-7,\"e\":\"\",\"my.key\":\"mv\",\"dup\":1,\"dup\":2,\"ff\":2.9,"
            + "\"sp\":\"  pad \",\"negf\":-2.5,\"nested\":{\"arr\":[[1,2],[3]]}}";

    private String q(String json, String path) {
        return h.text("json_query", Sample.str(json), path);
    }

    private String qInt(String json, String path) {
        return h.text("json_query", Sample.str(json), path, "int");
    }

    @Test
    void pathsWithKeysIndexesAndEscapedDots() {
        assertEquals("x\"y", q(DOC, "$.a"));
        assertEquals("deep", q(DOC, "$.b.c"));
        assertEquals("1", q(DOC, "$.arr[0]"));
        assertEquals("v", q(DOC, "$.arr[1].k"));
        assertEquals("2", q(DOC, "$.nested.arr[0][1]"));
        assertEquals("mv", q(DOC, "$.my\\.key"));
        assertEquals("1", q(DOC, "$.dup"), "the first of duplicate keys");
        assertEquals("  pad ", q(DOC, "$.sp"));
        assertEquals("", q(DOC, "$.e"));
        for (String nothing : new String[] {"$.none", "$.arr[5]", "$.arr[-1]", "$['a']", "$.*", "$..c", "$.a.x",
                "$"}) {
            assertEquals("<none>", q(DOC, nothing), nothing);
        }
    }

    @Test
    void typesOfValues() {
        assertEquals("1", q(DOC, "$.t"));
        assertEquals(SampleType.BOOL, h.run("json_query", Sample.str(DOC), "$.fa").orElseThrow().type());
        assertEquals("0", qInt(DOC, "$.fa"));
        assertEquals("<none>", q(DOC, "$.nu"));
        assertEquals("<none>", qInt(DOC, "$.nu"));
        assertEquals("<none>", q(DOC, "$.o"));
        assertEquals("<none>", q(DOC, "$.arr"));
        assertEquals("12abc", qInt(DOC, "$.si"), "strings stay strings with int");
        assertEquals("", qInt(DOC, "$.e"));
        assertEquals(SampleType.SINT, h.run("json_query", Sample.str(DOC), "$.n", "int").orElseThrow().type());
    }

    @Test
    void numbersPrintAsPercentGOrTruncateToInt() {
        assertEquals("42", q(DOC, "$.n"));
        assertEquals("42", qInt(DOC, "$.n"));
        assertEquals("1.5", q(DOC, "$.f"));
        assertEquals("1", qInt(DOC, "$.f"));
        assertEquals("2", qInt(DOC, "$.ff"));
        assertEquals("-2.5", q(DOC, "$.negf"));
        assertEquals("-2", qInt(DOC, "$.negf"));
        assertEquals("-7", qInt(DOC, "$.neg"));
        assertEquals("1.23457e+19", q(DOC, "$.big"));
        assertEquals("<none>", qInt(DOC, "$.big"));
        String[][] cases = {
            {"1234567", "1.23457e+06", "1234567"}, {"123456", "123456", "123456"},
            {"0.000012345", "1.2345e-05", "0"}, {"1e300", "1e+300", "1"}, {"9223372036854775807", "9.22337e+18", null},
            {"9007199254740991", "9.0072e+15", "9007199254740991"}, {"9007199254740992", "9.0072e+15", null},
            {"-9007199254740991", "-9.0072e+15", "-9007199254740991"}, {"-0", "-0", "0"}, {"1.2.3", "1.2", "1"},
            {"1e", "1", "1"}, {"-", "0", "0"}, {"1-2", "1", "1"}, {"1e+2", "100", "1"}, {"--1", "0", "0"},
            {"01", "1", "1"}, {"1.", "1", "1"}, {"1e-2", "0.01", "1"}, {"100000", "100000", "100000"},
            {"1000000", "1e+06", "1000000"}, {"123.456789", "123.457", "123"}, {"2147483648", "2.14748e+09",
            "2147483648"}, {"9.3e18", "9.3e+18", "9"}, {"1e400", "inf", "1"}, {"-1e400", "-inf", "-1"},
        };
        for (String[] c : cases) {
            String json = "{\"a\":" + c[0] + "}";
            assertEquals(c[1], q(json, "$.a"), c[0]);
            assertEquals(c[2] == null ? "<none>" : c[2], qInt(json, "$.a"), c[0] + " int");
        }
    }

    @Test
    void stringEscapes() {
        assertEquals("\n", q("{\"a\":\"\\n\"}", "$.a"));
        assertEquals("\b\f\r", q("{\"a\":\"\\b\\f\\r\"}", "$.a"));
        assertEquals("\t\\", q("{\"a\":\"\\t\\\\\"}", "$.a"));
        assertEquals("A", q("{\"a\":\"\\u0041\"}", "$.a"));
        assertEquals("\u00e9", q("{\"a\":\"\\u00E9\"}", "$.a"), "one byte");
        assertEquals("\u0000x", q("{\"a\":\"\\u0000x\"}", "$.a"));
        assertEquals("<none>", q("{\"a\":\"\\u0100\"}", "$.a"));
        assertEquals("<none>", q("{\"a\":\"\\u4e2d\"}", "$.a"));
        assertEquals("<none>", q("{\"a\":\"\\/\"}", "$.a"));
        assertEquals("<none>", q("{\"a\":\"\\x\"}", "$.a"));
        assertEquals("2", q("{\"b\":\"\\/\",\"a\":2}", "$.a"), "any escape is skipped over");
        assertEquals("\u00c3\u00a9", q("{\"a\":\"\u00c3\u00a9\"}", "$.a"), "raw bytes as they are");
    }

    @Test
    void documentIsReadOnlyUpToTheValueFound() {
        assertEquals("1", q("{\"a\":1,", "$.a"));
        assertEquals("1", q("{\"a\":1}junk", "$.a"));
        assertEquals("1", q(" {\"a\":1}", "$.a"));
        assertEquals("1", q("{\"a\":1 \"b\":2}", "$.a"));
        assertEquals("<none>", q("{\"a\":1 \"b\":2}", "$.b"));
        assertEquals("1", q("{\"b\":1 \"a\":2}", "$.b"));
        assertEquals("<none>", q("{\"b\":[,\"a\":1}", "$.a"));
        assertEquals("<none>", q("xx{\"a\":1}", "$.a"));
        assertEquals("<none>", q("[{\"a\":1}]", "$.a"));
        assertEquals("<none>", q("{\"a\":tru}", "$.a"));
        assertEquals("<none>", q("{\"a\":\"abc", "$.a"));
        assertEquals("<none>", q("{\"a\":.5}", "$.a"));
        assertEquals("<none>", q("{\"a\":+1}", "$.a"));
        assertEquals("<none>", q("{'a':1}", "$.a"));
        assertEquals("<none>", q("{\"a\" 1}", "$.a"));
        assertEquals("<none>", q("{\"c\":nul,\"a\":1}", "$.a"));
        assertEquals("100000", q("{\"a\":1E5,\"b\":nul}", "$.a"));
        assertEquals("3", q("{\"b\":[1,2,{\"c\":[3]}],\"a\":3}", "$.a"));
        assertEquals("c", q("{\"a\":{\"b\":\"c\"},\"b\":3}", "$.a.b"));
        assertEquals("3", q("{\"a\":{\"b\":\"c\"},\"b\":3}", "$.b"));
        assertEquals("<none>", q("", "$.a"));
    }

    @Test
    void argumentChecks() {
        assertEquals("json_path must not be empty.", h.refused("json_query", ""));
        assertEquals("output_type only supports \"int\" as argument.", h.refused("json_query", "$.a", "str"));
        assertEquals("output_type only supports \"int\" as argument.", h.refused("json_query", "$.a", "INT"));
    }
}
