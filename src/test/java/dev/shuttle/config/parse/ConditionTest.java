package dev.shuttle.config.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.version.Version;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Conditions as {@code -cc} and {@code .if} see them; "2.6:" marks a case checked with {@code haproxy -cc}. */
class ConditionTest {
    private final Variables variables = Variables.of(Map.of("A", "xx", "B", "b1 b2", "E", "", "ONE", "1", "ZERO", "0"));

    /** A context with known answers, so that tests do not depend on Shuttle's feature list. */
    private record FixedContext(Variables variables, Set<String> features, Set<String> options, String version)
            implements ConditionContext {
        @Override
        public boolean isDefined(String name) {
            return variables.isDefined(name);
        }

        @Override
        public boolean hasFeature(String name) {
            return features.contains(name);
        }

        @Override
        public boolean isEnabled(String option) {
            return options.contains(option);
        }

        @Override
        public String compatibilityVersion() {
            return version;
        }
    }

    private ConditionContext context(String version) {
        return new FixedContext(variables, Set.of("THREAD", "OPENSSL"), Set.of("EPOLL"), version);
    }

    private boolean evaluate(String expression) throws ConditionException {
        return Condition.evaluate(expression, variables, context("3.1.0"));
    }

    private ConditionException failure(String expression) {
        return assertThrows(ConditionException.class, () -> evaluate(expression));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // 2.6: every line of this table gives the same answer with haproxy -cc.
        "''        | false",
        "0         | false",
        "1         | true",
        "2         | true",
        "-1        | true",
        "+1        | true",
        "00        | false",
        "-0        | false",
        "0x1       | true",
        "0x10      | true",
        "017       | true",
        "'\"1\"'   | true",
        "'\"0\"'   | false",
        "'\" 1\"'  | true",
        "'\"$ONE\"'  | true",
        "'\"$ZERO\"' | false",
        "'\"$E\"'  | false",
    })
    void integersAndEmptyText(String expression, boolean expected) throws Exception {
        assertEquals(expected, evaluate(expression));
    }

    @Test
    void negation() throws Exception {
        assertTrue(evaluate("!0"));
        assertTrue(evaluate("! 0"));
        assertTrue(evaluate("!!1"));
        assertFalse(evaluate("!!0"));
        assertTrue(evaluate("!(0)"));
        assertTrue(evaluate("! ( 0 ) "));
        assertTrue(evaluate("! defined(NOPE)"));
    }

    @Test
    void andBindsTighterThanOr() throws Exception {
        // "A && B || C && D" is "(A && B) || (C && D)" (manual section 2.4).
        assertTrue(evaluate("1 || 0 && 0"));
        assertTrue(evaluate("0 && 0 || 1"));
        assertFalse(evaluate("0 || 1 && 0"));
        assertTrue(evaluate("1 && 1 || 0 && 0"));
        assertFalse(evaluate("( 0 || 1 ) && 0"));
        assertTrue(evaluate("(1 && 0) || (0 || 1)"));
        assertTrue(evaluate("!defined(NOPE) && 0 || 1"));
        assertFalse(evaluate("1&&0"));
        assertTrue(evaluate("0||1"));
    }

    @Test
    void nestedParentheses() throws Exception {
        assertTrue(evaluate("((1))"));
        assertTrue(evaluate("( 1 )"));
        assertFalse(evaluate("((1 && (0 || (0))))"));
        assertTrue(evaluate("(((0) || ((1) && !(0))))"));
    }

    @Test
    void definedIgnoresTheValue() throws Exception {
        assertTrue(evaluate("defined(A)"));
        assertTrue(evaluate("defined(E)"));
        assertFalse(evaluate("defined(NOPE)"));
        // 2.6: the argument keeps its blanks, so " A" is another name.
        assertFalse(evaluate("defined( A)"));
        // 2.6: without parentheses, or with nothing in them, the name is empty: false.
        assertFalse(evaluate("defined"));
        assertFalse(evaluate("defined()"));
    }

    @Test
    void definedSeesVariablesAsTheyAreNow() throws Exception {
        Variables changing = Variables.of(Map.of());
        ConditionContext standard = ConditionContext.standard(changing);
        assertFalse(Condition.evaluate(List.of("defined(LATER)"), standard));
        changing.set("LATER", "");
        assertTrue(Condition.evaluate(List.of("defined(LATER)"), standard));
    }

    @Test
    void featureIsCaseSensitive() throws Exception {
        assertTrue(evaluate("feature(THREAD)"));
        // 2.6: feature(lua) is false on a build showing +LUA.
        assertFalse(evaluate("feature(thread)"));
        assertFalse(evaluate("feature(LUA)"));
    }

    @Test
    void standardContextAnswersForShuttle() throws Exception {
        ConditionContext standard = ConditionContext.standard(variables);
        assertTrue(standard.hasFeature("THREAD"));
        assertFalse(standard.hasFeature("thread"));
        assertFalse(standard.hasFeature("OPENSSL"));
        assertFalse(standard.hasFeature(""));
        assertEquals(Version.HAPROXY_COMPATIBILITY, standard.compatibilityVersion());
        for (String option : List.of("POLL", "EPOLL", "KQUEUE", "EVPORTS", "SPLICE", "GETADDRINFO", "REUSEPORT",
                "FAST-FORWARD", "SERVER-SSL-VERIFY-NONE")) {
            assertFalse(standard.isEnabled(option), option);
        }
        assertTrue(Condition.evaluate("version_atleast(2.5-dev0)", variables, standard));
        assertFalse(Condition.evaluate("version_before(" + Version.HAPROXY_COMPATIBILITY + ")", variables, standard));
    }

    @Test
    void stringComparisons() throws Exception {
        assertTrue(evaluate("streq(a,a)"));
        assertFalse(evaluate("streq(a,b)"));
        assertTrue(evaluate("strneq(a,b)"));
        assertFalse(evaluate("strneq(a,a)"));
        assertTrue(evaluate("strstr(abc,b)"));
        assertFalse(evaluate("strstr(b,abc)"));
        assertTrue(evaluate("strstr(abc,)"));
        assertTrue(evaluate("streq(,)"));
        assertTrue(evaluate("strneq(\"$A\",)"));
    }

    @Test
    void variablesExpandOnlyInDoubleQuotes() throws Exception {
        // 2.6: streq("$A",xx) is true, streq($A,xx) is false.
        assertTrue(evaluate("streq(\"$A\",xx)"));
        assertFalse(evaluate("streq($A,xx)"));
        assertTrue(evaluate("streq(\"${B[*]}\",\"b1 b2\")"));
    }

    @Test
    void argumentsMayContainBlanks() throws Exception {
        // 2.6: the words are joined with one space before parsing, so blanks survive unquoted.
        assertTrue(evaluate("streq(a b,a b)"));
        assertTrue(evaluate("streq(\"a b\",\"a b\")"));
        assertFalse(Condition.evaluate(List.of("streq(a  b,a", "b)"), context("3.1.0")));
        assertTrue(Condition.evaluate(List.of("streq(a  b,a  b)"), context("3.1.0")));
        assertTrue(evaluate("streq(' a',' a')"));
        assertFalse(evaluate("streq(' a','a')"));
    }

    @Test
    void argumentsHaveTheirOwnQuotes() throws Exception {
        // 2.6: quotes that survive the line reach the argument parser and protect commas.
        assertTrue(evaluate("streq(\\\"a,b\\\",\\\"a,b\\\")"));
        assertTrue(evaluate("streq('\"a,b\"','\"a,b\"')"));
        assertTrue(evaluate("streq('x\"a b\"y','xa by')"));
        assertTrue(evaluate("streq(\"'a\\\"b'\",'a\\\"b')"));
        // 2.6: at that level \\ is one backslash and \t a tab, but \, is no escape.
        assertTrue(evaluate("streq('\"a\\\\b\"','a\\b')"));
        assertTrue(evaluate("streq('a\\tb',\"a\\tb\")"));
        assertTrue(evaluate("streq('a\\ b','a b')"));
        assertFalse(evaluate("defined(\\A)"));
    }

    @Test
    void unknownWordsAreErrors() {
        ConditionException foo = failure("foo");
        assertEquals("unparsable conditional expression 'foo'", foo.getMessage());
        assertEquals(0, foo.position());
        assertEquals("unparsable conditional expression 'foo('", failure("foo(").getMessage());
        assertEquals("unparsable conditional expression 'yes'", failure("yes").getMessage());
        assertEquals("unparsable conditional expression 'definedx(A)'", failure("definedx(A)").getMessage());
        assertEquals("unparsable conditional expression '$A'", failure("$A").getMessage());
        assertEquals("unparsable conditional expression '- 1'", failure("- 1").getMessage());
    }

    @Test
    void syntaxErrorsAreFoundEvenWhereEvaluationWouldNotGo() {
        // 2.6: the whole expression is parsed first.
        assertEquals("unparsable conditional expression 'foo'", failure("(1) || foo").getMessage());
        assertEquals("unparsable conditional expression 'foo('", failure("1 || foo(").getMessage());
        assertEquals("unparsable conditional expression 'foo('", failure("0 && foo(").getMessage());
    }

    @Test
    void danglingOperators() {
        // 2.6: these exact texts.
        assertEquals("unparsable conditional expression '!'", failure("!").getMessage());
        assertEquals("unparsable conditional expression '&&'", failure("1 &&").getMessage());
        assertEquals("unparsable conditional expression '&& 1'", failure("&& 1").getMessage());
        assertEquals("unparsable conditional expression '1 ||'", failure("1 ||").getMessage());
        assertEquals("unparsable conditional expression 'defined(A)||'", failure("defined(A)||").getMessage());
        assertEquals("unparsable conditional expression '&& 1 &&'", failure("1 && 1 &&").getMessage());
        assertEquals("unparsable conditional expression '&& 1 &&'", failure("0 || 1 && 1 &&").getMessage());
        assertEquals("unparsable conditional expression '& 1'", failure("1 &&& 1").getMessage());
        assertEquals("unparsable conditional expression ')'", failure("()").getMessage());
        assertEquals("unparsable conditional expression ')'", failure("(1 ||)").getMessage());
    }

    @Test
    void trailingGarbage() {
        // 2.6: these exact texts.
        ConditionException two = failure("1 2");
        assertEquals("unexpected character '2' at the end of conditional expression '1 2'", two.getMessage());
        assertEquals(2, two.position());
        assertEquals("unexpected character 'a' at the end of conditional expression '1a'", failure("1a").getMessage());
        assertEquals("unexpected character '8' at the end of conditional expression '08'", failure("08").getMessage());
        assertEquals("unexpected character 'x' at the end of conditional expression '0x'", failure("0x").getMessage());
        assertEquals("unexpected character ')' at the end of conditional expression '1)'", failure("1)").getMessage());
        assertEquals("unexpected character '|' at the end of conditional expression '1 |'", failure("1 |").getMessage());
        assertEquals("unexpected character '&' at the end of conditional expression '1 & 1'",
                failure("1 & 1").getMessage());
        assertEquals("unexpected character '(' at the end of conditional expression 'defined (A)'",
                failure("defined (A)").getMessage());
        assertEquals("unexpected character 'd' at the end of conditional expression 'defined(A) defined(B)'",
                failure("defined(A) defined(B)").getMessage());
        assertEquals("unexpected character '#' at the end of conditional expression '1 # foo'",
                failure("1 # foo").getMessage());
    }

    @Test
    void unclosedParenthesis() {
        ConditionException open = failure("(1 || 0");
        assertEquals("expected ')' after conditional expression '(1 || 0'", open.getMessage());
        assertEquals(0, open.position());
        assertEquals("expected ')' after conditional expression '(1'", failure("(1").getMessage());
    }

    @Test
    void predicateArgumentErrors() {
        // 2.6: these exact texts, "argument 1" included whatever argument is at fault.
        String tail = " in argument 1 of predicate '%s' used in conditional expression";
        assertEquals("missing arguments (got 1/2), type 'string' expected" + tail.formatted("streq"),
                failure("streq(a)").getMessage());
        assertEquals("missing arguments (got 1/2), type 'string' expected" + tail.formatted("streq"),
                failure("streq()").getMessage());
        assertEquals("missing arguments (got 1/2), type 'string' expected" + tail.formatted("streq"),
                failure("streq").getMessage());
        assertEquals("missing arguments (got 1/2), type 'string' expected" + tail.formatted("streq"),
                failure("streq(a").getMessage());
        assertEquals("expected ')'" + tail.formatted("streq"), failure("streq(a,").getMessage());
        assertEquals("expected ')'" + tail.formatted("defined"), failure("defined(A").getMessage());
        assertEquals("expected ')' before ',B)'" + tail.formatted("defined"), failure("defined(A,B)").getMessage());
        assertEquals("expected ')' before ',c)'" + tail.formatted("streq"), failure("streq(a,b,c)").getMessage());
        assertEquals("expected ')' before ',c,d)'" + tail.formatted("streq"), failure("streq(a,b,c,d)").getMessage());
        assertEquals("expected ')' before ',)'" + tail.formatted("streq"), failure("streq(,,)").getMessage());
        // 2.6: a quote that survives the line and is never closed runs to the end.
        assertEquals("expected ')'" + tail.formatted("streq"), failure("streq(\\\"a\\\"b,a\\\"b)").getMessage());
    }

    @Test
    void errorsRenderLikeAConfigurationFileError() throws Exception {
        // 2.6, config line '.if 1 2'.
        ConditionException two = assertThrows(ConditionException.class,
                () -> Condition.evaluate(LineTokenizer.tokenize("1 2", variables), context("3.1.0")));
        assertEquals("unexpected character '2' at the end of conditional expression '1 2' in '.if' at position 3:\n"
                + "  .if 1 2\n"
                + "        ^", two.describeIn(".if"));
        // 2.6, config line '.if streq("a,b",x)': quotes are gone before the condition is parsed.
        ConditionException comma = assertThrows(ConditionException.class,
                () -> Condition.evaluate(LineTokenizer.tokenize("streq(\"a,b\",x)", variables), context("3.1.0")));
        assertEquals("expected ')' before ',x)' in argument 1 of predicate 'streq' used in conditional expression"
                + " in '.if' at position 10:\n  .if streq(a,b,x)\n               ^", comma.describeIn(".if"));
        // 2.6, config line '.elif foo('.
        ConditionException foo = assertThrows(ConditionException.class,
                () -> Condition.evaluate(List.of("foo("), context("3.1.0")));
        assertEquals("unparsable conditional expression 'foo(' in '.elif' at position 1:\n  .elif foo(\n        ^",
                foo.describeIn(".elif"));
        // 2.6, '.if streq(a"b,a"b)' after tokenizing: the missing argument is reported at ')'.
        assertEquals(13, assertThrows(ConditionException.class,
                () -> Condition.evaluate(List.of("streq(a\"b,a\"b)"), context("3.1.0"))).position());
    }

    @Test
    void lineThatCannotBeTokenizedIsAConditionError() {
        ConditionException quote = failure("\"abc");
        assertInstanceOf(TokenizeException.class, quote.getCause());
        assertEquals("unmatched quote", quote.getMessage());
        assertEquals(-1, quote.position());
        assertEquals("unmatched quote", quote.describeIn(".if"));
    }

    @Test
    void enabledAsksTheContext() throws Exception {
        assertTrue(evaluate("enabled(EPOLL)"));
        assertFalse(evaluate("enabled(epoll)"));
        assertFalse(evaluate("enabled(POLL)"));
    }

    @Test
    void tlsLibraryPredicatesAreFalseWithoutOne() throws Exception {
        assertFalse(evaluate("openssl_version_atleast(1.0.0)"));
        assertFalse(evaluate("openssl_version_before(9.0.0)"));
        assertFalse(evaluate("ssllib_name_startswith(OpenSSL)"));
    }

    @ParameterizedTest
    @CsvSource({
        // current, asked, version_atleast(asked), version_before(asked)
        // 2.6 (answering as 2.6.12-1+deb12u4, read as 2.6.12): the first nine rows.
        "2.6.12, 2.6,             true,  false",
        "2.6.12, 2.7,             false, true",
        "2.6.12, 2.6-dev0,        true,  false",
        "2.6.12, 2.6.12,          true,  false",
        "2.6.12, 2.6.13,          false, true",
        "2.6.12, 2.6.12-1,        false, true",
        "2.6.12, 2.6.12-rc9,      true,  false",
        "2.6.12, 2,               true,  false",
        "2.6.12, 3,               false, true",
        "2.6.12, 2.6.12.1,        false, true",
        "2.6.12, 2.6.12-1+deb12u4, true, false",
        "2.5,    2.5-dev0,        true,  false",
        "2.5-dev0, 2.5,           false, true",
        "2.5,    2.5.1,           false, true",
        "2.5-dev3, 2.5-dev12,     false, true",
        "2.5-rc1, 2.5-dev12,      true,  false",
        "2.5-pre2, 2.5-rc1,       true,  false",
        "2.5-rc1, 2.5-pre2,       false, true",
        "2.5-rc2, 2.5-pre2,       true,  false",
        "2.5-3,  2.5,             true,  false",
        "2.5-3,  2.5.1,           false, true",
        "2.4-dev18-f6818d-20, 2.4-dev18-21, false, true",
        "3.1.0,  2.5-dev0,        true,  false",
        "3.1.0,  3.1,             true,  false",
        "3.1.0,  3.1.1,           false, true",
        "3.1.0,  3.2-dev0,        false, true",
    })
    void versionOrdering(String current, String asked, boolean atLeast, boolean before) throws Exception {
        assertEquals(atLeast, Condition.evaluate(List.of("version_atleast(" + asked + ")"), context(current)));
        assertEquals(before, Condition.evaluate(List.of("version_before(" + asked + ")"), context(current)));
    }

    @Test
    void unreadableVersionIsNeverNewer() throws Exception {
        // 2.6: version_atleast(abc), version_atleast() and version_atleast are true; version_before false.
        for (String asked : List.of("version_atleast(abc)", "version_atleast()", "version_atleast",
                "version_atleast(2.6.x)", "version_atleast(2.6-devx)")) {
            assertTrue(evaluate(asked), asked);
        }
        for (String asked : List.of("version_before(abc)", "version_before()", "version_before")) {
            assertFalse(evaluate(asked), asked);
        }
    }
}
