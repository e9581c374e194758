package dev.shuttle.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The expression syntax and haproxy 2.6's messages for bad expressions. Each message below was
 * produced by {@code haproxy -c} on a rule {@code http-request set-var(txn.x) <expression>}
 * (haproxy ends them with a '.', which the caller adds; in a log-format {@code %[...]} haproxy's
 * remainders also show the closing {@code ]}).
 */
class SampleCompilerTest {
    private final SampleRegistry registry = CompiledExpressionFixture.registry();
    private final CompiledExpressionFixture.World world = new CompiledExpressionFixture.World();

    private SampleExpression compile(String text) throws SampleCompileException {
        return SampleCompiler.compile(text, registry, CompileScope.STANDALONE);
    }

    private String error(String text) {
        return assertThrows(SampleCompileException.class, () -> compile(text)).getMessage();
    }

    private String value(String text) throws SampleCompileException {
        return compile(text).evaluate(world.context()).map(Sample::toText).orElse("<none>");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "foo                       | unknown fetch method 'foo'",
        "''                        | missing fetch method",
        ",lower                    | missing fetch method",
        "str(a),bar                | unknown converter 'bar'",
        "str(a),                   | unknown converter ''",
        "str(a), lower             | unknown converter ''",
        "str(a),lower,             | unknown converter ''",
        "str(a)b                   | missing comma after fetch keyword 'str'",
        "str(a),lower)             | missing comma after converter 'lower'",
        "str(x                     | fetch method 'str' : expected ')'",
        "`str(\"abc)`              | fetch method 'str' : expected ')'",
        "str(a,b)                  | fetch method 'str' : expected ')' before ',b)'",
        "str(a,)                   | fetch method 'str' : expected ')' before ',)'",
        "always_true(1)            | fetch method 'always_true' : expected ')' before '1)'",
        "str(a),lower(             | invalid arg 1 in converter 'lower' : expected ')'",
        "str(a),lower(1)           | invalid arg 1 in converter 'lower' : expected ')' before '1)'",
        "int(abc)                  | fetch method 'int' : failed to parse 'abc' as type 'integer' at position 1",
        "int(1x)                   | fetch method 'int' : failed to parse '1x' as type 'integer' at position 1",
        "int(0x10)                 | fetch method 'int' : failed to parse '0x10' as type 'integer' at position 1",
        "int( 5)                   | fetch method 'int' : failed to parse ' 5' as type 'integer' at position 1",
        "int                       | fetch method 'int' : expected type 'integer' at position 1, but got nothing",
        "int()                     | fetch method 'int' : expected type 'integer' at position 1, but got nothing",
        "date(,ms)                 | fetch method 'date' : expected ')' before ',ms)'",
        "date(x)                   | fetch method 'date' : failed to parse 'x' as type 'integer' at position 1",
        "date(1,ms,3)              | fetch method 'date' : expected ')' before ',3)'",
        "ipv4(1.2.3)               | fetch method 'ipv4' : failed to parse '1.2.3' as type 'IPv4 address' at position 1",
        "ipv4(01.2.3.4)            | fetch method 'ipv4' : failed to parse '01.2.3.4' as type 'IPv4 address' at position 1",
        "ipv4(::1)                 | fetch method 'ipv4' : failed to parse '::1' as type 'IPv4 address' at position 1",
        "ipv4(1.2.3.4/24)          | fetch method 'ipv4' : failed to parse '1.2.3.4/24' as type 'IPv4 address' at position 1",
        "ipv6(1.2.3.4)             | fetch method 'ipv6' : failed to parse '1.2.3.4' as type 'IPv6 address' at position 1",
        "rand(a)                   | fetch method 'rand' : failed to parse 'a' as type 'integer' at position 1",
        "uuid(x)                   | fetch method 'uuid' : failed to parse 'x' as type 'integer' at position 1",
        "str(a),field              | invalid arg 1 in converter 'field' : expected type 'integer' at position 1, but got nothing",
        "str(a),field()            | invalid arg 1 in converter 'field' : expected type 'integer' at position 1, but got nothing",
        "str(a),field(,)           | invalid arg 1 in converter 'field' : expected type 'integer' at position 1, but got nothing",
        "str(a),field(1)           | invalid arg 2 in converter 'field' : missing arguments (got 1/2), type 'string' expected",
        "str(a),field(x,1)         | invalid arg 1 in converter 'field' : failed to parse 'x' as type 'integer' at position 1",
        "str(a),field(1,x,2,3)     | invalid arg 3 in converter 'field' : expected ')' before ',3)'",
        "str(a),field(1,x,2        | invalid arg 3 in converter 'field' : expected ')'",
        "str(a),field(1,)          | invalid args in converter 'field' : Empty separators list",
        "str(a),ipmask(33)         | invalid arg 1 in converter 'ipmask' : failed to parse '33' as type 'IPv4 mask' at position 1",
        "meth(GET),add(1)          | converter 'add' cannot be applied",
        "bool(1),ipmask(24)        | converter 'ipmask' cannot be applied",
        "ipv6(::1),add(1)          | converter 'add' cannot be applied",
        "bin(41),add(1)            | converter 'add' cannot be applied",
        "bin(41),ipmask(8)         | converter 'ipmask' cannot be applied",
        "meth(GET),ipmask(8)       | converter 'ipmask' cannot be applied",
        "var(foo)                  | invalid args in fetch method 'var' : invalid variable name 'foo'. A variable name must be start by its scope. The scope can be 'proc', 'sess', 'txn', 'req', 'res' or 'check'",
        "var(xx.foo)               | invalid args in fetch method 'var' : invalid variable name 'xx.foo'. A variable name must be start by its scope. The scope can be 'proc', 'sess', 'txn', 'req', 'res' or 'check'",
        "var(txn.)                 | invalid args in fetch method 'var' : invalid variable name 'txn.'. A variable name must be start by its scope. The scope can be 'proc', 'sess', 'txn', 'req', 'res' or 'check'",
        "var(txn.a-b)              | invalid args in fetch method 'var' : invalid syntax at char '-b'",
        "var(txn.a,x,y)            | fetch method 'var' : expected ')' before ',y)'",
        "date(1,xx)                | invalid args in fetch method 'date' : expects 's', 'ms' or 'us', got 'xx'",
        "date(0,)                  | invalid args in fetch method 'date' : expects 's', 'ms' or 'us', got ''",
        "uuid(3)                   | invalid args in fetch method 'uuid' : Unsupported UUID version: '3'",
        "bool(2)                   | invalid args in fetch method 'bool' : Expects 'true', 'false', '0' or '1'",
        "bin(zz)                   | invalid args in fetch method 'bin' : an hex digit is expected (found 'z')",
        "bin(abc)                  | invalid args in fetch method 'bin' : an even number of hex digit is expected",
        "meth(a b)                 | invalid args in fetch method 'meth' : expects valid method.",
        "str(a),map(/nonexist)     | invalid args in converter 'map' : failed to open pattern file </nonexist>",
    })
    void refusesWithHaproxysMessages(String text, String message) {
        assertEquals(message, error(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "str                 | []",
        "str()               | []",
        "str( a )            | [ a ]",
        "str(A),lower        | a",
        "str(A),,lower       | a",
        "`str('a,b')`        | [a,b]",
        "`str(\"x y\")`      | x y",
        "int(-5),add(2)      | -3",
        "int(+5)             | 5",
        "int(010)            | 10",
        "int(99999999999999999999)  | 9223372036854775807",
        "int(-99999999999999999999) | -9223372036854775808",
        "src,add(1)          | 3221225992",
        "str(12abc),add(1)   | 13",
        "var(txn.x),add(1)   | <none>",
        "str(a),field(1,x,)  | a",
    })
    void compilesWhatHaproxyAccepts(String text, String expected) throws SampleCompileException {
        if (expected.equals("<never>")) {
            assertThrows(SampleCompileException.class, () -> compile(text));
            return;
        }
        String actual = value(text);
        assertEquals(expected, expected.startsWith("[") ? "[" + actual + "]" : actual);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // haproxy 2.6: "()" is an empty string argument, which these take as their default;
        // before an optional integer, it is no argument.
        "str(x),json()         | x",
        "`str(x),json('')`     | x",
        "str(a;b),url_enc()    | a%3Bb",
        "`str(a;b),url_enc('')`| a%3Bb",
        "str(AB),be2hex()      | 4142",
        "str(AB),be2hex(,0)    | 4142",
        "str(ab),concat()      | ab",
        "str(ab),sha2(),length | 32",
        "str(ab),crc32()       | 2659403885",
    })
    void emptyParenthesesAcrossTheStandardKeywords(String text, String expected) throws SampleCompileException {
        assertEquals(expected, SampleCompiler.compile(text, SampleRegistry.standard(), CompileScope.STANDALONE)
                .evaluate(world.context()).map(Sample::toText).orElse("<none>"));
    }

    @Test
    void outputTypeFollowsTheLastConverter() throws SampleCompileException {
        assertEquals(SampleType.SINT, compile("int(1)").outputType());
        assertEquals(SampleType.SINT, compile("str(1),add(1)").outputType());
        assertEquals(SampleType.IPV4, compile("str(1.2.3.4),ipmask(8)").outputType());
        // A converter taking any input keeps its type.
        assertEquals(SampleType.BIN, compile("bin(41),debug").outputType());
        assertEquals(SampleType.SINT, compile("int(1),debug").outputType());
    }

    @Test
    void keepsTheTextAndTheFetchPhases() throws SampleCompileException {
        SampleExpression expression = compile("words(a b),lower");
        assertEquals("words(a b),lower", expression.text());
        assertEquals(java.util.EnumSet.of(Phase.HTTP_REQUEST), expression.usableIn());
    }

    @Test
    void loadsMapsThroughTheScopeRelativeToItsDirectory() throws SampleCompileException {
        java.util.List<String> asked = new java.util.ArrayList<>();
        CompileScope scope = new CompileScope(java.nio.file.Path.of("/etc/shuttle"), path -> {
            asked.add(path);
            return Map.of("a", "alpha");
        });
        SampleExpression expression = SampleCompiler.compile("str(a),map(hosts.map)", registry, scope);
        assertEquals(Optional.of(Sample.str("alpha")), expression.evaluate(world.context()));
        SampleCompiler.compile("str(a),map(/abs/x.map)", registry, scope);
        assertEquals(java.util.List.of("/etc/shuttle/hosts.map", "/abs/x.map"), asked);
    }

    @Test
    void converterArgumentsOfEveryKind() throws SampleCompileException {
        assertEquals("txn.name", value("str(a),get(txn.name)"));
        assertEquals("1500", value("str(a),delay(1500ms)"));
        assertEquals("60000", value("str(a),delay(1m,16k)"));
        assertEquals("invalid arg 1 in converter 'delay' : failed to parse '1x' as type 'delay' at position 1",
                error("str(a),delay(1x)"));
        assertEquals("invalid arg 2 in converter 'delay' : failed to parse '1q' as type 'size' at position 2",
                error("str(a),delay(1,1q)"));
        assertEquals("b-b", value("str(a-a),regsub(a,b)"));
        assertEquals("X", value("str(a(),regsub('a\\(',X)"));
        assertEquals("invalid args in converter 'regsub' : regex 'a(' is invalid (error=Unclosed group, erroffset=2)",
                error("str(a),regsub('a(',b)"));
        assertEquals("1.2.0.0", value("str(1.2.3.4),ipmask(255.255.0.0)"));
        // haproxy 2.6: a mask need not be contiguous; it applies bit by bit.
        assertEquals("1.0.3.0", value("str(1.2.3.4),ipmask(255.0.255.0)"));
        assertEquals("invalid arg 1 in converter 'ipmask' : failed to parse '255.0.256.0' as type 'IPv4 mask' at position 1",
                error("str(a),ipmask(255.0.256.0)"));
    }
}
