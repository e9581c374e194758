package dev.shuttle.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Argument quoting, escaping, empty arguments and typed values. The quoting cases were run
 * through haproxy 2.6 as {@code lf-string '%[str(...)]'} (single quotes at the top level pass the
 * text to the argument parser untouched) and the body compared.
 */
class ArgumentParserTest {
    private static ArgumentParser.Owner owner(List<ArgType> types, int required) {
        return new ArgumentParser.Owner("f", false, types, required, Arguments.Checker.NONE);
    }

    private static ArgumentParser.Result parse(String text, List<ArgType> types, int required)
            throws SampleCompileException {
        return ArgumentParser.parse(text, 0, owner(types, required), CompileScope.STANDALONE);
    }

    private static String single(String text) throws SampleCompileException {
        return parse(text, List.of(ArgType.STR), 1).arguments().str(0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "('a,b')         | a,b",
        "(\"a,b\")       | a,b",
        "(\"a\\,b\")     | a\\,b",
        "(a\\\\b)        | a\\b",
        "(a\\\"b)        | a\"b",
        "(a\"b\")        | ab",
        "(a\"x,y\"b)     | ax,yb",
        "(\"x y\")       | x y",
        "(a\\ b)         | a b",
        "(a\\x41b)       | a\\x41b",
        "(\"a\\\"b\")    | a\"b",
        "(\"a\\\\b\")    | a\\b",
        "(\"a\\qb\")     | a\\qb",
        "(a\\qb)         | a\\qb",
        "('a\\tb')       | a\\tb",
        "(a\\'b)         | a'b",
        "(a$b#c)         | a$b#c",
    })
    void quotesAndEscapesAsHaproxy(String text, String expected) throws SampleCompileException {
        assertEquals(expected, single(text));
    }

    @Test
    void controlEscapesOutsideAndInsideDoubleQuotes() throws SampleCompileException {
        assertEquals("a\tb", single("(a\\tb)"));
        assertEquals("a\tb", single("(\"a\\tb\")"));
        assertEquals("a\r\nb", single("(a\\r\\nb)"));
    }

    @Test
    void backslashBeforeADelimiterDoesNotEscapeIt() {
        // haproxy 2.6: str(a\,b) → "expected ')' before ',b)'"; str(a\)b) ends at the ')'.
        SampleCompileException e = assertThrows(SampleCompileException.class, () -> single("(a\\,b)"));
        assertEquals("fetch method 'f' : expected ')' before ',b)'", e.getMessage());
    }

    @Test
    void stopsAfterTheClosingParenthesis() throws SampleCompileException {
        ArgumentParser.Result result = parse("(a\\)b)", List.of(ArgType.STR), 1);
        assertEquals("a\\", result.arguments().str(0));
        assertEquals(4, result.end());
    }

    @Test
    void emptyArguments() throws SampleCompileException {
        List<ArgType> strInt = List.of(ArgType.STR, ArgType.SINT);
        // req.hdr(,1): an empty string, then 1.
        assertEquals(Arrays.asList("", 1L), parse("(,1)", strInt, 0).arguments().values());
        // haproxy 2.6: req.hdr() is an empty name (every header), req.hdr has no argument at all.
        assertEquals(Arrays.asList("", null), parse("()", strInt, 0).arguments().values());
        assertEquals(Arrays.asList(null, null), parse("", strInt, 0).arguments().values());
        // A lone () before an optional integer is no argument: sha2() is sha2, crc32() is crc32.
        assertEquals(Arrays.asList((Object) null), parse("()", List.of(ArgType.SINT), 0).arguments().values());
        // A quoted empty string is an argument.
        assertEquals(Arrays.asList("", null), parse("('')", strInt, 0).arguments().values());
        // An empty optional integer ends the list: field(1,x,) is accepted.
        assertEquals(Arrays.asList("x", null), parse("(x,)", strInt, 0).arguments().values());
        // Without parentheses, nothing follows the keyword.
        assertEquals(0, parse(",lower", strInt, 0).end());
    }

    @Test
    void unterminatedQuotesRunToTheEnd() {
        SampleCompileException e = assertThrows(SampleCompileException.class, () -> single("(\"abc)"));
        assertEquals("fetch method 'f' : expected ')'", e.getMessage());
        e = assertThrows(SampleCompileException.class, () -> single("('abc)"));
        assertEquals("fetch method 'f' : expected ')'", e.getMessage());
    }

    @Test
    void integers() {
        assertEquals(List.of(10L), ArgumentParser.parseInteger("010").stream().toList());
        assertEquals(List.of(-5L), ArgumentParser.parseInteger("-5").stream().toList());
        assertEquals(List.of(5L), ArgumentParser.parseInteger("+5").stream().toList());
        assertEquals(List.of(Long.MAX_VALUE), ArgumentParser.parseInteger("99999999999999999999").stream().toList());
        assertEquals(List.of(), ArgumentParser.parseInteger("-").stream().toList());
        assertEquals(List.of(), ArgumentParser.parseInteger("1e3").stream().toList());
        assertEquals(List.of(), ArgumentParser.parseInteger("").stream().toList());
    }

    @Test
    void typedValues() throws Exception {
        List<ArgType> types = List.of(ArgType.TIME, ArgType.SIZE, ArgType.IPV4, ArgType.IPV6, ArgType.MSK4,
                ArgType.MSK6, ArgType.VAR, ArgType.BACKEND, ArgType.SERVER);
        Arguments args = parse("(2s,16k,10.0.0.1,::ffff:1.2.3.4,255.255.255.0,64,sess.a.b_c,app,app/s1)", types, 9)
                .arguments();
        assertEquals(2000L, args.sint(0));
        assertEquals(16384L, args.sint(1));
        assertEquals(InetAddress.getByName("10.0.0.1"), args.get(2));
        InetAddress mapped = args.get(3);
        assertEquals(16, mapped.getAddress().length, "an IPv4-mapped IPv6 argument stays IPv6");
        assertArrayEquals(ArgumentParser.prefixMask(24, 4), args.get(4));
        assertArrayEquals(ArgumentParser.prefixMask(64, 16), args.get(5));
        assertEquals(new VariableName(VariableStore.Scope.SESS, "a.b_c"), args.variable(6));
        assertEquals("app", args.str(7));
        assertEquals("app/s1", args.str(8));
    }

    @Test
    void emptyProxyNamesMeanTheCurrentProxy() throws SampleCompileException {
        assertNull(parse("()", List.of(ArgType.BACKEND), 1).arguments().get(0));
    }

    @ParameterizedTest
    @CsvSource({"0,00000000", "32,ffffffff", "255.255.255.255,ffffffff", "0.0.0.0,00000000", "255.128.0.0,ff800000",
        "9,ff800000", "255.0.255.0,ff00ff00"})
    void ipv4Masks(String text, String mask) throws SampleCompileException {
        // haproxy 2.6 applies a mask written as an address bit by bit, contiguous or not.
        assertEquals(mask, java.util.HexFormat.of().formatHex(
                parse("(" + text + ")", List.of(ArgType.MSK4), 1).arguments().<byte[]>get(0)));
    }

    @ParameterizedTest
    @CsvSource({"0,00000000000000000000000000000000", "128,ffffffffffffffffffffffffffffffff",
        "24,ffffff00000000000000000000000000", "ffff:ffff::,ffffffff000000000000000000000000",
        "ffff::ffff,ffff000000000000000000000000ffff", "::,00000000000000000000000000000000"})
    void ipv6Masks(String text, String mask) throws SampleCompileException {
        // haproxy 2.6: ipmask(24,ffff:ffff::) and ipmask(24,64) are both valid.
        assertEquals(mask, java.util.HexFormat.of().formatHex(
                parse("(" + text + ")", List.of(ArgType.MSK6), 1).arguments().<byte[]>get(0)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "MSK4 | 33              | failed to parse '33' as type 'IPv4 mask' at position 1",
        "MSK4 | ::              | failed to parse '::' as type 'IPv4 mask' at position 1",
        "MSK6 | 1.2.3.4         | failed to parse '1.2.3.4' as type 'IPv6 mask' at position 1",
        "MSK6 | 129             | failed to parse '129' as type 'IPv6 mask' at position 1",
        "MSK6 | abc             | failed to parse 'abc' as type 'IPv6 mask' at position 1",
        "IPV6 | ::1%eth0        | failed to parse '::1%eth0' as type 'IPv6 address' at position 1",
        "IPV6 | example.com     | failed to parse 'example.com' as type 'IPv6 address' at position 1",
        "TIME | 5x              | failed to parse '5x' as type 'delay' at position 1",
        "SIZE | k               | failed to parse 'k' as type 'size' at position 1",
    })
    void badValues(ArgType type, String word, String message) {
        SampleCompileException e = assertThrows(SampleCompileException.class,
                () -> parse("(" + word + ")", List.of(type), 1));
        assertEquals("fetch method 'f' : " + message, e.getMessage());
    }

    @Test
    void checkerTransformsAndItsMessageIsWrapped() throws SampleCompileException {
        ArgumentParser.Owner hex = new ArgumentParser.Owner("c", true, List.of(ArgType.STR), 1, args -> {
            if (args.str(0).isEmpty()) {
                throw new SampleCompileException("empty");
            }
            return args.with(0, args.str(0).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        });
        assertArrayEquals(new byte[] {'a'},
                (byte[]) ArgumentParser.parse("(a)", 0, hex, CompileScope.STANDALONE).arguments().get(0));
        SampleCompileException e = assertThrows(SampleCompileException.class,
                () -> ArgumentParser.parse("()", 0, hex, CompileScope.STANDALONE));
        assertEquals("invalid args in converter 'c' : empty", e.getMessage());
    }
}
