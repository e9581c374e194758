package dev.shuttle.config.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lines cut into words; "2.6:" marks a case settled by running Debian's haproxy 2.6 on the same line. */
class LineTokenizerTest {
    private final Variables variables = Variables.of(Map.of(
            "A", "xx",
            "B", "b1 b2",
            "C", "  c1   c2  ",
            "D", "d1\t d2",
            "E", "",
            ".LINE", "12"));

    private List<String> words(String line) throws TokenizeException {
        return LineTokenizer.tokenize(line, variables);
    }

    private TokenizeException failure(String line) {
        return assertThrows(TokenizeException.class, () -> words(line));
    }

    @Test
    void blanksSeparateWordsAndRunsCountOnce() throws Exception {
        assertEquals(List.of("bind", ":80", "name", "x"), words("  bind\t :80   name\tx  "));
        assertEquals(List.of(), words(""));
        assertEquals(List.of(), words("   \t "));
    }

    @Test
    void lineTerminatorsAreNotPartOfTheLastWord() throws Exception {
        assertEquals(List.of("mode", "http"), words("mode http\r\n"));
        assertEquals(List.of("mode", "http"), words("mode http\n"));
    }

    @Test
    void hashStartsACommentEvenInsideAWord() throws Exception {
        assertEquals(List.of("setenv", "V", "x"), words("setenv V x  # comment"));
        // 2.6: "x#comment" gives the word x.
        assertEquals(List.of("setenv", "V", "x"), words("setenv V x#comment"));
        assertEquals(List.of(), words("# only a comment"));
    }

    @Test
    void hashIsTextWhenQuotedOrEscaped() throws Exception {
        assertEquals(List.of("a#b", "c#d", "e#f"), words("\"a#b\" 'c#d' e\\#f"));
        // 2.6: "a\#b" inside double quotes is a#b.
        assertEquals(List.of("a#b"), words("\"a\\#b\""));
    }

    @Test
    void backslashEscapesOutsideQuotes() throws Exception {
        assertEquals(List.of("a b", "a\tb", "a\\b", "a'b", "a\"b"), words("a\\ b a\\tb a\\\\b a\\'b a\\\"b"));
        assertEquals(List.of("a\nb\rc"), words("a\\nb\\rc"));
        assertEquals(List.of("a\tb"), words("a\\\tb"));
    }

    @Test
    void hexadecimalEscapesInAnyCase() throws Exception {
        // 2.6: \x41\x4a gives AJ, and "\x4A\x4b" gives JK.
        assertEquals(List.of("AJ", "JK"), words("\\x41\\x4a \"\\x4A\\x4b\""));
        assertEquals(List.of("\u00e9"), words("\\xe9"));
    }

    @Test
    void unknownEscapeKeepsTheBackslash() throws Exception {
        // 2.6: abc\qdef stays abc\qdef, inside double quotes too.
        assertEquals(List.of("abc\\qdef", "a\\qb"), words("abc\\qdef \"a\\qb\""));
        // 2.6: an unquoted \$ is kept as two characters; only double quotes make it an escape.
        assertEquals(List.of("a\\$b", "$A"), words("a\\$b \"\\$A\""));
        // The character after a non-escape is read normally: here a separator.
        assertEquals(List.of("a\\,b"), words("a\\,b"));
    }

    @Test
    void trailingBackslashIsKept() throws Exception {
        // 2.6: ".notice abc\" prints 'abc\'.
        assertEquals(List.of("abc\\"), words("abc\\"));
        assertEquals(List.of("abc\\"), words("abc\\\n"));
    }

    @Test
    void singleQuotesAreLiteral() throws Exception {
        assertEquals(List.of("a \"$A\" \\x41 # ${B}"), words("'a \"$A\" \\x41 # ${B}'"));
        assertEquals(List.of("\\"), words("'\\'"));
    }

    @Test
    void doubleQuotesKeepBlanksAndSingleQuotes() throws Exception {
        assertEquals(List.of("a  b\tc", "a'b"), words("\"a  b\tc\" \"a'b\""));
        assertEquals(List.of("a\"b", "a\\b", "a b"), words("\"a\\\"b\" \"a\\\\b\" \"a\\ b\""));
    }

    @Test
    void quotedAndUnquotedPartsGlue() throws Exception {
        // 2.6: ab"c d"e gives one word, abc de.
        assertEquals(List.of("abc de"), words("ab\"c d\"e"));
        // 2.6: the manual's equivalent log-format spellings.
        String expected = "%{+Q}o %t %s %{-Q}r";
        assertEquals(List.of("log-format", expected), words("log-format %{+Q}o\\ %t\\ %s\\ %{-Q}r"));
        assertEquals(List.of("log-format", expected), words("log-format \"%{+Q}o %t\"' %s %{-Q}r'"));
        assertEquals(List.of("log-format", expected), words("log-format \"%{+Q}o %t\"' %s'\\ %{-Q}r"));
        assertEquals(List.of("a\"b"), words("'a\"b'"));
    }

    @Test
    void emptyQuotesMakeAnEmptyWord() throws Exception {
        // 2.6: '.notice "" b' complains about 'b', so "" is an argument of its own.
        assertEquals(List.of("setenv", "", "x"), words("setenv \"\" x"));
        assertEquals(List.of(""), words("''"));
        assertEquals(List.of("a"), words("a\"\""));
        assertEquals(List.of("a", ""), words("a \"\""));
    }

    @Test
    void variablesExpandOnlyInDoubleQuotes() throws Exception {
        // 2.6: unquoted $A and ${A} stay as written; single quotes too.
        assertEquals(List.of("$A", "${A}", "$A"), words("$A ${A} '$A'"));
        assertEquals(List.of("xx", "xx", "xxxy", "fd@xx"), words("\"$A\" \"${A}\" \"x${A}y\" \"fd@${A}\""));
    }

    @Test
    void unbracedNameEndsAtTheFirstCharacterThatCannotBelongToIt() throws Exception {
        // 2.6: "$A-x" is xx-x, "$A.B" is xx.B.
        assertEquals(List.of("xx-x", "xx.B"), words("\"$A-x\" \"$A.B\""));
    }

    @Test
    void undefinedVariableIsEmptyButStillAWord() throws Exception {
        // 2.6: '.notice "${NOPE}" b' complains about 'b'.
        assertEquals(List.of("", "b"), words("\"${NOPE}\" b"));
        assertEquals(List.of("", ""), words("\"$NOPE\" \"${E}\""));
    }

    @Test
    void defaultValueOnlyForUndefinedVariables() throws Exception {
        assertEquals(List.of("def"), words("\"${NOPE-def}\""));
        assertEquals(List.of("xx"), words("\"${A-def}\""));
        // The manual: the default replaces non-existing variables, not empty ones (2.6 agrees).
        assertEquals(List.of(""), words("\"${E-def}\""));
        assertEquals(List.of("127.0.0.1:514"), words("\"${LOCAL_SYSLOG-127.0.0.1}:514\""));
    }

    @Test
    void defaultValueIsLiteralAndEndsAtTheFirstBrace() throws Exception {
        // 2.6: "${NOPE-$A}" is $A, "${NOPE-}x}" is x}, "${NOPE-a b}" is one word.
        assertEquals(List.of("$A", "x}", "a b", ""), words("\"${NOPE-$A}\" \"${NOPE-}x}\" \"${NOPE-a b}\" \"${NOPE-}\""));
    }

    @Test
    void pseudoVariablesStartWithADotInsideBraces() throws Exception {
        assertEquals(List.of("12"), words("\"${.LINE}\""));
    }

    @Test
    void splittingExpansionMakesSeveralWords() throws Exception {
        assertEquals(List.of("user", "b1", "b2"), words("user \"${B[*]}\""));
        // Without [*] the value stays one word.
        assertEquals(List.of("b1 b2"), words("\"${B}\""));
        // 2.6: text around the reference sticks to the first and last pieces.
        assertEquals(List.of("xb1", "b2y"), words("x\"${B[*]}\"y"));
        assertEquals(List.of("b1", "b2y"), words("\"${B[*]}y\""));
        // 2.6: tabs split too, and a run of blanks separates only once.
        assertEquals(List.of("d1", "d2"), words("\"${D[*]}\""));
    }

    @Test
    void splittingExpansionWithLeadingBlanksEndsTheCurrentWord() throws Exception {
        // 2.6: 'user "${C[*]}"' complains about 'c1', so an empty word comes first.
        assertEquals(List.of("", "c1", "c2"), words("\"${C[*]}\""));
        assertEquals(List.of("x", "c1", "c2"), words("x\"${C[*]}\""));
        assertEquals(List.of("", "c1", "c2", "y"), words("\"${C[*]}\"y"));
        assertEquals(List.of("", "c1", "c2", "xx"), words("\"${C[*]}${A}\""));
    }

    @Test
    void splittingAnEmptyOrUndefinedVariableLeavesAnEmptyWord() throws Exception {
        // 2.6: '.notice "${E[*]}" b' and '.notice "${NOPE[*]}" b' both complain about 'b'.
        assertEquals(List.of("", "b"), words("\"${E[*]}\" b"));
        assertEquals(List.of("", "b"), words("\"${NOPE[*]}\" b"));
    }

    @Test
    void splittingAndDefaultCombine() throws Exception {
        // 2.6: "${NOPE[*]-x}" is x; "${B-def[*]}" is b1 b2 (the default is def[*], unused).
        assertEquals(List.of("x"), words("\"${NOPE[*]-x}\""));
        assertEquals(List.of("b1 b2"), words("\"${B-def[*]}\""));
        assertEquals(List.of("p", "q"), words("\"${NOPE[*]-p q}\""));
    }

    @Test
    void unmatchedQuoteShowsHaproxysMessage() {
        // 2.6, line 'bind "abc' without indentation: position 6, caret under the quote.
        TokenizeException unmatched = failure("bind \"abc");
        assertEquals(5, unmatched.column());
        assertEquals("unmatched quote", unmatched.reason());
        assertEquals("unmatched quote at position 6:\n  bind \"abc\n       ^", unmatched.getMessage());
    }

    @Test
    void positionCountsTheIndentationButTheDisplayDropsIt() {
        // 2.6: four spaces of indentation give position 10, a tab gives position 7; same display.
        String display = "\n  bind \"abc\n       ^";
        assertEquals("unmatched quote at position 10:" + display, failure("    bind \"abc").getMessage());
        assertEquals("unmatched quote at position 7:" + display, failure("\tbind \"abc").getMessage());
    }

    @Test
    void unmatchedSingleQuote() {
        TokenizeException unmatched = failure("  .notice 'abc");
        assertEquals("unmatched quote at position 11:\n  .notice 'abc\n          ^", unmatched.getMessage());
    }

    @Test
    void hashInsideAnOpenQuoteDoesNotCloseIt() {
        assertEquals(2, failure("a \"b # c").column());
    }

    @Test
    void badHexadecimalEscapePointsAtTheBackslash() {
        // 2.6: '  .notice \x4' gives position 11; '  bind  x\x1' gives position 10.
        assertEquals("truncated or invalid hexadecimal sequence at position 11:\n  .notice \\x4\n          ^",
                failure("  .notice \\x4").getMessage());
        assertEquals(9, failure("  bind  x\\x1").column());
        assertEquals(5, failure("bind \\xzz").column());
        assertEquals(6, failure("bind \"\\xg0\"").column());
    }

    @Test
    void unterminatedBracePointsAtTheBrace() {
        // 2.6: 'bind "${A' gives position 8, under the brace.
        TokenizeException brace = failure("bind \"${A");
        assertEquals("unmatched brace in environment variable name at position 8:\n  bind \"${A\n         ^",
                brace.getMessage());
        assertEquals(7, failure("bind \"${A\"").column());
        // 2.6: a dot or a blank inside the name, or junk after [*], leaves the brace unmatched.
        assertEquals(7, failure("bind \"${A.B}\"").column());
        assertEquals(7, failure("bind \"${A B}\"").column());
        assertEquals(7, failure("bind \"${A[*]x}\"").column());
        assertEquals(7, failure("bind \"${NOPE-abc\"").column());
    }

    @Test
    void forbiddenFirstCharacterOfAName() {
        // 2.6: '"$"', '"${"', '"$1A"', '"${1A}"', '"$-"' and an unbraced dot are refused there.
        TokenizeException lone = failure("bind \"$\"");
        assertEquals("forbidden first char in environment variable name", lone.reason());
        assertEquals(7, lone.column());
        assertEquals(8, failure("bind \"${\"").column());
        assertEquals(7, failure("bind \"$1A\"").column());
        assertEquals(8, failure("bind \"${1A}\"").column());
        assertEquals(7, failure("bind \"$-\"").column());
        assertEquals(7, failure("bind \"$.LINE\"").column());
    }

    @Test
    void invalidExpansionSuffix() {
        // 2.6: '"${A[x]}"' points at the bracket.
        TokenizeException suffix = failure("bind \"${A[x]}\"");
        assertEquals("truncated or invalid word expansion sequence", suffix.reason());
        assertEquals(9, suffix.column());
    }

    @Test
    void commandLineTextKeepsTheHash() throws Exception {
        // 2.6: -cc '1 # foo' complains about '#', so -cc has no comments.
        assertEquals(List.of("1", "#", "foo"), LineTokenizer.tokenizeCommandLine("1 # foo", variables));
        assertEquals(List.of("streq(xx,xx)"), LineTokenizer.tokenizeCommandLine("streq(\"$A\",xx)", variables));
    }
}
