package dev.shuttle.sample;

import static dev.shuttle.sample.SampleConvertersTest.var;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Expected values were captured from haproxy 2.6 (lf-string "%[str(...),converter]"), except for param (2.8+). */
class StringConvertersTest {
    private final SampleConvertersTest.Harness h = new SampleConvertersTest.Harness(StringConverters::register);

    private String run(String name, String input, Object... args) {
        return h.text(name, Sample.str(input), args);
    }

    @Test
    void caseAndLengthWorkOnAsciiBytes() {
        assertEquals("HELLO WORLD", run("upper", "Hello World"));
        assertEquals("hello", run("lower", "HeLLo"));
        assertEquals("\u00c9a", run("lower", "\u00c9A"), "only ASCII letters change, as in the C locale");
        assertEquals("0", run("length", ""));
        assertEquals("6", run("length", "h\u00c3\u00a9llo"), "bytes, not characters");
    }

    @Test
    void fieldCountsEmptyFieldsAndFailsPastTheLast() {
        String in = "f1_f2_f3__f5";
        assertEquals("f5", run("field", in, 5L, "_"));
        assertEquals("f2_f3__f5", run("field", in, 2L, "_", 0L));
        assertEquals("f2_f3", run("field", in, 2L, "_", 2L));
        assertEquals("f2_f3_", run("field", in, -2L, "_", 3L));
        assertEquals("f1_f2_f3", run("field", in, -3L, "_", 0L));
        assertEquals("f1_f2_f3_", run("field", in, -2L, "_", 0L));
        assertEquals("", run("field", in, 4L, "_"));
        assertEquals("<none>", run("field", in, 6L, "_"));
        assertEquals("f1", run("field", in, -5L, "_"));
        assertEquals("f1", run("field", in, -5L, "_", 9L));
        assertEquals("<none>", run("field", in, -6L, "_"));
        assertEquals("f1_f2_f3__f5", run("field", in, -1L, "_", 0L));
        assertEquals("b", run("field", "a.b:c", 2L, ".:"));
        assertEquals("", run("field", "_a_", 1L, "_"));
        assertEquals("", run("field", "", 1L, "_"));
        assertEquals("abc", run("field", "abc", 1L, "_"));
        assertEquals("<none>", run("field", "abc", 2L, "_"));
    }

    @Test
    void wordSkipsEmptyWordsAndGivesEmptyPastTheLast() {
        String in = "f1_f2_f3__f5";
        assertEquals("f5", run("word", in, 4L, "_"));
        assertEquals("f2_f3__f5", run("word", in, 2L, "_", 0L));
        assertEquals("f3__f5", run("word", in, 3L, "_", 2L));
        assertEquals("f1_f2_f3", run("word", in, -2L, "_", 3L));
        assertEquals("f1_f2", run("word", in, -3L, "_", 0L));
        assertEquals("f1_f2_f3", run("word", in, -2L, "_", 0L));
        assertEquals("f1", run("word", in, -4L, "_", 9L));
        assertEquals("f1", run("word", "/f1/f2/f3/f4", 1L, "/"));
        assertEquals("f4", run("word", "/f1/f2/f3/f4/", -1L, "/"));
        assertEquals("", run("word", "/f1/f2/f3/f4", 5L, "/"));
        assertEquals("", run("word", "/f1/f2/f3/f4", -5L, "/"));
        assertEquals("", run("word", "___", 1L, "_"));
        assertEquals("b__c", run("word", "a__b__c__", -1L, "_", 2L));
    }

    @Test
    void indexZeroAndNegativeCountAreRefused() {
        assertTrue(h.refused("field", 0L, "_").contains("Unexpected value 0 for index"));
        assertTrue(h.refused("word", 0L, "/").contains("Unexpected value 0 for index"));
        assertTrue(h.refused("word", 1L, "/", -1L).contains("for count"));
    }

    @Test
    void regsubReplacesLikeSed() {
        assertEquals("a-b.c", run("regsub", "a.b.c", Pattern.compile("\\."), "-"));
        assertEquals("a-b-c", run("regsub", "a.b.c", Pattern.compile("\\."), "-", "g"));
        assertEquals("xbxb", run("regsub", "AbAb", Pattern.compile("a"), "x", "gi"));
        assertEquals("AbAb", run("regsub", "AbAb", Pattern.compile("a"), "x", "g"));
        assertEquals("123foo", run("regsub", "foo123", Pattern.compile("(foo|bar)([0-9]+)?"), "\\2\\1", "i"));
        assertEquals("a[b]c", run("regsub", "abc", Pattern.compile("b"), "[\\0]"));
        assertEquals("XaXXcX", run("regsub", "abc", Pattern.compile("b*"), "X", "g"));
        assertEquals("-a-b-c-", run("regsub", "abc", Pattern.compile("x*"), "-", "g"));
        assertEquals("/a/b/c/", run("regsub", "/////a///b/c/", Pattern.compile("/+"), "/", "g"));
        assertEquals("ac", run("regsub", "abc", Pattern.compile("(x)?b"), "\\1"), "a group that did not match is empty");
        assertTrue(h.refused("regsub", Pattern.compile("a"), "b", "gx").contains("invalid regex flag 'x'"));
    }

    @Test
    void concatAppendsConstantsAndAVariable() {
        h.set("txn.s", Sample.str("hello"));
        h.set("txn.n", Sample.sint(3));
        assertEquals("abc<hello>", run("concat", "abc", "<", "txn.s", ">"));
        assertEquals("abchello", run("concat", "abc", "", "txn.s"));
        assertEquals("abc-", run("concat", "abc", "-"));
        assertEquals("abcX", run("concat", "abc", "", "", "X"));
        assertEquals("abc<>", run("concat", "abc", "<", "txn.missing", ">"));
        assertEquals("5:3", h.text("concat", Sample.sint(5), ":", "txn.n"));
        assertTrue(h.refused("concat", "", "nope").contains("invalid variable name"));
    }

    @Test
    void addItemPutsTheDelimiterOnlyBetweenNonEmptyParts() {
        h.set("txn.s", Sample.str("hello"));
        assertEquals("a;helloX", run("add_item", "a", ";", "txn.s", "X"));
        assertEquals("helloX", run("add_item", "", ";", "txn.s", "X"));
        assertEquals("a;X", run("add_item", "a", ";", "txn.missing", "X"));
        assertEquals("a", run("add_item", "a", ";", "txn.missing"));
        assertEquals("", run("add_item", "", ";", "txn.missing"));
        assertEquals("a;X", run("add_item", "a", ";", "", "X"));
        assertEquals("a-hello", run("add_item", "a", "-", "txn.s"));
        assertTrue(h.refused("add_item", ";").contains("expects a variable name, a suffix, or both"));
    }

    @Test
    void strcmpGivesTheByteDifferenceThenTheLengthDifference() {
        h.set("txn.s", Sample.str("hello"));
        h.set("txn.n", Sample.sint(3));
        assertEquals("-7", run("strcmp", "abc", var("txn.s")));
        assertEquals("0", run("strcmp", "hello", var("txn.s")));
        assertEquals("1", run("strcmp", "hellp", var("txn.s")));
        assertEquals("-1", run("strcmp", "hell", var("txn.s")));
        assertEquals("4", run("strcmp", "help", var("txn.s")));
        assertEquals("4", h.text("strcmp", Sample.sint(7), var("txn.n")));
        assertEquals("<none>", run("strcmp", "hello", var("txn.missing")));
    }

    @Test
    void trimsAndCuts() {
        assertEquals("c", run("ltrim", "abc", "ab"));
        assertEquals("abc", run("rtrim", "abcba", "ab"));
        assertEquals("x  ", run("ltrim", "  x  ", " "));
        assertEquals("", run("ltrim", "aaa", "a"));
        assertEquals("ab", run("cut_crlf", "ab"));
        assertEquals("ab", run("cut_crlf", "ab\r\ncd"));
        assertEquals("", run("cut_crlf", "\nab"));
    }

    @Test
    void paramFindsTheFirstNamedSegment() {
        assertEquals("b", run("param", "a=b&c=d&a=r", "a"));
        assertEquals("", run("param", "a&b=c", "a"));
        assertEquals("", run("param", "a=&b&c=a", "b"));
        assertEquals("2", run("param", "a=1;b=2;c=4", "b", ";"));
        assertEquals("<none>", run("param", "ab=1&c=2", "a"));
        assertEquals("x=y", run("param", "a=x=y", "a"));
        assertTrue(h.refused("param", "a", ";;").contains("exactly 1 character"));
    }
}
